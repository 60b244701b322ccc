import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { resolveBlueprint, cellKey } from '../../model/index.ts';
import { readBlueprint } from '../read.ts';
import {
  addCard,
  addFlow,
  addLane,
  addPersona,
  addStage,
  deleteAnnotation,
  deleteCard,
  deleteFlow,
  deleteLane,
  deleteStage,
  EditError,
  initBlueprint,
  moveCard,
  moveLane,
  moveStage,
  putAnnotation,
  setMeta,
  setStatus,
  updateCard,
  updateFlow,
  updateLane,
  updatePersona,
  updateStage,
} from './index.ts';

const ME = { user: 'me' };

function newBlueprint() {
  const doc = new Y.Doc();
  initBlueprint(doc, { title: 'Test journey' }, ME);
  const lead = addStage(doc, { name: 'Lead' }, ME);
  const mql = addStage(doc, { name: 'MQL' }, ME);
  const touch = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' }, ME);
  const data = addLane(doc, { name: 'Data', kind: 'data' }, ME);
  return { doc, lead, mql, touch, data };
}

const order = (ids: readonly { id: string }[]) => ids.map((x) => x.id);

describe('edit operations', () => {
  it('adds, renames, reorders and deletes stages and lanes', () => {
    const { doc, lead, mql, touch, data } = newBlueprint();
    const sql = addStage(doc, { name: 'SQL', index: 1 }, ME);
    expect(order(resolveBlueprint(readBlueprint(doc)).stages)).toEqual([lead, sql, mql]);
    expect(updateStage(doc, sql, { name: 'Sales qualified', customerGoal: 'Talk to sales' }, ME)).toBe(true);
    moveStage(doc, lead, 2, ME);
    expect(order(resolveBlueprint(readBlueprint(doc)).stages)).toEqual([sql, mql, lead]);
    moveLane(doc, data, 0, ME);
    updateLane(doc, touch, { owner: 'Channels' }, ME);
    const bp = readBlueprint(doc);
    expect(order(resolveBlueprint(bp).lanes)).toEqual([data, touch]);
    expect(bp.stages.find((s) => s.id === sql)).toMatchObject({ name: 'Sales qualified', customerGoal: 'Talk to sales' });
    expect(bp.lanes.find((l) => l.id === touch)?.owner).toBe('Channels');
    deleteStage(doc, mql, {}, ME);
    deleteLane(doc, data, {}, ME);
    expect(order(readBlueprint(doc).stages).sort()).toEqual([lead, sql].sort());
    expect(order(readBlueprint(doc).lanes)).toEqual([touch]);
  });

  it('adds, edits, moves and deletes cards; kind defaults from the lane', () => {
    const { doc, lead, mql, touch, data } = newBlueprint();
    const a = addCard(doc, { stageId: lead, laneId: touch, title: 'Webinar', channel: 'webinar', owner: 'Marketing' }, ME);
    const b = addCard(doc, { stageId: lead, laneId: touch, title: 'Ebook', index: 0 }, ME);
    const c = addCard(doc, { stageId: lead, laneId: data, title: 'Email address', field: 'email', system: 'CRM' }, ME);
    let view = resolveBlueprint(readBlueprint(doc));
    expect(order(view.cells.get(cellKey(lead, touch))!)).toEqual([b, a]);
    expect(view.cardsById.get(a)).toMatchObject({ kind: 'touchpoint', channel: 'webinar', status: 'draft', owner: 'Marketing' });
    expect(view.cardsById.get(c)?.kind).toBe('data');

    updateCard(doc, a, { title: 'Live webinar', status: 'active', channel: undefined }, ME);
    moveCard(doc, b, { stageId: mql, laneId: touch }, ME);
    moveCard(doc, c, { stageId: lead, laneId: touch, index: 0 }, ME);
    view = resolveBlueprint(readBlueprint(doc));
    expect(order(view.cells.get(cellKey(lead, touch))!)).toEqual([c, a]);
    expect(order(view.cells.get(cellKey(mql, touch))!)).toEqual([b]);
    expect(view.cardsById.get(a)).toMatchObject({ title: 'Live webinar', status: 'active' });
    expect(view.cardsById.get(a)?.channel).toBeUndefined();

    const f = addFlow(doc, { from: a, to: b, event: 'webinar.attended', delay: '3d' }, ME);
    updateFlow(doc, f, { condition: 'score >= 50', label: 'Engaged' }, ME);
    expect(readBlueprint(doc).flows).toEqual([
      { id: f, from: a, to: b, event: 'webinar.attended', delay: '3d', condition: 'score >= 50', label: 'Engaged' },
    ]);
    deleteCard(doc, b, ME);
    expect(readBlueprint(doc).flows).toEqual([]);
    expect(order(readBlueprint(doc).cards).sort()).toEqual([a, c].sort());
    const g = addFlow(doc, { from: a, to: c }, ME);
    expect(deleteFlow(doc, g, ME)).toBe(true);
    expect(deleteFlow(doc, g, ME)).toBe(false);
  });

  it('deleting a stage keeps its cards in the Unplaced tray unless asked to delete them', () => {
    const { doc, lead, mql, touch } = newBlueprint();
    const a = addCard(doc, { stageId: lead, laneId: touch, title: 'A' }, ME);
    const b = addCard(doc, { stageId: mql, laneId: touch, title: 'B' }, ME);
    addFlow(doc, { from: a, to: b }, ME);
    deleteStage(doc, lead, {}, ME);
    let view = resolveBlueprint(readBlueprint(doc));
    expect(order(view.unplaced)).toEqual([a]);
    expect(view.flows).toHaveLength(1);
    deleteStage(doc, mql, { withCards: true }, ME);
    view = resolveBlueprint(readBlueprint(doc));
    expect(order(readBlueprint(doc).cards)).toEqual([a]);
    expect(readBlueprint(doc).flows).toEqual([]);
  });

  it('rejects invalid edits and writes nothing', () => {
    const { doc, lead, touch } = newBlueprint();
    const a = addCard(doc, { stageId: lead, laneId: touch, title: 'A' }, ME);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => updateCard(doc, a, { emotion: 99 }, ME)).toThrow(EditError);
    expect(() => updateCard(doc, a, { title: 'x'.repeat(50_000) }, ME)).toThrow(
      `card ${a} not changed: title is too long (50,000 characters; at most 500)`,
    );
    expect(() => updateCard(doc, a, { wait: 'three days' }, ME)).toThrow(/duration/);
    expect(() => addCard(doc, { stageId: 'st_missing', laneId: touch, title: 'x' }, ME)).toThrow(/no stage/);
    expect(() => addFlow(doc, { from: a, to: 'cd_missing' }, ME)).toThrow(/no card/);
    expect(() => addStage(doc, { name: '   ' }, ME)).toThrow(EditError);
    expect(() => setMeta(doc, { title: 'x'.repeat(201) }, ME)).toThrow(EditError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('treats edits of an entity deleted concurrently as no-ops', () => {
    const { doc } = newBlueprint();
    expect(updateCard(doc, 'cd_gone', { title: 'x' }, ME)).toBe(false);
    expect(moveCard(doc, 'cd_gone', { stageId: 'x', laneId: 'y' }, ME)).toBe(false);
    expect(deleteCard(doc, 'cd_gone', ME)).toBe(false);
  });

  it('records status changes and approvals in the history', () => {
    const { doc } = newBlueprint();
    setMeta(doc, { owner: 'Journey ops', description: 'Lead to renewal' }, ME);
    setStatus(doc, 'in-review', { by: 'Ana', at: new Date('2026-01-01T10:00:00Z') }, ME);
    setStatus(doc, 'approved', { by: 'CMO', version: '2026-Q1', note: 'ok', at: new Date('2026-01-02T10:00:00Z') }, ME);
    setStatus(doc, 'approved', { by: 'CMO' }, ME);
    const bp = readBlueprint(doc);
    expect(bp.meta).toMatchObject({ status: 'approved', owner: 'Journey ops', title: 'Test journey' });
    expect(bp.history).toEqual([
      { at: '2026-01-01T10:00:00.000Z', by: 'Ana', kind: 'status', from: 'draft', to: 'in-review' },
      { at: '2026-01-02T10:00:00.000Z', by: 'CMO', kind: 'approval', from: 'in-review', to: 'approved', version: '2026-Q1', note: 'ok' },
    ]);
    expect(() => initBlueprint(doc)).toThrow(/already/);
  });

  it('runs every edit as one transaction carrying the caller’s origin', () => {
    const { doc, lead, touch } = newBlueprint();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const a = addCard(doc, { stageId: lead, laneId: touch, title: 'A' }, ME);
    updateCard(doc, a, { title: 'B' }, ME);
    const p = addPersona(doc, { name: 'IT buyer' }, ME);
    updatePersona(doc, p, { description: 'Signs off' }, ME);
    expect(origins).toEqual([ME, ME, ME, ME]);
    expect(readBlueprint(doc).personas).toEqual([{ id: p, name: 'IT buyer', description: 'Signs off' }]);
  });

  it('re-applying the same edit writes nothing', () => {
    const { doc, lead, touch } = newBlueprint();
    const a = addCard(doc, { stageId: lead, laneId: touch, title: 'A' }, ME);
    updateCard(doc, a, { title: 'B', notes: 'n' }, ME);
    let updates = 0;
    doc.on('update', () => updates++);
    updateCard(doc, a, { title: 'B', notes: 'n' }, ME);
    expect(updates).toBe(0);
  });

  it('stores annotations field by field and keeps concurrent edits of different properties', () => {
    const a = new Y.Doc();
    putAnnotation(a, { id: 'shape:note1', typeName: 'shape', type: 'note', x: 0, y: 0, props: { color: 'yellow' } }, ME);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    putAnnotation(a, { id: 'shape:note1', typeName: 'shape', type: 'note', x: 100, y: 0, props: { color: 'yellow' } }, ME);
    putAnnotation(b, { id: 'shape:note1', typeName: 'shape', type: 'note', x: 0, y: 0, props: { color: 'blue' } }, ME);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readBlueprint(a).annotations).toEqual([
      { id: 'shape:note1', typeName: 'shape', type: 'note', x: 100, y: 0, props: { color: 'blue' } },
    ]);
    expect(readBlueprint(b)).toEqual(readBlueprint(a));
    deleteAnnotation(a, 'shape:note1', ME);
    expect(readBlueprint(a).annotations).toEqual([]);
  });
});
