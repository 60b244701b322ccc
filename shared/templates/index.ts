import { b2bLeadToRenewal } from './b2b-lead-to-renewal.ts';
import { b2cEcommerce } from './b2c-ecommerce.ts';
import { blank } from './blank.ts';
import type { Template } from './lib/template.ts';
import { saasTrialToPaid } from './saas-trial-to-paid.ts';

export type { Template } from './lib/template.ts';
export { templateBuilder, TemplateError } from './lib/builder.ts';
export type { CardRef, CardSpec, FlowSpec, LaneRef, StageRef, StageSpec, TemplateBuilder, TemplateOptions } from './lib/builder.ts';
export { addDefaultLanes } from './lib/lanes.ts';

/** The built-in blueprints, in the order the New gallery shows them (Blank first: the common case). */
export const TEMPLATES: readonly Template[] = [blank, b2bLeadToRenewal, b2cEcommerce, saasTrialToPaid];

export function getTemplate(id: string): Template | undefined {
  return TEMPLATES.find((template) => template.id === id);
}
