import {
  ACTION_TYPES,
  CARD_KINDS,
  CARD_STATUSES,
  CHANNELS,
  CONSENT_BASES,
  EXIT_TYPES,
  MACRO_STAGES,
  LANE_KINDS,
  SYSTEM_CATEGORIES,
  SYSTEM_STATUSES,
  TRIGGER_TYPES,
  type Card,
  type CardKind,
} from '../../shared/model/index.ts';
import type { CardPatch } from '../../shared/doc/index.ts';
import { CHANNEL_LABELS } from '../canvas/card-text.ts';

/**
 * The inspector's fields, by card kind (docs/domain.md lanes). Each field is a path into the card
 * (`trigger.event` edits the `trigger` object) so the form, its labels and the patch it writes
 * come from one table.
 */
export type FieldControl =
  | { readonly type: 'text' }
  | { readonly type: 'textarea' }
  | { readonly type: 'number'; readonly min?: number; readonly max?: number }
  | { readonly type: 'select'; readonly options: ReadonlyArray<readonly [value: string, label: string]>; readonly optional?: boolean };

export interface FieldSpec {
  readonly path: string;
  readonly label: string;
  readonly control: FieldControl;
}

const text = { type: 'text' } as const;
const area = { type: 'textarea' } as const;
const titleCase = (s: string) => (s.charAt(0).toUpperCase() + s.slice(1)).replace(/-/g, ' ');
const pick = (values: readonly string[], optional = false, labels: Record<string, string> = {}): FieldControl => ({
  type: 'select',
  options: values.map((v) => [v, labels[v] ?? titleCase(v)] as const),
  optional,
});

const COMMON: readonly FieldSpec[] = [
  { path: 'title', label: 'Title', control: text },
  { path: 'kind', label: 'Kind', control: pick(CARD_KINDS) },
  { path: 'owner', label: 'Owner team', control: text },
  { path: 'status', label: 'Status', control: pick(CARD_STATUSES) },
];

const BY_KIND: Record<CardKind, readonly FieldSpec[]> = {
  action: [],
  note: [],
  team: [],
  touchpoint: [
    { path: 'channel', label: 'Channel', control: pick(CHANNELS, true, CHANNEL_LABELS) },
    { path: 'content', label: 'Content or offer', control: text },
  ],
  feeling: [{ path: 'emotion', label: 'Emotion score (−5 to +5)', control: { type: 'number', min: -5, max: 5 } }],
  data: [
    { path: 'field', label: 'Field captured', control: text },
    { path: 'source', label: 'Source', control: text },
    { path: 'system', label: 'Stored in system', control: text },
    { path: 'systemCategory', label: 'System category', control: pick(SYSTEM_CATEGORIES, true) },
    { path: 'consent', label: 'Consent basis', control: pick(CONSENT_BASES, true) },
  ],
  system: [
    { path: 'system', label: 'System', control: text },
    { path: 'vendor', label: 'Vendor', control: text },
    { path: 'purpose', label: 'What it does here', control: text },
    { path: 'systemStatus', label: 'Gap analysis', control: pick(SYSTEM_STATUSES, true) },
  ],
  automation: [
    { path: 'trigger.type', label: 'Trigger', control: pick(TRIGGER_TYPES, true) },
    { path: 'trigger.event', label: 'Trigger event', control: text },
    { path: 'trigger.condition', label: 'Trigger condition', control: text },
    { path: 'trigger.after', label: 'Trigger after (e.g. 3d)', control: text },
    { path: 'trigger.segment', label: 'Trigger segment', control: text },
    { path: 'action.type', label: 'Action', control: pick(ACTION_TYPES, true) },
    { path: 'action.channel', label: 'Action channel', control: pick(CHANNELS, true, CHANNEL_LABELS) },
    { path: 'action.content', label: 'Action content', control: text },
    { path: 'action.team', label: 'Action team', control: text },
    { path: 'wait', label: 'Wait (e.g. 2d)', control: text },
    { path: 'exit.type', label: 'Exit', control: pick(EXIT_TYPES, true) },
  ],
};

export function cardFields(kind: CardKind): readonly FieldSpec[] {
  return [...COMMON, ...BY_KIND[kind], { path: 'notes', label: 'Notes', control: area }];
}

export const STAGE_FIELDS: readonly FieldSpec[] = [
  { path: 'name', label: 'Stage name', control: text },
  { path: 'macroStage', label: 'Macro stage', control: pick(MACRO_STAGES, true) },
  { path: 'entryCriterion', label: 'Entry criterion', control: area },
  { path: 'customerGoal', label: 'Customer goal', control: area },
  { path: 'width', label: 'Column width', control: { type: 'number', min: 120, max: 4000 } },
];

export const LANE_FIELDS: readonly FieldSpec[] = [
  { path: 'name', label: 'Lane name', control: text },
  { path: 'kind', label: 'Lane kind', control: pick(LANE_KINDS) },
  { path: 'owner', label: 'Lane owner', control: text },
];

export const FLOW_FIELDS: readonly FieldSpec[] = [
  { path: 'label', label: 'Flow label', control: text },
  { path: 'event', label: 'Event', control: text },
  { path: 'condition', label: 'Condition', control: text },
  { path: 'delay', label: 'Delay (e.g. 3d)', control: text },
];

/** The value a field shows, as a string ('' when absent). */
export function fieldValue(entity: object, path: string): string {
  const [head, sub] = path.split('.') as [string, string | undefined];
  const value = (entity as Record<string, unknown>)[head];
  const leaf = sub === undefined ? value : value && typeof value === 'object' ? (value as Record<string, unknown>)[sub] : undefined;
  return leaf === undefined || leaf === null ? '' : String(leaf);
}

/**
 * The patch that sets a field from its form value: '' removes an optional field, numbers are
 * parsed, and a sub-field replaces its object whole (the model stores `trigger` etc. as values).
 * Emptying the `type` of an object removes the object.
 */
export function fieldPatch(entity: object, spec: FieldSpec, raw: string): Record<string, unknown> {
  const [head, sub] = spec.path.split('.') as [string, string | undefined];
  const value: unknown =
    spec.control.type === 'number'
      ? raw.trim() === ''
        ? undefined
        : Number(raw)
      : raw === '' && spec.path !== 'title' && spec.path !== 'notes' && spec.path !== 'owner'
        ? undefined
        : raw;
  if (sub === undefined) return { [head]: value };
  const current = (entity as Record<string, unknown>)[head];
  const base = current && typeof current === 'object' ? { ...(current as Record<string, unknown>) } : {};
  if (value === undefined) delete base[sub];
  else base[sub] = value;
  if (sub === 'type' && value === undefined) return { [head]: undefined };
  if (!('type' in base)) return { [head]: undefined };
  return { [head]: base };
}

export const cardPatch = (card: Card, spec: FieldSpec, raw: string): CardPatch => fieldPatch(card, spec, raw) as CardPatch;
