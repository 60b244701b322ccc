import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { generateBlueprint } from '../model/index.ts';
import { readBlueprint, readBlueprintReport } from './read.ts';
import { blueprintToDoc } from './write.ts';

describe('readBlueprint', () => {
  it('reads an empty document as an empty blueprint with default meta', () => {
    const bp = readBlueprint(new Y.Doc());
    expect(bp.meta).toMatchObject({ schemaVersion: 2, status: 'draft', title: '' });
    expect(bp.cards).toEqual([]);
  });

  it('leaves out and reports what does not validate, without touching the document', () => {
    const doc = blueprintToDoc(generateBlueprint({ cards: 5, stages: 2 }));
    const cards = doc.getMap('cards') as Y.Map<Y.Map<unknown>>;
    const [firstId, first] = [...cards.entries()][0]!;
    first.set('emotion', 'very happy');
    doc.getMap('meta').set('status', 'published');
    doc.getArray('history').push([{ nonsense: true }]);
    cards.set('cd_plain', { stageId: 'x', laneId: 'y', order: 'a0', kind: 'note', title: 'Plain' } as never);
    cards.set('cd_number', 42 as never);
    const before = Y.encodeStateAsUpdate(doc);
    const { blueprint, problems } = readBlueprintReport(doc);
    expect(blueprint.cards.map((c) => c.id)).not.toContain(firstId);
    expect(blueprint.cards.map((c) => c.id)).toContain('cd_plain');
    expect(blueprint.meta.status).toBe('draft');
    expect(problems.map((p) => p.where).sort()).toEqual([`cards.${firstId}`, 'cards.cd_number', 'history[0]', 'meta.status'].sort());
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('returns entities sorted by id, so equal documents read deep-equal', () => {
    const bp = readBlueprint(blueprintToDoc(generateBlueprint({ cards: 40 })));
    const ids = bp.cards.map((c) => c.id);
    expect(ids).toEqual([...ids].sort());
  });
});
