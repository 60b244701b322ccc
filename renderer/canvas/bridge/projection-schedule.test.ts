import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { blueprintToDoc, putAnnotation, readBlueprint, updateCard } from '../../../shared/doc/index.ts';
import { generateBlueprint } from '../../../shared/model/index.ts';
import { ProjectionSchedule, type FrameClock } from './projection-schedule.ts';

/** A clock whose frames run when the test says so. */
function manualClock() {
  const waiting = new Set<() => void>();
  const clock: FrameClock = {
    request(run) {
      waiting.add(run);
      return () => waiting.delete(run);
    },
  };
  return { clock, frame: () => [...waiting].forEach((f) => f()), waiting };
}

function setup() {
  const doc = blueprintToDoc(generateBlueprint({ cards: 6, stages: 2, seed: 2 }));
  const origin = { me: 1 };
  const runs: boolean[] = [];
  const { clock, frame, waiting } = manualClock();
  const schedule = new ProjectionSchedule({ doc, origin, clock, run: (a) => runs.push(a) });
  const card = readBlueprint(doc).cards[0]!.id;
  return { doc, origin, runs, frame, waiting, schedule, card };
}

describe('ProjectionSchedule', () => {
  it('coalesces the remote transactions of one frame into one projection', () => {
    const { doc, runs, frame, card } = setup();
    const peer = { peer: true };
    updateCard(doc, card, { title: 'a' }, peer);
    updateCard(doc, card, { title: 'b' }, peer);
    expect(runs).toEqual([]);
    frame();
    expect(runs).toEqual([false]);
    frame();
    expect(runs).toEqual([false]);
  });

  it('leaves this person local edits to the edit queue, but schedules their undo (another origin)', () => {
    const { doc, origin, runs, frame, card, waiting } = setup();
    updateCard(doc, card, { title: 'mine' }, origin);
    expect(waiting.size).toBe(0);
    updateCard(doc, card, { title: 'undone' }, { undoManager: true });
    frame();
    expect(runs).toHaveLength(1);
  });

  it('says when an annotation changed, so only then are annotations read', () => {
    const { doc, runs, frame } = setup();
    putAnnotation(doc, { id: 'shape:note1', typeName: 'shape', type: 'note', x: 0, y: 0 } as never, { peer: true });
    frame();
    expect(runs).toEqual([true]);
  });

  it('applies a remote update from another document', () => {
    const { doc, runs, frame, card } = setup();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.on('update', (u: Uint8Array) => Y.applyUpdate(doc, u, 'remote'));
    updateCard(other, card, { title: 'from a peer' });
    frame();
    expect(runs).toEqual([false]);
  });

  it('stops listening and cancels a waiting frame on dispose', () => {
    const { doc, runs, frame, schedule, card, waiting } = setup();
    updateCard(doc, card, { title: 'x' }, { peer: true });
    schedule.dispose();
    expect(waiting.size).toBe(0);
    updateCard(doc, card, { title: 'y' }, { peer: true });
    frame();
    expect(runs).toEqual([]);
  });
});
