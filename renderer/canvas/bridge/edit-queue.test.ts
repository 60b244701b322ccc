import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addStage, blueprintToDoc, readBlueprint, updateCard } from '../../../shared/doc/index.ts';
import { generateBlueprint } from '../../../shared/model/index.ts';
import { createUndoManager } from '../undo.ts';
import { EditQueue } from './edit-queue.ts';

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

function setup(canEdit = () => true) {
  const doc = blueprintToDoc(generateBlueprint({ cards: 10, stages: 3, seed: 4 }));
  const origin = { me: 1 };
  const undo = createUndoManager(doc, origin);
  const projected: number[] = [];
  const errors: string[] = [];
  const queue = new EditQueue({ doc, origin, undo, canEdit, afterEdit: () => projected.push(1), onError: (m) => errors.push(m) });
  return { doc, origin, undo, queue, projected, errors };
}

describe('EditQueue', () => {
  it('writes the edits of one task as one transaction with this person origin: one undo step', async () => {
    const { doc, queue, undo, projected, origin } = setup();
    const [a, b] = readBlueprint(doc).cards;
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    queue.edit((d, o) => updateCard(d, a!.id, { title: 'One' }, o));
    queue.edit((d, o) => updateCard(d, b!.id, { title: 'Two' }, o));
    expect(readBlueprint(doc).cards[0]!.title).not.toBe('One'); // not yet: queued for the microtask
    await tick();
    expect(origins).toEqual([origin]);
    expect(projected).toHaveLength(1);
    undo.undo();
    const after = readBlueprint(doc).cards;
    expect([after[0]!.title, after[1]!.title]).toEqual([a!.title, b!.title]);
  });

  it('refuses edits when the person may not edit, and re-projects so the shape snaps back', async () => {
    const { doc, queue, projected } = setup(() => false);
    const before = Y.encodeStateVector(doc);
    queue.edit((d, o) => addStage(d, { name: 'Nope' }, o));
    await tick();
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(projected).toHaveLength(1);
  });

  it('reports an edit that throws and still re-projects', async () => {
    const { queue, errors, projected } = setup();
    queue.edit(() => {
      throw new Error('That card was deleted by someone else.');
    });
    await tick();
    expect(errors).toEqual(['That card was deleted by someone else.']);
    expect(projected).toHaveLength(1);
  });

  it('writes nothing once disposed', async () => {
    const { doc, queue, projected } = setup();
    queue.edit((d, o) => addStage(d, { name: 'Late' }, o));
    queue.dispose();
    await tick();
    expect(readBlueprint(doc).stages.some((s) => s.name === 'Late')).toBe(false);
    expect(projected).toHaveLength(0);
  });
});
