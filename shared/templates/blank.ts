import type { Blueprint } from '../model/schema.ts';
import { templateBuilder } from './lib/builder.ts';
import { addDefaultLanes } from './lib/lanes.ts';
import type { Template } from './lib/template.ts';

/**
 * Blank: the lifecycle's macro stages as columns and the seven lanes of docs/domain.md, nothing else.
 * The stages run past the purchase on purpose — most customer lifetime value lies after it, and a
 * blank sheet that stops at "won" invites a blueprint that does too.
 */
export const blank: Template = {
  id: 'blank',
  name: 'Blank',
  description: 'Five lifecycle stages from awareness to retention and the seven standard lanes, ready to fill in.',
  build,
};

function build(): Blueprint {
  const t = templateBuilder({ title: 'Untitled journey', description: '' });
  t.stage('awareness', 'Awareness', { macroStage: 'awareness' });
  t.stage('consideration', 'Consideration', { macroStage: 'consideration' });
  t.stage('purchase', 'Purchase', { macroStage: 'purchase' });
  t.stage('onboarding', 'Onboarding', { macroStage: 'onboarding' });
  t.stage('retention', 'Retention', { macroStage: 'retention' });
  addDefaultLanes(t);
  return t.build();
}
