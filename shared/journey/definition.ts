import { z } from 'zod';
import {
  ACTION_TYPES,
  BLUEPRINT_STATUSES,
  CHANNELS,
  CONSENT_BASES,
  EXIT_TYPES,
  ID_PATTERN,
  MACRO_STAGES,
  SYSTEM_CATEGORIES,
  isDuration,
} from '../model/index.ts';
import { conditionError } from './condition.ts';

/**
 * Journey Definition v1: the executable form of a blueprint, our own versioned JSON format.
 * docs/journey-definition.md describes it; docs/schema/journey-definition.schema.json is generated
 * from this schema. Ids are the blueprint's own (stage, card and flow ids), so a diff of two
 * definitions follows the diff of their blueprints.
 */
export const DEFINITION_FORMAT = 'journeyscroll.journey-definition';
export const DEFINITION_VERSION = 1;

const id = z.string().regex(ID_PATTERN).describe('A blueprint id: stage, card or flow');
const duration = z
  .string()
  .max(40)
  .refine(isDuration, 'a duration is like 3d, 12h, 1d12h or 365d')
  .describe('A duration: 3d, 12h, 1d12h, 365d, 2w');
const condition = z
  .string()
  .max(1000)
  .refine((text) => conditionError(text) === null, { error: (issue) => `not a valid condition: ${conditionError(String(issue.input))}` })
  .describe('A condition in the JourneyScroll condition language, e.g. score >= 50 && industry != "Education"');
const eventName = z.string().min(1).max(200).describe('A customer event name, e.g. form.submitted');

export const triggerSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('enter') }).describe('Fires as the customer enters the stage'),
    z
      .object({ kind: z.literal('event'), event: eventName, condition: condition.optional() })
      .describe('Fires when the event arrives and the condition (evaluated after the event’s data is merged) holds'),
    z
      .object({ kind: z.literal('condition'), condition })
      .describe('Fires at entry or after any event, action or timer once the condition holds'),
  ])
  .describe('What starts a reaction');
export type Trigger = z.infer<typeof triggerSchema>;

export const actionSchema = z
  .object({
    id: id.describe('The automation card the action comes from'),
    type: z.enum(ACTION_TYPES),
    /** The team owning the step: the card's owner, or its lane's. */
    owner: z.string().max(500),
    channel: z.enum(CHANNELS).optional(),
    content: z.string().max(1000).optional(),
    field: z.string().max(200).optional(),
    value: z.union([z.string().max(1000), z.number(), z.boolean()]).optional(),
    system: z.string().max(200).optional(),
    classification: z.string().max(200).optional(),
    team: z.string().max(200).optional(),
    task: z.string().max(1000).optional(),
  })
  .describe('send on a channel, set a field in a system, change classification, create a task, notify a team');
export type DefinitionAction = z.infer<typeof actionSchema>;

export const thenSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stay') }).describe('Stay in the stage (an in-stage step)'),
  z.object({ kind: z.literal('goto'), stage: id }).describe('Move to another stage (a stage transition)'),
  z
    .object({ kind: z.literal('exit'), exit: z.enum(EXIT_TYPES), journey: z.string().max(200).optional() })
    .describe('Leave the journey: opt-out, move to another journey, or goal reached'),
]);
export type Then = z.infer<typeof thenSchema>;

export const reactionSchema = z
  .object({
    id: id.describe('The flow or card this reaction comes from'),
    source: z.enum(['flow', 'card']),
    label: z.string().max(500).default(''),
    trigger: triggerSchema,
    after: duration.optional().describe('Wait this long after the trigger before acting'),
    guard: condition.optional().describe('Checked when `after` has elapsed; if false the reaction lapses for this visit'),
    actions: z.array(actionSchema),
    then: thenSchema,
  })
  .describe('One rule of a stage: when the trigger fires (then after the wait), run the actions and stay, move or exit');
export type Reaction = z.infer<typeof reactionSchema>;

export const captureSchema = z
  .object({
    id: id.describe('The data card'),
    field: z.string().min(1).max(200),
    system: z.string().max(200),
    source: z.string().max(200).optional(),
    systemCategory: z.enum(SYSTEM_CATEGORIES).optional(),
    consent: z.enum(CONSENT_BASES).optional(),
    owner: z.string().max(500),
  })
  .describe('A field captured as the customer enters the stage');
export type Capture = z.infer<typeof captureSchema>;

export const stateSchema = z.object({
  id: id.describe('The stage id'),
  name: z.string().max(200),
  macroStage: z.enum(MACRO_STAGES).optional(),
  entryCriterion: z.string().max(500).default(''),
  goal: z.string().max(500).default(''),
  captures: z.array(captureSchema),
  reactions: z.array(reactionSchema).describe('In priority order: the first enabled reaction acts first'),
});
export type StateDefinition = z.infer<typeof stateSchema>;

export const reentrySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('never') }),
  z.object({ mode: z.literal('always') }),
  z.object({ mode: z.literal('after'), after: duration }).describe('May re-enter once this long has passed since the exit'),
]);
export type Reentry = z.infer<typeof reentrySchema>;

export const entrySchema = z.object({
  stage: id,
  trigger: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('immediate') }),
      z.object({ kind: z.literal('event'), event: eventName, condition: condition.optional() }),
      z.object({ kind: z.literal('condition'), condition }),
    ])
    .describe('What brings a customer into the journey'),
  source: id.optional().describe('The automation card the entry trigger comes from'),
  reentry: reentrySchema,
});
export type Entry = z.infer<typeof entrySchema>;

export const goalSchema = z.object({
  id: id,
  stage: id,
  description: z.string().max(500),
  condition: condition.optional(),
});

/** Where a definition came from: which blueprint, which version of it, and its content's hash. */
export const provenanceSchema = z
  .object({
    blueprint: z.string().max(200).describe("The blueprint's id (its room, or the file's blueprint id)"),
    version: z.string().max(200).describe('The version compiled: "v3" (approved), a version name, or "working copy"'),
    hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe("SHA-256 of the blueprint's canonical content (shared/governance/versions.ts)"),
    approved: z.boolean().describe('Whether this is an approved version'),
  })
  .describe('The blueprint, version and content hash the definition was compiled from');
export type Provenance = z.infer<typeof provenanceSchema>;

/** "blueprint b2b-q4, version v3 (approved), content sha256 9f2c…" — the same words in every export. */
export function provenanceLine(p: Provenance): string {
  return `blueprint ${p.blueprint.replace(/[\r\n]+/g, ' ')}, version ${p.version.replace(/[\r\n]+/g, ' ')}${p.approved ? ' (approved)' : ''}, content sha256 ${p.hash}`;
}

export const definitionSchema = z
  .object({
    format: z.literal(DEFINITION_FORMAT),
    version: z.literal(DEFINITION_VERSION),
    title: z.string().max(200),
    status: z.enum(BLUEPRINT_STATUSES),
    provenance: provenanceSchema.optional(),
    entry: entrySchema,
    states: z.array(stateSchema).min(1).describe('The stages, in scroll order'),
    goals: z.array(goalSchema),
  })
  .superRefine((def, ctx) => {
    const ids = new Set(def.states.map((s) => s.id));
    if (ids.size !== def.states.length) ctx.addIssue({ code: 'custom', message: 'stage ids must be unique', path: ['states'] });
    if (!ids.has(def.entry.stage))
      ctx.addIssue({ code: 'custom', message: `entry stage ${def.entry.stage} is not a stage`, path: ['entry', 'stage'] });
    def.states.forEach((state, s) => {
      const seen = new Set<string>();
      state.reactions.forEach((r, i) => {
        if (seen.has(r.id))
          ctx.addIssue({
            code: 'custom',
            message: `reaction ${r.id} appears twice in stage ${state.id}`,
            path: ['states', s, 'reactions', i, 'id'],
          });
        seen.add(r.id);
        if (r.then.kind === 'goto' && !ids.has(r.then.stage)) {
          ctx.addIssue({
            code: 'custom',
            message: `reaction ${r.id} moves to ${r.then.stage}, which is not a stage`,
            path: ['states', s, 'reactions', i, 'then', 'stage'],
          });
        }
        if (r.guard !== undefined && r.after === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `reaction ${r.id} has a guard but no wait`,
            path: ['states', s, 'reactions', i, 'guard'],
          });
        }
      });
    });
  })
  .describe('JourneyScroll Journey Definition v1');
export type JourneyDefinition = z.infer<typeof definitionSchema>;

export interface DefinitionIssue {
  readonly path: string;
  readonly message: string;
}

/** Validates a parsed JSON value; lists every problem with its JSON path. */
export function validateDefinition(value: unknown): { ok: true; definition: JourneyDefinition } | { ok: false; issues: DefinitionIssue[] } {
  const result = definitionSchema.safeParse(value);
  if (result.success) return { ok: true, definition: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: issue.path.length ? issue.path.join('.') : '(root)', message: issue.message })),
  };
}
