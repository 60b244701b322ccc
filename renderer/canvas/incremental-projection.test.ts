import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCard,
  addPersona,
  deleteCard,
  moveCard,
  readBlueprint,
  setCardPersona,
  updateCard,
  updateStage,
  writeBlueprint,
} from '../../shared/doc/index.ts';
import { generateBlueprint, seededRandom, type Random } from '../../shared/model/index.ts';
import { projectModel, type ModelProjection } from './projection.ts';

/** What a projection draws (not how it was made): the incremental and the full one must agree on all of it. */
const drawn = (m: ModelProjection) => ({ view: m.view, layout: m.layout, fixed: m.fixed, cards: m.cards, flowLines: m.flowLines });

type Edit = (doc: Y.Doc, random: Random) => void;
const cardIds = (doc: Y.Doc) => [...(doc.getMap('cards') as Y.Map<unknown>).keys()];

// Edits that move nothing (the fast path) and edits that do (the full path), as peers make them.
const FIELD_EDITS: Edit[] = [
  (doc, r) => {
    const ids = cardIds(doc);
    doc.transact(() => {
      for (let i = 0; i < 1 + r.int(40); i++) updateCard(doc, r.pick(ids), { title: `t${r.int(1e6)}` });
    });
  },
  (doc, r) =>
    updateCard(doc, r.pick(cardIds(doc)), { owner: r.pick(['Marketing', 'Sales', 'CX', '']), status: r.pick(['draft', 'active']) }),
  (doc, r) => updateCard(doc, r.pick(cardIds(doc)), { kind: r.pick(['note', 'action', 'touchpoint']), notes: `n${r.int(99)}` }),
];
const GEOMETRY_EDITS: Edit[] = [
  (doc, r) => {
    const id = r.pick(cardIds(doc));
    const card = readBlueprint(doc).cards.find((c) => c.id === id)!;
    if (card.kind === 'feeling') updateCard(doc, id, { emotion: r.int(11) - 5 });
    else moveCard(doc, id, { stageId: card.stageId, laneId: card.laneId, index: 0 });
  },
  (doc, r) => {
    const bp = readBlueprint(doc);
    moveCard(doc, r.pick(cardIds(doc)), { stageId: r.pick(bp.stages).id, laneId: r.pick(bp.lanes).id });
  },
  (doc, r) => {
    const bp = readBlueprint(doc);
    addCard(doc, { stageId: r.pick(bp.stages).id, laneId: r.pick(bp.lanes).id, title: 'new' });
  },
  (doc, r) => deleteCard(doc, r.pick(cardIds(doc))),
  (doc, r) => updateStage(doc, r.pick(readBlueprint(doc).stages).id, { name: `S${r.int(99)}` }),
  (doc, r) => {
    const bp = readBlueprint(doc);
    const persona = bp.personas[0]?.id ?? addPersona(doc, { name: 'Buyer' });
    setCardPersona(doc, r.pick(cardIds(doc)), persona, r.chance(0.7));
  },
];

describe('incremental projection', () => {
  it('equals the full projection after every one of 150 random edits, and takes the fast path for field edits', () => {
    const random = seededRandom(17);
    const doc = new Y.Doc();
    writeBlueprint(doc, generateBlueprint({ cards: 1_000, stages: 12, seed: 5 }));
    let model = projectModel(readBlueprint(doc));
    let fast = 0;
    let full = 0;
    for (let step = 0; step < 150; step++) {
      const edit = random.chance(0.6) ? random.pick(FIELD_EDITS) : random.pick(GEOMETRY_EDITS);
      edit(doc, random);
      const bp = readBlueprint(doc);
      const next = projectModel(bp, model);
      if (next.layout === model.layout) fast++;
      else full++;
      expect(drawn(next), `step ${step}`).toEqual(drawn(projectModel(bp)));
      model = next;
    }
    // Both paths were exercised (the counts depend on the seed only).
    expect(fast).toBeGreaterThan(50);
    expect(full).toBeGreaterThan(25);
  });

  it('keeps every unchanged card’s record, and re-makes only the edited ones', () => {
    const doc = new Y.Doc();
    writeBlueprint(doc, generateBlueprint({ cards: 3_000, stages: 20, seed: 9 }));
    const before = projectModel(readBlueprint(doc));
    const edited = cardIds(doc).slice(0, 500);
    doc.transact(() => {
      for (const id of edited) updateCard(doc, id, { title: `edited ${id}` });
    });
    const after = projectModel(readBlueprint(doc), before);
    expect(after.layout).toBe(before.layout);
    const changed = after.cards.filter((c, i) => c !== before.cards[i]).map((c) => c.id.replace('shape:c:', ''));
    expect(changed.sort()).toEqual([...edited].sort());
  });

  it('a change that moves a card goes the full way', () => {
    const doc = new Y.Doc();
    writeBlueprint(doc, generateBlueprint({ cards: 400, stages: 6, seed: 3 }));
    const before = projectModel(readBlueprint(doc));
    const bp = readBlueprint(doc);
    const card = bp.cards[0]!;
    const other = bp.stages.find((s) => s.id !== card.stageId)!;
    moveCard(doc, card.id, { stageId: other.id, laneId: card.laneId });
    const after = projectModel(readBlueprint(doc), before);
    expect(after.layout).not.toBe(before.layout);
    expect(after.layout.cardsById.get(card.id)!.cell!.stageId).toBe(other.id);
  });
});
