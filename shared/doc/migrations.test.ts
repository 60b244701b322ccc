import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readBlueprint } from './read.ts';
import { docAccess, migrateDoc, type Migration } from './migrations.ts';
import { repairDoc } from './repair.ts';

/** A document as schema v1 laid it out: personas nested in meta. */
function v1Doc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('schemaVersion', 1);
    meta.set('minAppVersion', '0.0.1');
    meta.set('title', 'Old journey');
    meta.set('status', 'draft');
    const personas = new Y.Map<Y.Map<unknown>>();
    meta.set('personas', personas);
    const buyer = new Y.Map<unknown>();
    buyer.set('name', 'IT buyer');
    buyer.set('description', 'Signs the contract');
    personas.set('pe_buyer', buyer);
  });
  return doc;
}

describe('migrations', () => {
  it('v1 → v2 moves personas to the top level and records the new version', () => {
    const doc = v1Doc();
    const outcome = migrateDoc(doc, 'me');
    expect(outcome).toEqual({
      status: 'migrated',
      from: 1,
      to: 2,
      applied: ['move personas from meta.personas to the top-level personas map'],
    });
    expect(doc.getMap('meta').has('personas')).toBe(false);
    const bp = readBlueprint(doc);
    expect(bp.personas).toEqual([{ id: 'pe_buyer', name: 'IT buyer', description: 'Signs the contract' }]);
    expect(bp.meta).toMatchObject({ schemaVersion: 2, minAppVersion: '0.1.0', title: 'Old journey' });
    expect(migrateDoc(doc)).toEqual({ status: 'current' });
  });

  it('converges when two peers migrate the same v1 document concurrently', () => {
    const a = v1Doc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateDoc(a);
    migrateDoc(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readBlueprint(a)).toEqual(readBlueprint(b));
    expect(readBlueprint(a).personas).toHaveLength(1);
  });

  it('shows why v2 moved personas: concurrently created nested maps under one key lose one side', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    for (const [doc, name] of [
      [a, 'from A'],
      [b, 'from B'],
    ] as const) {
      const nested = new Y.Map<string>();
      doc.getMap('meta').set('personas', nested);
      nested.set(name, name);
    }
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const survivors = [...(a.getMap('meta').get('personas') as Y.Map<string>).keys()];
    expect(survivors).toHaveLength(1);
  });

  it('leaves documents of a newer schema alone and opens them read-only', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', 9);
    const before = Y.encodeStateAsUpdate(doc);
    expect(migrateDoc(doc)).toEqual({ status: 'too-new', version: 9 });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    const access = docAccess(doc);
    expect(access.writable).toBe(false);
    expect(!access.writable && access.reason).toMatch(/schema 9.*Update JourneyScroll/);
  });

  it('opens read-only when the document asks for a newer app', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', 2);
    doc.getMap('meta').set('minAppVersion', '3.0.0');
    expect(docAccess(doc, '0.1.0')).toEqual({ writable: false, reason: expect.stringMatching(/needs JourneyScroll 3\.0\.0/) });
    expect(docAccess(doc, '3.1.0')).toEqual({ writable: true });
  });

  it('runs a chain of migrations in order, in one transaction', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', 1);
    const steps: Migration[] = [
      { from: 1, to: 2, description: 'one', migrate: (d) => d.getMap('meta').set('trail', 'one') },
      { from: 2, to: 3, description: 'two', migrate: (d) => d.getMap('meta').set('trail', `${String(d.getMap('meta').get('trail'))},two`) },
    ];
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(migrateDoc(doc, null, steps, 3)).toMatchObject({ status: 'migrated', applied: ['one', 'two'] });
    expect(doc.getMap('meta').get('trail')).toBe('one,two');
    expect(transactions).toBe(1);
  });
});

describe('repairDoc', () => {
  it('writes nothing on a sound document', () => {
    const doc = v1Doc();
    migrateDoc(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    expect(repairDoc(doc)).toBe(0);
    expect(updates).toBe(0);
  });

  it('turns plain-object entities into field maps and moves late v1 personas, once', () => {
    const doc = v1Doc();
    migrateDoc(doc);
    // A v1 peer that had not seen the migration writes a persona the old way.
    const late = new Y.Map<Y.Map<unknown>>();
    doc.getMap('meta').set('personas', late);
    late.set('pe_late', new Y.Map([['name', 'Late persona']]));
    doc.getMap('stages').set('st_plain', { name: 'Plain', order: 'a0' });
    expect(repairDoc(doc)).toBeGreaterThan(0);
    expect(doc.getMap('stages').get('st_plain')).toBeInstanceOf(Y.Map);
    const bp = readBlueprint(doc);
    expect(bp.personas.map((p) => p.id)).toEqual(['pe_buyer', 'pe_late']);
    expect(bp.stages.map((s) => s.name)).toEqual(['Plain']);
    let updates = 0;
    doc.on('update', () => updates++);
    expect(repairDoc(doc)).toBe(0);
    expect(updates).toBe(0);
  });
});
