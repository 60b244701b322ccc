import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { trialBlueprint } from '../../shared/analytics/fixture.ts';
import { blueprintToDoc, readBlueprint } from '../../shared/doc/index.ts';
import { writeMetrics } from './write-metrics.ts';

describe('writeMetrics', () => {
  it('merges rows into the cards in one undoable transaction, skipping cards deleted since', () => {
    const doc = blueprintToDoc(trialBlueprint());
    const origin = { client: 1 };
    const undo = new Y.UndoManager([...doc.share.values()] as Y.AbstractType<unknown>[], { trackedOrigins: new Set([origin]) });
    let updates = 0;
    doc.on('update', () => updates++);
    let changed = 0;
    doc.transact(() => {
      changed = writeMetrics(
        doc,
        [
          { line: 2, card: 'cd_ad', metrics: { volume: 10, period: 'Q1' } },
          { line: 3, card: 'cd_ad', metrics: { conversionRate: 0.1 } },
          { line: 4, card: 'cd_gone', metrics: { volume: 1 } },
        ],
        origin,
      );
    }, origin);
    expect(changed).toBe(1);
    expect(updates).toBe(1);
    expect(readBlueprint(doc).cards.find((c) => c.id === 'cd_ad')!.metrics).toEqual({ volume: 10, period: 'Q1', conversionRate: 0.1 });
    undo.undo();
    expect(readBlueprint(doc).cards.find((c) => c.id === 'cd_ad')!.metrics).toBeUndefined();
  });
});
