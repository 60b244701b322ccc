import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { blueprintSchema, canonicalBlueprint, generateBlueprint, type Blueprint } from '../model/index.ts';
import { readBlueprint } from './read.ts';
import { blueprintToDoc } from './write.ts';

/** A blueprint that uses every kind of field, to prove the JSON form loses nothing. */
function richBlueprint(): Blueprint {
  const bp = generateBlueprint({ cards: 120, stages: 6, seed: 11 });
  const [card] = bp.cards;
  Object.assign(card!, {
    trigger: { type: 'score', condition: 'score >= 50' },
    action: { type: 'create-task', team: 'Sales', task: 'Call within 24h' },
    wait: '1d12h',
    exit: { type: 'move-to-journey', journey: 'Nurture' },
    metrics: { volume: 1200, conversionRate: 0.12, revenue: 5400.5, period: '2026-Q3' },
  });
  bp.stages[0]!.macroStage = 'awareness';
  bp.stages[0]!.width = 480;
  bp.annotations.push({
    id: 'shape:abc',
    typeName: 'shape',
    type: 'draw',
    x: 12.5,
    y: -3,
    props: { segments: [{ type: 'free', points: [{ x: 0, y: 0 }] }] },
    meta: {},
  });
  bp.history.push({ at: '2026-03-01T09:00:00.000Z', by: 'CMO', kind: 'approval', from: 'in-review', to: 'approved', version: 'v1' });
  return canonicalBlueprint(blueprintSchema.parse(bp));
}

describe('interchange JSON', () => {
  it('Y.Doc → JSON → Y.Doc → JSON is lossless', () => {
    const json = readBlueprint(blueprintToDoc(richBlueprint()));
    const again = readBlueprint(blueprintToDoc(JSON.parse(JSON.stringify(json)) as Blueprint));
    expect(again).toEqual(json);
    expect(json).toEqual(richBlueprint());
  });

  it('survives an update round trip through Yjs encoding', () => {
    const doc = blueprintToDoc(richBlueprint());
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readBlueprint(copy)).toEqual(readBlueprint(doc));
  });

  it('rejects a blueprint JSON that does not validate', () => {
    const bad = { ...richBlueprint(), stages: [{ id: 'st_1', name: '', order: 'a0' }] };
    expect(() => blueprintToDoc(bad)).toThrow();
  });
});
