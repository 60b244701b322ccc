import { react } from 'tldraw';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addLane, addStage, initBlueprint, updateLane } from '../../shared/doc/index.ts';
import { createLocks, NO_LOCKS } from './locks.ts';

function blueprint() {
  const doc = new Y.Doc();
  initBlueprint(doc, { title: 'Locks' });
  const stage = addStage(doc, { name: 'Lead' });
  const dataLane = addLane(doc, { name: 'Data captured', kind: 'data', owner: 'Data' });
  const emailLane = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints', owner: 'Email' });
  const dataCard = addCard(doc, { stageId: stage, laneId: dataLane, title: 'Lead score' });
  const emailCard = addCard(doc, { stageId: stage, laneId: emailLane, title: 'Welcome email' });
  return { doc, dataLane, emailLane, dataCard, emailCard };
}

describe('canvas locks', () => {
  it("locks another team's cards and lanes with their owner, and follows ownership as it changes", () => {
    const { doc, dataLane, emailLane, dataCard, emailCard } = blueprint();
    const locks = createLocks(doc, { role: 'editor', team: 'Data' });
    expect(locks.lockOf('card', dataCard)).toBeNull();
    expect(locks.lockOf('card', emailCard)).toBe('Owned by the Email team');
    expect(locks.lockOf('lane', dataLane)).toBeNull();
    expect(locks.lockOf('lane', emailLane)).toBe('Owned by the Email team');
    expect(locks.refusal({ kind: 'root', root: 'stages' })).toMatch(/journey-operations team/);
    // A shape reading its lock is told when it changes: the lane is given to the Data team.
    const seen: Array<string | null> = [];
    const stop = react('card lock', () => void seen.push(locks.lockOf('card', emailCard)));
    updateLane(doc, emailLane, { owner: 'Data' });
    expect(seen).toEqual(['Owned by the Email team', null]);
    stop();
    locks.dispose();
  });

  it('locks nothing for an approver, the journey-operations team or a local blueprint; statuses still follow the policy', () => {
    const { doc, emailCard } = blueprint();
    expect(createLocks(doc, undefined)).toBe(NO_LOCKS);
    expect(createLocks(doc, { role: 'approver' })).toBe(NO_LOCKS);
    const ops = createLocks(doc, { role: 'editor' });
    expect(ops.lockOf('card', emailCard)).toBeNull();
    expect(ops.refusal({ kind: 'status', status: 'approved' })).toBe('Only an approver may set the status to approved');
    expect(ops.refusal({ kind: 'status', status: 'in-review' })).toBeNull();
  });
});
