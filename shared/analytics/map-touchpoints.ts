import { CHANNELS, cellKey, resolveBlueprint, type Blueprint, type Card, type Channel } from '../model/index.ts';

/**
 * Which card (or channel) each touchpoint of an event log means. In this order of preference:
 * a card's id; the event of a card's trigger (an automation card) or of a flow (the card the flow
 * leads to); a card's title (case and surrounding spaces ignored); a channel name. When several
 * cards share a title or an event, the first on the scroll (stage order, lane order, cell order)
 * wins. Whatever matches nothing is listed in `unmapped`.
 */
export type TouchpointMatch =
  | { readonly kind: 'card'; readonly card: string; readonly by: 'id' | 'event' | 'title' }
  | { readonly kind: 'channel'; readonly channel: Channel }
  | { readonly kind: 'none' };

export interface TouchpointMapping {
  /** Per touchpoint name, in the order given. */
  readonly matches: readonly TouchpointMatch[];
  readonly unmapped: readonly string[];
  /** The placed cards in scroll order. */
  readonly cards: readonly Card[];
  readonly cardsById: ReadonlyMap<string, Card>;
}

export function mapTouchpoints(
  blueprint: Pick<Blueprint, 'stages' | 'lanes' | 'cards' | 'flows'>,
  names: readonly string[],
): TouchpointMapping {
  const view = resolveBlueprint(blueprint);
  const cards: Card[] = [];
  for (const stage of view.stages) for (const lane of view.lanes) cards.push(...(view.cells.get(cellKey(stage.id, lane.id)) ?? []));
  const byId = new Map(cards.map((c) => [c.id, c]));
  const byEvent = new Map<string, string>();
  for (const c of cards) if (c.trigger?.event && !byEvent.has(c.trigger.event)) byEvent.set(c.trigger.event, c.id);
  const position = new Map(cards.map((c, i) => [c.id, i]));
  const flows = [...view.flows]
    .filter((f) => f.event && byId.has(f.to))
    .sort((a, b) => position.get(a.from)! - position.get(b.from)! || (a.id < b.id ? -1 : 1));
  for (const f of flows) if (!byEvent.has(f.event!)) byEvent.set(f.event!, f.to);
  const byTitle = new Map<string, string>();
  for (const c of cards) {
    const key = c.title.trim().toLowerCase();
    if (key && !byTitle.has(key)) byTitle.set(key, c.id);
  }
  const channels = new Set<string>(CHANNELS);
  const unmapped: string[] = [];
  const matches = names.map((name): TouchpointMatch => {
    if (byId.has(name)) return { kind: 'card', card: name, by: 'id' };
    const e = byEvent.get(name);
    if (e) return { kind: 'card', card: e, by: 'event' };
    const t = byTitle.get(name.trim().toLowerCase());
    if (t) return { kind: 'card', card: t, by: 'title' };
    const ch = name.trim().toLowerCase();
    if (channels.has(ch)) return { kind: 'channel', channel: ch as Channel };
    unmapped.push(name);
    return { kind: 'none' };
  });
  return { matches, unmapped, cards, cardsById: byId };
}
