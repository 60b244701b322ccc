import { describe, expect, it } from 'vitest';
import { addCard, blueprintToDoc, deleteCard, readBlueprint, updateCard } from '../doc/index.ts';
import { layoutBlueprint } from '../layout/index.ts';
import { getTemplate } from '../templates/index.ts';
import { changeMarks, markName } from './change-marks.ts';
import { diffBlueprints } from './diff.ts';

describe('changeMarks', () => {
  it('marks added and changed cards where they are now, and removed cards as ghosts where they were', () => {
    const doc = blueprintToDoc(getTemplate('b2b-lead-to-renewal')!.build());
    const base = readBlueprint(doc);
    const [changed, removed] = base.cards;
    const added = addCard(doc, { stageId: base.stages[0]!.id, laneId: base.lanes[0]!.id, title: 'New welcome call', kind: 'action' });
    updateCard(doc, changed!.id, { title: 'Renamed card' });
    deleteCard(doc, removed!.id);
    const now = readBlueprint(doc);
    const [before, after] = [layoutBlueprint(base), layoutBlueprint(now)];
    const marks = changeMarks(diffBlueprints(base, now), after.cardsById, before.cardsById);
    const byId = new Map(marks.map((m) => [m.cardId, m]));
    expect(byId.get(added)).toMatchObject({ change: 'added', ghost: false, label: 'New welcome call' });
    expect(byId.get(added)!.box).toMatchObject({ x: after.cardsById.get(added)!.x, y: after.cardsById.get(added)!.y });
    expect(byId.get(changed!.id)).toMatchObject({ change: 'changed', ghost: false, label: 'Renamed card' });
    // The removed card has no box now: its ghost stands where the base version drew it.
    expect(after.cardsById.has(removed!.id)).toBe(false);
    const ghost = byId.get(removed!.id)!;
    expect(ghost).toMatchObject({ change: 'removed', ghost: true, label: removed!.title });
    expect(ghost.box).toMatchObject({ x: before.cardsById.get(removed!.id)!.x, y: before.cardsById.get(removed!.id)!.y });
    expect(markName(ghost.change, ghost.label)).toBe(`Removed card: ${removed!.title}`);
  });
});
