import { z } from 'zod';
import { DURATION_PATTERN } from './duration.ts';
import { compileValidator } from './fast-validate.ts';
import { ID_PATTERN } from './ids.ts';
import {
  ACTION_TYPES,
  BLUEPRINT_STATUSES,
  CARD_KINDS,
  CARD_STATUSES,
  CHANNELS,
  CONSENT_BASES,
  EMOTION_MAX,
  EMOTION_MIN,
  EXIT_TYPES,
  HISTORY_KINDS,
  LANE_KINDS,
  MACRO_STAGES,
  SYSTEM_CATEGORIES,
  SYSTEM_STATUSES,
  TRIGGER_TYPES,
} from './vocabulary.ts';

/**
 * The blueprint model: plain, validated data. This is what `readBlueprint` returns, what the
 * interchange JSON holds and what the layout and the journey compiler read. Limits on text sizes
 * keep a hostile or broken peer from bloating every client.
 */

export const idSchema = z.string().regex(ID_PATTERN, 'an id is 1–64 letters, digits, _ : or -');
export const orderSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[0-9A-Za-z]+$/, 'an order key is base-62');
export const durationSchema = z
  .string()
  .min(1, 'a duration is like 3d, 12h, 1d12h or 365d')
  .max(40)
  .regex(DURATION_PATTERN, 'a duration is like 3d, 12h, 1d12h or 365d');
const name = z.string().trim().min(1).max(200);
const shortText = z.string().max(500);
const longText = z.string().max(20_000);

/** A colour as #rrggbb (persona curves and tags). */
export const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');
/** How many personas one card may be tagged with (a blueprint rarely has more than a handful). */
export const MAX_CARD_PERSONAS = 50;

export const personaSchema = z.object({
  id: idSchema,
  name,
  description: longText.default(''),
  /** The persona's colour on the canvas and in prints; absent: the palette's colour for its place (see personas.ts). */
  color: colourSchema.optional(),
});
export type Persona = z.infer<typeof personaSchema>;

export const metaSchema = z.object({
  /** A stable id for the blueprint, written when it is created (older blueprints have none). */
  id: idSchema.optional(),
  schemaVersion: z.number().int().min(1),
  minAppVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  title: z.string().max(200),
  status: z.enum(BLUEPRINT_STATUSES),
  owner: shortText.default(''),
  description: longText.default(''),
  /** Who was asked to review it, named when it moved to in review (docs/versions.md "Approval"). */
  reviewers: z.array(shortText).max(20).optional(),
});
export type BlueprintMeta = z.infer<typeof metaSchema>;

export const stageSchema = z.object({
  id: idSchema,
  name,
  order: orderSchema,
  macroStage: z.enum(MACRO_STAGES).optional(),
  entryCriterion: shortText.default(''),
  customerGoal: shortText.default(''),
  /** Column width on the scroll in layout units; absent means the layout's default. */
  width: z.number().int().min(120).max(4000).optional(),
});
export type Stage = z.infer<typeof stageSchema>;

export const laneSchema = z.object({
  id: idSchema,
  name,
  kind: z.enum(LANE_KINDS),
  order: orderSchema,
  owner: shortText.default(''),
});
export type Lane = z.infer<typeof laneSchema>;

export const triggerSchema = z.object({
  type: z.enum(TRIGGER_TYPES),
  /** `event`: the event name, e.g. "form.submitted". */
  event: z.string().max(200).optional(),
  /** `score`: a condition over customer attributes, e.g. "score >= 50". */
  condition: z.string().max(1000).optional(),
  /** `elapsed`: time since entering the stage. */
  after: durationSchema.optional(),
  /** `segment`: the segment entered. */
  segment: z.string().max(200).optional(),
});
export type Trigger = z.infer<typeof triggerSchema>;

export const actionSchema = z.object({
  type: z.enum(ACTION_TYPES),
  channel: z.enum(CHANNELS).optional(),
  content: z.string().max(1000).optional(),
  field: z.string().max(200).optional(),
  value: z.union([z.string().max(1000), z.number(), z.boolean()]).optional(),
  system: z.string().max(200).optional(),
  classification: z.string().max(200).optional(),
  team: z.string().max(200).optional(),
  task: z.string().max(1000).optional(),
});
export type Action = z.infer<typeof actionSchema>;

export const exitSchema = z.object({
  type: z.enum(EXIT_TYPES),
  /** `move-to-journey`: the journey moved into. */
  journey: z.string().max(200).optional(),
  /** An optional condition under which the exit applies, e.g. "optedOut == true". */
  condition: z.string().max(1000).optional(),
});
export type Exit = z.infer<typeof exitSchema>;

export const metricsSchema = z.object({
  volume: z.number().min(0).optional(),
  conversionRate: z.number().min(0).max(1).optional(),
  openRate: z.number().min(0).max(1).optional(),
  clickRate: z.number().min(0).max(1).optional(),
  revenue: z.number().optional(),
  period: z.string().max(100).optional(),
});
export type Metrics = z.infer<typeof metricsSchema>;

export const cardSchema = z.object({
  id: idSchema,
  stageId: idSchema,
  laneId: idSchema,
  order: orderSchema,
  kind: z.enum(CARD_KINDS),
  title: z.string().max(500),
  notes: longText.default(''),
  /** The owning team ("Marketing", "CX", "Sales"…). */
  owner: shortText.default(''),
  status: z.enum(CARD_STATUSES).default('draft'),
  // Touchpoint
  channel: z.enum(CHANNELS).optional(),
  content: z.string().max(2000).optional(),
  // Thinking and feeling
  emotion: z.number().int().min(EMOTION_MIN).max(EMOTION_MAX).optional(),
  // Data captured: the field, where it comes from, the system storing it, the consent basis
  field: z.string().max(200).optional(),
  source: z.string().max(200).optional(),
  system: z.string().max(200).optional(),
  systemCategory: z.enum(SYSTEM_CATEGORIES).optional(),
  consent: z.enum(CONSENT_BASES).optional(),
  // Technology and vendors (the system's name is `system`)
  vendor: z.string().max(200).optional(),
  purpose: z.string().max(1000).optional(),
  systemStatus: z.enum(SYSTEM_STATUSES).optional(),
  // Automation
  trigger: triggerSchema.optional(),
  action: actionSchema.optional(),
  wait: durationSchema.optional(),
  exit: exitSchema.optional(),
  // Performance figures imported from analytics
  metrics: metricsSchema.optional(),
  /** The personas this card concerns (persona ids; replaced whole). An id whose persona is gone is ignored by readers. */
  personas: z.array(idSchema).max(MAX_CARD_PERSONAS).optional(),
});
export type Card = z.infer<typeof cardSchema>;

export const flowSchema = z.object({
  id: idSchema,
  from: idSchema,
  to: idSchema,
  /** The event that moves the customer on, e.g. "email.opened". */
  event: z.string().max(200).optional(),
  /** A condition over customer attributes, e.g. "score >= 50". */
  condition: z.string().max(1000).optional(),
  /** How long to wait before moving on, e.g. "3d". */
  delay: durationSchema.optional(),
  label: z.string().max(200).default(''),
});
export type Flow = z.infer<typeof flowSchema>;

/** A free-form tldraw record (note, drawing, arrow, image…), kept as the canvas wrote it. */
export const annotationSchema = z.object({ id: z.string().min(1).max(200), typeName: z.string().min(1).max(100) }).catchall(z.json());
export type Annotation = z.infer<typeof annotationSchema>;

export const historyEntrySchema = z.object({
  at: z.iso.datetime(),
  by: shortText,
  kind: z.enum(HISTORY_KINDS),
  from: z.enum(BLUEPRINT_STATUSES).optional(),
  to: z.enum(BLUEPRINT_STATUSES).optional(),
  version: z.string().max(100).optional(),
  note: z.string().max(2000).optional(),
  /** A move to in review: who was asked to review. */
  reviewers: z.array(shortText).max(20).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const BLUEPRINT_FORMAT = 'journeyscroll.blueprint';

/**
 * The interchange form. Entities are arrays sorted by id (stages and lanes included: their display
 * order is `order`), so two equal documents give deep-equal JSON.
 */
export const blueprintSchema = z.object({
  format: z.literal(BLUEPRINT_FORMAT),
  meta: metaSchema,
  personas: z.array(personaSchema),
  stages: z.array(stageSchema),
  lanes: z.array(laneSchema),
  cards: z.array(cardSchema),
  flows: z.array(flowSchema),
  annotations: z.array(annotationSchema),
  history: z.array(historyEntrySchema),
});
export type Blueprint = z.infer<typeof blueprintSchema>;
export type BlueprintInput = z.input<typeof blueprintSchema>;

/** Entity collections of the document, by their Y.Doc key. */
export const ENTITY_SCHEMAS = {
  personas: personaSchema,
  stages: stageSchema,
  lanes: laneSchema,
  cards: cardSchema,
  flows: flowSchema,
  annotations: annotationSchema,
} as const;
export type EntityCollection = keyof typeof ENTITY_SCHEMAS;
export const ENTITY_COLLECTIONS = Object.keys(ENTITY_SCHEMAS) as EntityCollection[];

/** Fast validators for reading documents (see fast-validate.ts), one per collection. */
export const ENTITY_VALIDATORS = {
  personas: compileValidator(personaSchema),
  stages: compileValidator(stageSchema),
  lanes: compileValidator(laneSchema),
  cards: compileValidator(cardSchema),
  flows: compileValidator(flowSchema),
  annotations: compileValidator(annotationSchema),
} as const;
