import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addFlow,
  addLane,
  addStage,
  deleteCard,
  deleteStage,
  initBlueprint,
  moveCard,
  setStatus,
  updateCard,
  updateStage,
} from './index.ts';
import { readUpdateScope, type Touch } from './update-scope.ts';

/** A server's document and a client synced with it; `edit` returns the update the client would send. */
function setUp() {
  const server = new Y.Doc();
  initBlueprint(server, { title: 'Scope' });
  const lead = addStage(server, { name: 'Lead' });
  const mql = addStage(server, { name: 'MQL' });
  const data = addLane(server, { name: 'Data captured', kind: 'data', owner: 'Data' });
  const touch = addLane(server, { name: 'Touchpoints', kind: 'touchpoints', owner: 'Email' });
  const card = addCard(server, { stageId: lead, laneId: data, title: 'Lead score', owner: 'Data' });
  const other = addCard(server, { stageId: lead, laneId: touch, title: 'Welcome email' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const edit = (fn: (doc: Y.Doc) => void): Uint8Array => {
    const updates: Uint8Array[] = [];
    const listen = (u: Uint8Array) => updates.push(u);
    client.on('update', listen);
    fn(client);
    client.off('update', listen);
    return Y.mergeUpdates(updates);
  };
  return { server, client, edit, ids: { lead, mql, data, touch, card, other } };
}

const summary = (touches: readonly Touch[]) =>
  touches.map((t) => `${t.kind} ${t.root}${t.key ? `/${t.key}` : ''}${t.field ? `.${t.field}` : ''}`).sort();

describe('readUpdateScope', () => {
  it('places a field write of a card', () => {
    const { server, edit, ids } = setUp();
    const update = edit((doc) => updateCard(doc, ids.card, { title: 'Lead score v2' }));
    const scope = readUpdateScope(server, update);
    expect(scope.unplaced).toBe(0);
    expect(scope.touches).toEqual([{ kind: 'write', root: 'cards', key: ids.card, field: 'title', value: 'Lead score v2' }]);
  });

  it('places a new card: the entity and each of its fields', () => {
    const { server, edit, ids } = setUp();
    let id = '';
    const update = edit((doc) => (id = addCard(doc, { stageId: ids.mql, laneId: ids.touch, title: 'Nurture' })));
    const scope = readUpdateScope(server, update);
    expect(scope.unplaced).toBe(0);
    const s = summary(scope.touches);
    expect(s).toContain(`write cards/${id}`);
    expect(s).toContain(`write cards/${id}.laneId`);
    expect(scope.touches.find((t) => t.field === 'laneId')?.value).toBe(ids.touch);
    expect(s.every((line) => line.startsWith(`write cards/${id}`))).toBe(true);
  });

  it('places a move, a delete, a stage rename and a status change with its history entry', () => {
    const { server, edit, ids } = setUp();
    expect(
      summary(
        readUpdateScope(
          server,
          edit((doc) => moveCard(doc, ids.card, { stageId: ids.mql, laneId: ids.touch })),
        ).touches,
      ),
    ).toEqual([`write cards/${ids.card}.laneId`, `write cards/${ids.card}.order`, `write cards/${ids.card}.stageId`]);
    const { server: s2, edit: e2, ids: i2 } = setUp();
    expect(
      summary(
        readUpdateScope(
          s2,
          e2((doc) => deleteCard(doc, i2.other)),
        ).touches,
      ),
    ).toEqual([`delete cards/${i2.other}`]);
    const { server: s3, edit: e3, ids: i3 } = setUp();
    expect(
      summary(
        readUpdateScope(
          s3,
          e3((doc) => updateStage(doc, i3.lead, { name: 'Leads' })),
        ).touches,
      ),
    ).toEqual([`write stages/${i3.lead}.name`]);
    const { server: s4, edit: e4 } = setUp();
    const status = readUpdateScope(
      s4,
      e4((doc) => setStatus(doc, 'approved', { by: 'Ann' })),
    );
    expect(summary(status.touches)).toEqual(['write history', 'write meta/status']);
    expect(status.touches.find((t) => t.root === 'meta')?.value).toBe('approved');
  });

  it('places deletions of fields, and of a stage together with a flow', () => {
    const { server, edit, ids } = setUp();
    const flow = addFlow(server, { from: ids.card, to: ids.other, label: '' });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    client.transact(() => {
      (client.getMap('cards').get(ids.card) as Y.Map<unknown>).delete('owner');
      deleteStage(client, ids.mql);
      (client.getMap('flows').get(flow) as Y.Map<unknown>).set('label', 'next');
    });
    expect(summary(readUpdateScope(server, Y.mergeUpdates(updates)).touches)).toEqual([
      `delete cards/${ids.card}.owner`,
      `delete stages/${ids.mql}`,
      `write flows/${flow}.label`,
    ]);
    void edit;
  });

  it('places typing in a nested text through the neighbours Yjs writes instead of a parent', () => {
    const { server, client, ids } = setUp();
    const setup: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => setup.push(u));
    const notes = new Y.Text('Hello');
    (client.getMap('cards').get(ids.card) as Y.Map<unknown>).set('notes', notes);
    for (const u of setup) Y.applyUpdate(server, u);
    const typing: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => typing.push(u));
    notes.insert(5, ' world');
    notes.delete(0, 1);
    const scope = readUpdateScope(server, typing.at(-2)!);
    expect(summary(scope.touches)).toEqual([`write cards/${ids.card}.notes`]);
    expect(summary(readUpdateScope(server, typing.at(-1)!).touches)).toEqual([`delete cards/${ids.card}.notes`]);
  });

  it('says what it cannot place, and changes nothing in the document', () => {
    const { server, ids } = setUp();
    const stranger = new Y.Doc();
    const updates: Uint8Array[] = [];
    stranger.on('update', (u: Uint8Array) => updates.push(u));
    stranger.getText('notes').insert(0, 'first ');
    stranger.getText('notes').insert(6, 'then');
    const before = Y.encodeStateAsUpdate(server);
    const scope = readUpdateScope(server, updates[1]!); // its parent is in an update the server never got
    expect(scope.unplaced).toBe(1);
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
    expect(readUpdateScope(server, Y.encodeStateAsUpdate(server)).touches).toEqual([]);
    void ids;
  });
});
