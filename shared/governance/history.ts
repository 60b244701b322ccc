import type { Blueprint } from '../model/schema.ts';

/**
 * The change log read for people: who changed what, when. The server records, for each stored
 * update, its author (the token's name and team) and the entities and fields it touched
 * (`GET /history/<room>`); this groups those rows into sessions of one person's work
 * ("Maria Ionescu (Data), 10:42–10:48: 6 cards in Data captured") and filters them by person,
 * team, stage and lane.
 */
export interface ChangeRow {
  readonly seq: number;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly author?: string;
  readonly team?: string;
  readonly kind: 'write' | 'delete';
  readonly root: string;
  readonly key?: string;
  readonly field?: string;
}

export interface HistoryGroup {
  /** The author's name, or "Someone" for changes made without a named token. */
  readonly author: string;
  readonly team?: string;
  readonly from: number;
  readonly to: number;
  /** "6 cards in Data captured, 1 stage" */
  readonly summary: string;
  /** Each entity the group touched, once, in the order first touched. */
  readonly entities: readonly { readonly root: string; readonly key: string }[];
  readonly rows: number;
}

export interface HistoryFilter {
  readonly author?: string;
  readonly team?: string;
  readonly stageId?: string;
  readonly laneId?: string;
}

/** A pause longer than this between one person's changes starts a new group. */
export const GROUP_GAP_MS = 10 * 60_000;

const NOUNS: Readonly<Record<string, readonly [string, string]>> = {
  cards: ['card', 'cards'],
  stages: ['stage', 'stages'],
  lanes: ['lane', 'lanes'],
  flows: ['flow', 'flows'],
  personas: ['persona', 'personas'],
  annotations: ['canvas note', 'canvas notes'],
  comments: ['comment', 'comments'],
  versions: ['version', 'versions'],
};

export function filterHistory(rows: readonly ChangeRow[], blueprint: Blueprint, filter: HistoryFilter): ChangeRow[] {
  const cards = new Map(blueprint.cards.map((c) => [c.id, c]));
  const flows = new Map(blueprint.flows.map((f) => [f.id, f]));
  const inPlace = (row: ChangeRow): boolean => {
    if (!filter.stageId && !filter.laneId) return true;
    if (!row.key) return false;
    const matches = (card: { stageId: string; laneId: string } | undefined) =>
      !!card && (!filter.stageId || card.stageId === filter.stageId) && (!filter.laneId || card.laneId === filter.laneId);
    if (row.root === 'cards') return matches(cards.get(row.key));
    if (row.root === 'flows') {
      const flow = flows.get(row.key);
      return !!flow && (matches(cards.get(flow.from)) || matches(cards.get(flow.to)));
    }
    if (row.root === 'stages') return !filter.laneId && row.key === filter.stageId;
    if (row.root === 'lanes') return !filter.stageId && row.key === filter.laneId;
    return false;
  };
  return rows.filter(
    (row) => (!filter.author || row.author === filter.author) && (!filter.team || row.team === filter.team) && inPlace(row),
  );
}

/** Groups rows (oldest first) into runs of one person's work with no pause over `gapMs`. */
export function groupHistory(rows: readonly ChangeRow[], blueprint: Blueprint, gapMs = GROUP_GAP_MS): HistoryGroup[] {
  const groups: { author: string; team?: string; from: number; to: number; rows: ChangeRow[] }[] = [];
  for (const row of rows) {
    const author = row.author ?? 'Someone';
    const last = groups.at(-1);
    if (last && last.author === author && last.team === row.team && row.at - last.to <= gapMs) {
      last.to = row.at;
      last.rows.push(row);
    } else groups.push({ author, ...(row.team ? { team: row.team } : {}), from: row.at, to: row.at, rows: [row] });
  }
  const index = indexOf(blueprint);
  return groups.map((g) => {
    const entities = uniqueEntities(g.rows);
    return {
      author: g.author,
      ...(g.team ? { team: g.team } : {}),
      from: g.from,
      to: g.to,
      summary: summarize(entities, index),
      entities,
      rows: g.rows.length,
    };
  });
}

/** "Maria Ionescu (Data)" */
export function personLabel(group: Pick<HistoryGroup, 'author' | 'team'>): string {
  return group.team ? `${group.author} (${group.team})` : group.author;
}

function uniqueEntities(rows: readonly ChangeRow[]): { root: string; key: string }[] {
  const seen = new Set<string>();
  const out: { root: string; key: string }[] = [];
  for (const row of rows) {
    const key = row.key ?? '';
    const id = `${row.root}\u0000${key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ root: row.root, key });
  }
  return out;
}

interface Index {
  readonly cards: ReadonlyMap<string, { readonly laneId: string }>;
  readonly lanes: ReadonlyMap<string, string>;
}

/** Built once per grouping: groups are many (one per person per session), the blueprint one. */
function indexOf(blueprint: Blueprint): Index {
  return { cards: new Map(blueprint.cards.map((c) => [c.id, c])), lanes: new Map(blueprint.lanes.map((l) => [l.id, l.name])) };
}

function summarize(entities: readonly { root: string; key: string }[], { cards, lanes }: Index): string {
  const cardsByLane = new Map<string, number>();
  const others = new Map<string, number>();
  for (const { root, key } of entities) {
    if (root === 'cards') {
      const lane = cards.get(key)?.laneId;
      const name = lane ? (lanes.get(lane) ?? 'a removed lane') : 'removed cards';
      cardsByLane.set(name, (cardsByLane.get(name) ?? 0) + 1);
    } else if (root === 'meta') others.set('details', 1);
    else if (root === 'history') others.set('history', 1);
    else others.set(root, (others.get(root) ?? 0) + 1);
  }
  const parts: string[] = [];
  for (const [lane, n] of [...cardsByLane].sort((a, b) => b[1] - a[1])) {
    parts.push(
      lane === 'removed cards' ? `${n} ${n === 1 ? 'card' : 'cards'} since removed` : `${n} ${n === 1 ? 'card' : 'cards'} in ${lane}`,
    );
  }
  for (const [root, n] of others) {
    if (root === 'details') parts.push("the blueprint's details");
    else if (root === 'history') parts.push('the status');
    else {
      const [one, many] = NOUNS[root] ?? [root, root];
      parts.push(`${n} ${n === 1 ? one : many}`);
    }
  }
  return parts.join(', ') || 'no visible change';
}
