/**
 * Tokens, roles and team scopes hold on every node: the secret is the nodes' shared setting and
 * the policy reads the room's document, which every node holds the same (the layout is made on
 * one node, the writes judged on the others).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addLane, addStage, initBlueprint, updateCard } from '../../shared/doc/index.ts';
import { CloseCode } from '../../shared/sync/contract.ts';
import { cleanUp, connect, handMadeToken, rawSocket, sleep, waitFor } from '../sync/harness.ts';
import { metric, startNodes, startServices, type ClusterServices } from './harness.ts';

const SECRET = 'cluster-roles-secret-0123456789';
const ROOM = 'governed';
const token = (claims: { role: string; team?: string; name?: string }, room = ROOM) => handMadeToken(SECRET, { room, ...claims });

let services: ClusterServices;
beforeAll(async () => {
  services = await startServices();
}, 60_000);
afterAll(() => services?.remove());
afterEach(cleanUp);

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/** A raw socket holding a copy of the room: sends one edit as one update, collects refusals. */
function writer(url: string) {
  const doc = new Y.Doc();
  const denied: string[] = [];
  const socket = rawSocket(url);
  let synced!: () => void;
  const ready = new Promise<void>((r) => (synced = r));
  socket.ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(d);
    if (type === 2 && decoding.readVarUint(d) === 0) denied.push(decoding.readVarString(d));
    if (type !== 0) return;
    const sub = decoding.readVarUint(d);
    if (sub === 1 || sub === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(d), 'server');
    if (sub === 1) synced();
  });
  void socket.opened.then(() =>
    socket.ws.send(
      frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, Y.encodeStateVector(doc)))),
    ),
  );
  return {
    doc,
    denied,
    ready,
    write(edit: (doc: Y.Doc) => void) {
      const updates: Uint8Array[] = [];
      const listen = (u: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(u);
      doc.on('update', listen);
      doc.transact(() => edit(doc));
      doc.off('update', listen);
      const update = Y.mergeUpdates(updates);
      socket.ws.send(frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, update))));
    },
  };
}

describe('roles on every node of a cluster', () => {
  it('a team editor on one node, judged against a layout made on another; viewers and bad tokens refused everywhere', async () => {
    const db = await services.database();
    const nodes = await startNodes(3, { postgres: db, redis: services.redis.url, env: { JOURNEYSCROLL_SECRET: SECRET } });
    const ops = connect(nodes[0]!.syncUrl, ROOM, { params: { token: token({ role: 'approver', name: 'Ops' }) } });
    await ops.synced();
    initBlueprint(ops.doc, { title: 'Governed' });
    const stage = addStage(ops.doc, { name: 'Lead' });
    const dataLane = addLane(ops.doc, { name: 'Data captured', kind: 'data', owner: 'Data' });
    const emailLane = addLane(ops.doc, { name: 'Touchpoints', kind: 'touchpoints', owner: 'Email' });
    const dataCard = addCard(ops.doc, { stageId: stage, laneId: dataLane, title: 'Lead score' });
    const emailCard = addCard(ops.doc, { stageId: stage, laneId: emailLane, title: 'Welcome email' });
    const observer = connect(nodes[2]!.syncUrl, ROOM, { params: { token: token({ role: 'viewer' }) } });
    const title = (id: string) => (observer.doc.getMap<Y.Map<unknown>>('cards').get(id)?.get('title') as string | undefined) ?? '';
    await waitFor(() => title(emailCard) === 'Welcome email', 'the layout on node 3');

    const maria = writer(`${nodes[1]!.syncUrl}/${ROOM}?token=${token({ role: 'editor', team: 'Data', name: 'Maria' })}`);
    await maria.ready;
    maria.write((d) => updateCard(d, dataCard, { title: 'Lead score (v2)' }));
    await waitFor(() => title(dataCard) === 'Lead score (v2)', "Maria's allowed edit from node 2 on node 3");
    maria.write((d) => updateCard(d, emailCard, { title: 'FORBIDDEN' }));
    await waitFor(() => maria.denied.length > 0, 'the refusal on node 2');
    expect(maria.denied[0]).toMatch(/The Email team owns 'Touchpoints'/);

    // A viewer's write on node 1 is dropped there: no node relays it, none stores it.
    const viewer = connect(nodes[0]!.syncUrl, ROOM, { params: { token: token({ role: 'viewer' }) } });
    await viewer.synced();
    viewer.doc.getMap('cards').set('FORBIDDEN', 'viewer');
    await sleep(500);
    expect(JSON.stringify(observer.doc.getMap('cards').toJSON())).not.toMatch(/FORBIDDEN/);
    expect(JSON.stringify(ops.doc.getMap('cards').toJSON())).not.toMatch(/FORBIDDEN/);
    expect(await metric(nodes[0]!, 'journeyscroll_viewer_writes_dropped_total')).toBeGreaterThan(0);
    const late = connect(nodes[1]!.syncUrl, ROOM, { params: { token: token({ role: 'viewer' }) } });
    await late.synced();
    expect(JSON.stringify(late.doc.getMap('cards').toJSON())).not.toMatch(/FORBIDDEN/);

    // Tokens: the same answers on every node.
    for (const node of nodes) {
      const none = rawSocket(`${node.syncUrl}/${ROOM}`);
      expect((await none.closed).code).toBe(CloseCode.unauthorized);
      const other = rawSocket(`${node.syncUrl}/${ROOM}?token=${token({ role: 'editor' }, 'elsewhere')}`);
      expect((await other.closed).code).toBe(CloseCode.forbidden);
    }
  });
});
