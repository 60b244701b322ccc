import { firstOrders } from '../../model/order.ts';
import { BLUEPRINT_FORMAT, blueprintSchema } from '../../model/schema.ts';
import type { Blueprint, BlueprintInput, BlueprintMeta } from '../../model/schema.ts';
import { ID_PATTERN } from '../../model/ids.ts';
import { CARD_KIND_FOR_LANE } from '../../model/vocabulary.ts';
import type { BlueprintStatus, CardKind, CardStatus, LaneKind, MacroStage } from '../../model/vocabulary.ts';
import { slugify, truncateAtWord } from './slug.ts';

/**
 * An authoring builder so that a template reads like a blueprint: stages and lanes in the order
 * they appear on the scroll, cards in the cells in the order they are written, flows between cards.
 *
 * Ids are deterministic and readable (`st_lead`, `ln_touchpoints`, `cd_lead_webinar`,
 * `fl_lead_webinar__prospect_1_welcome_email`) so that a template built twice is deep-equal, a
 * journey definition compiled from it has stable ids, and a lint finding names something a person
 * recognises. Orders come from fractional indexing, exactly as if the cards had been added by hand.
 *
 * Mistakes throw where they are made (a duplicate id at the call that repeats it); anything that
 * can only be judged on the whole (a flow to a card that never appears, a value the schema rejects)
 * throws from `build()`.
 */

type RawBlueprint = BlueprintInput;
type CardInput = RawBlueprint['cards'][number];
type FlowInput = RawBlueprint['flows'][number];

export interface StageRef {
  readonly id: string;
  readonly key: string;
}

export interface LaneRef {
  readonly id: string;
  readonly key: string;
  readonly kind: LaneKind;
}

export interface CardRef {
  readonly id: string;
  readonly key: string;
  readonly stageId: string;
  readonly laneId: string;
}

export interface FlowRef {
  readonly id: string;
}

export interface TemplateOptions {
  title: string;
  description?: string;
  owner?: string;
  status?: BlueprintStatus;
  /** The status given to cards that do not set their own (the schema's default is `draft`). */
  cardStatus?: CardStatus;
}

export interface StageSpec {
  macroStage?: MacroStage;
  entryCriterion?: string;
  customerGoal?: string;
  width?: number;
}

export interface LaneSpec {
  owner?: string;
}

/** A card as written in a template: everything but its placement, which the builder supplies. */
export type CardSpec = Omit<CardInput, 'id' | 'stageId' | 'laneId' | 'order' | 'kind'> & {
  /** The id fragment after the stage key; defaults to a slug of the title. */
  key?: string;
  /** Defaults to the lane's natural card kind (CARD_KIND_FOR_LANE). */
  kind?: CardKind;
};

export type FlowSpec = Omit<FlowInput, 'id' | 'from' | 'to'> & {
  /** The id fragment after `fl_`; defaults to `<from>__<to>` from the cards' ids. */
  key?: string;
};

export interface TemplateBuilder {
  persona(key: string, name: string, description?: string): { readonly id: string };
  stage(key: string, name: string, spec?: StageSpec): StageRef;
  lane(key: string, name: string, kind: LaneKind, spec?: LaneSpec): LaneRef;
  card(stage: StageRef, lane: LaneRef, spec: CardSpec): CardRef;
  /** `from`/`to` may be refs or card ids, so a flow may name a card written further down. */
  flow(from: CardRef | string, to: CardRef | string, spec?: FlowSpec): FlowRef;
  build(): Blueprint;
}

export const TEMPLATE_SCHEMA_VERSION = 2;
export const TEMPLATE_MIN_APP_VERSION = '0.1.0';
const MAX_ID = 64;

export class TemplateError extends Error {
  override name = 'TemplateError';
}

export function templateBuilder(options: TemplateOptions): TemplateBuilder {
  const meta: BlueprintMeta = {
    schemaVersion: TEMPLATE_SCHEMA_VERSION,
    minAppVersion: TEMPLATE_MIN_APP_VERSION,
    title: options.title,
    status: options.status ?? 'draft',
    owner: options.owner ?? '',
    description: options.description ?? '',
  };
  const where = `template "${options.title}"`;
  const personas: RawBlueprint['personas'] = [];
  const stages: Array<StageRef & { name: string; spec: StageSpec }> = [];
  const lanes: Array<LaneRef & { name: string; spec: LaneSpec }> = [];
  const cards: Array<Omit<CardInput, 'order'>> = [];
  const flows: FlowInput[] = [];
  const ids = new Set<string>();

  function claim(id: string, what: string, hint = ''): string {
    if (!ID_PATTERN.test(id)) throw new TemplateError(`${where}: ${what} id "${id}" is not a valid id (1–64 of A-Z a-z 0-9 _ : -)`);
    if (ids.has(id)) throw new TemplateError(`${where}: duplicate id "${id}" for ${what}${hint}`);
    ids.add(id);
    return id;
  }

  function cardId(ref: CardRef | string): string {
    return typeof ref === 'string' ? ref : ref.id;
  }

  return {
    persona(key, name, description = '') {
      const id = claim(`pe_${key}`, `persona "${name}"`);
      personas.push({ id, name, description });
      return { id };
    },

    stage(key, name, spec = {}) {
      const ref = { id: claim(`st_${key}`, `stage "${name}"`), key };
      stages.push({ ...ref, name, spec });
      return ref;
    },

    lane(key, name, kind, spec = {}) {
      const ref = { id: claim(`ln_${key}`, `lane "${name}"`), key, kind };
      lanes.push({ ...ref, name, spec });
      return ref;
    },

    card(stage, lane, spec) {
      if (!stages.some((s) => s.id === stage.id))
        throw new TemplateError(`${where}: card "${spec.title}" is placed in stage "${stage.id}", which this template does not have`);
      const laneEntry = lanes.find((l) => l.id === lane.id);
      if (!laneEntry)
        throw new TemplateError(`${where}: card "${spec.title}" is placed in lane "${lane.id}", which this template does not have`);
      const { key: explicitKey, kind, ...fields } = spec;
      const prefix = `cd_${stage.key}_`;
      const key = explicitKey ?? slugify(spec.title, MAX_ID - prefix.length);
      if (!key) throw new TemplateError(`${where}: a card in stage "${stage.id}" has no title to derive an id from; give it a \`key\``);
      const id = claim(`${prefix}${key}`, `card "${spec.title}"`, ' (two cards in one stage need different titles or an explicit `key`)');
      cards.push({
        status: options.cardStatus,
        ...fields,
        id,
        stageId: stage.id,
        laneId: lane.id,
        kind: kind ?? CARD_KIND_FOR_LANE[laneEntry.kind],
      });
      return { id, key, stageId: stage.id, laneId: lane.id };
    },

    flow(from, to, spec = {}) {
      const { key, ...fields } = spec;
      const fromId = cardId(from);
      const toId = cardId(to);
      const id = claim(
        key ? `fl_${key}` : defaultFlowId(fromId, toId),
        `flow ${fromId} → ${toId}`,
        key ? '' : ' (two flows between the same cards need an explicit `key`)',
      );
      flows.push({ ...fields, id, from: fromId, to: toId });
      return { id };
    },

    build() {
      const cardIds = new Set(cards.map((c) => c.id));
      const dangling = flows.flatMap((f) =>
        [f.from, f.to].filter((end) => !cardIds.has(end)).map((end) => `flow "${f.id}" refers to unknown card "${end}"`),
      );
      if (dangling.length > 0) throw new TemplateError(`${where}: ${dangling.join('; ')}`);

      const stageOrders = firstOrders(stages.length);
      const laneOrders = firstOrders(lanes.length);
      // Cards in one cell are ordered as written; cells are independent order spaces.
      const byCell = new Map<string, Array<Omit<CardInput, 'order'>>>();
      for (const card of cards) {
        const cell = `${card.stageId}\u0000${card.laneId}`;
        byCell.set(cell, [...(byCell.get(cell) ?? []), card]);
      }
      const orderedCards: CardInput[] = [];
      for (const cell of byCell.values()) {
        const orders = firstOrders(cell.length);
        cell.forEach((card, i) => orderedCards.push({ ...card, order: orders[i]! }));
      }

      const raw: RawBlueprint = {
        format: BLUEPRINT_FORMAT,
        meta,
        personas: byId(personas),
        stages: byId(stages.map((s, i) => ({ id: s.id, name: s.name, order: stageOrders[i]!, ...s.spec }))),
        lanes: byId(lanes.map((l, i) => ({ id: l.id, name: l.name, kind: l.kind, order: laneOrders[i]!, ...l.spec }))),
        cards: byId(orderedCards),
        flows: byId(flows),
        annotations: [],
        history: [],
      };
      const parsed = blueprintSchema.safeParse(raw);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`);
        throw new TemplateError(`${where} is not a valid blueprint: ${problems.join('; ')}`);
      }
      return parsed.data;
    },
  };
}

/** `fl_<from>__<to>` without the `cd_` prefixes; long pairs are shortened at word boundaries. */
function defaultFlowId(from: string, to: string): string {
  const tail = (id: string) => id.replace(/^cd_/, '');
  const budget = Math.floor((MAX_ID - 'fl___'.length) / 2);
  const [a, b] = [tail(from), tail(to)];
  const full = `fl_${a}__${b}`;
  if (full.length <= MAX_ID) return full;
  return `fl_${truncateAtWord(a, budget)}__${truncateAtWord(b, budget)}`;
}

/** The interchange form sorts every entity array by id (schema.ts), so equal templates are deep-equal. */
function byId<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** "cards[12].trigger.after" → "card cd_lead_x: trigger.after", so a schema error names the card. */
function describePath(raw: RawBlueprint, path: ReadonlyArray<PropertyKey>): string {
  const [collection, index, ...rest] = path;
  if (typeof collection === 'string' && typeof index === 'number') {
    const list = (raw as unknown as Record<string, Array<{ id?: string }>>)[collection];
    const id = list?.[index]?.id;
    if (id) return `${id}${rest.length ? ` ${rest.map(String).join('.')}` : ''}`;
  }
  return path.map(String).join('.') || '(blueprint)';
}
