/**
 * Roles and team scopes enforced by a real `journeyscroll serve` process (issue 12). Writes are
 * made by the blueprint's own edit functions on a copy of the room, and sent as raw updates — the
 * server must read what each one touches itself. For each role: every kind of write it may not
 * make is refused (the writer gets permission-denied with the reason, another client never sees
 * it, a restarted server never stored it), every write it may make goes through, and an update
 * mixing both is refused whole. After a refusal the person's next allowed edit still arrives.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  deleteCard,
  initBlueprint,
  moveCard,
  setStatus,
  updateCard,
  updateStage,
} from '../../shared/doc/index.ts';
import {
  cleanUp,
  connect,
  handMadeToken,
  rawSocket,
  sleep,
  startServerProcess,
  tempDir,
  waitFor,
  type Client,
  type ServerProcess,
} from './harness.ts';
import { approveBlueprint, listVersions, readVersion, saveVersion } from '../../shared/governance/versions.ts';

const SECRET = 'roles-suite-secret-0123456789';
const ROOM = 'governed';

function mintToken(claims: { role: string; team?: string; name?: string }): string {
  return handMadeToken(SECRET, { room: ROOM, ...claims });
}

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/** A person on a raw socket: a copy of the room, and the permission-denied reasons received. */
class Writer {
  readonly doc = new Y.Doc();
  readonly denied: string[] = [];
  readonly socket: ReturnType<typeof rawSocket>;
  #synced: Promise<void>;
  constructor(url: string) {
    this.socket = rawSocket(url);
    let resolve!: () => void;
    this.#synced = new Promise((r) => (resolve = r));
    this.socket.ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(d);
      if (type === 2 && decoding.readVarUint(d) === 0) this.denied.push(decoding.readVarString(d));
      if (type !== 0) return;
      const sub = decoding.readVarUint(d);
      if (sub === 1 || sub === 2) Y.applyUpdate(this.doc, decoding.readVarUint8Array(d), 'server');
      if (sub === 1) resolve();
    });
    void this.socket.opened.then(() =>
      this.socket.ws.send(
        frame(
          (e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc))),
        ),
      ),
    );
  }
  synced() {
    return this.#synced;
  }
  /** Makes the edit on its copy and sends it as one raw update. */
  write(edit: (doc: Y.Doc) => void): void {
    const updates: Uint8Array[] = [];
    const listen = (u: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(u);
    this.doc.on('update', listen);
    this.doc.transact(() => edit(this.doc));
    this.doc.off('update', listen);
    this.#send(updates);
  }
  /** The same for an edit that prepares its change asynchronously (a version compresses its content first). */
  async writeAsync(edit: (doc: Y.Doc) => Promise<unknown>): Promise<void> {
    const updates: Uint8Array[] = [];
    const listen = (u: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(u);
    this.doc.on('update', listen);
    await edit(this.doc);
    this.doc.off('update', listen);
    this.#send(updates);
  }
  #send(updates: Uint8Array[]): void {
    const update = Y.mergeUpdates(updates);
    this.socket.ws.send(frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, update))));
  }
}

let server: ServerProcess;
let observer: Client;
let ids: { stage: string; dataLane: string; emailLane: string; dataCard: string; emailCard: string };
const writers: Writer[] = [];

async function writer(claims: { role: string; team?: string; name?: string }): Promise<Writer> {
  const w = new Writer(`${server.syncUrl}/${ROOM}?token=${mintToken(claims)}`);
  writers.push(w);
  await w.synced();
  return w;
}

const card = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('cards').get(id)?.toJSON();
const titleAtObserver = (id: string) => card(observer.doc, id)?.title as string | undefined;

/** Sends a write and waits for its refusal; the observer must never see its marker. */
async function expectRefused(w: Writer, edit: (doc: Y.Doc) => void, reason: RegExp): Promise<void> {
  const before = w.denied.length;
  w.write(edit);
  await waitFor(() => w.denied.length > before, 'permission denied');
  expect(w.denied.at(-1)).toMatch(reason);
}

describe('roles and team scopes, enforced by the server on raw updates', () => {
  beforeAll(async () => {
    server = await startServerProcess(tempDir(), { env: { JOURNEYSCROLL_SECRET: SECRET }, args: ['--log-level', 'warn'] });
    // The journey-operations team lays the blueprint out.
    const ops = connect(server.syncUrl, ROOM, { params: { token: mintToken({ role: 'approver', name: 'Ops' }) } });
    await ops.synced();
    initBlueprint(ops.doc, { title: 'Governed' });
    const stage = addStage(ops.doc, { name: 'Lead' });
    const dataLane = addLane(ops.doc, { name: 'Data captured', kind: 'data', owner: 'Data' });
    const emailLane = addLane(ops.doc, { name: 'Touchpoints', kind: 'touchpoints', owner: 'Email' });
    const dataCard = addCard(ops.doc, { stageId: stage, laneId: dataLane, title: 'Lead score' });
    const emailCard = addCard(ops.doc, { stageId: stage, laneId: emailLane, title: 'Welcome email' });
    ids = { stage, dataLane, emailLane, dataCard, emailCard };
    observer = connect(server.syncUrl, ROOM, { params: { token: mintToken({ role: 'viewer' }) } });
    await waitFor(() => titleAtObserver(emailCard) === 'Welcome email', 'the layout at the observer');
    ops.destroy();
  });
  afterAll(cleanUp);

  it('a team editor: its own lane goes through; a foreign card, lane move, new foreign card, delete, stage edit and status do not', async () => {
    const maria = await writer({ role: 'editor', team: 'Data', name: 'Maria Ionescu' });
    maria.write((d) => updateCard(d, ids.dataCard, { title: 'Lead score (v2)' }));
    await waitFor(() => titleAtObserver(ids.dataCard) === 'Lead score (v2)', 'the allowed edit at the observer');
    const owned = /The Email team owns 'Touchpoints': your change to 'Welcome email' was not saved/;
    await expectRefused(maria, (d) => updateCard(d, ids.emailCard, { title: 'FORBIDDEN title' }), owned);
    await expectRefused(maria, (d) => deleteCard(d, ids.emailCard), owned);
    await expectRefused(maria, (d) => moveCard(d, ids.dataCard, { stageId: ids.stage, laneId: ids.emailLane }), /Email team owns/);
    await expectRefused(
      maria,
      (d) => addCard(d, { stageId: ids.stage, laneId: ids.emailLane, title: 'FORBIDDEN card' }),
      /Email team owns/,
    );
    await expectRefused(maria, (d) => updateStage(d, ids.stage, { name: 'FORBIDDEN stage' }), /Stages can only be changed/);
    await expectRefused(maria, (d) => addLane(d, { name: 'FORBIDDEN lane', kind: 'custom' }), /Lanes can only be changed/);
    await expectRefused(maria, (d) => setStatus(d, 'approved', { by: 'Maria' }), /The blueprint's details|approver/);
    // Mixed: its own card and a foreign one in one update — refused whole. (From a fresh copy of
    // the room: Maria's own copy still holds her refused changes, and Yjs makes anything written
    // beside them collected content on arrival, which touches nothing.)
    const mariaAgain = await writer({ role: 'editor', team: 'Data', name: 'Maria Ionescu' });
    await expectRefused(
      mariaAgain,
      (d) => {
        updateCard(d, ids.dataCard, { title: 'FORBIDDEN mixed' });
        updateCard(d, ids.emailCard, { title: 'FORBIDDEN mixed' });
      },
      owned,
    );
    // After all that, Maria's next allowed edit still arrives (the refused ranges were filled).
    maria.write((d) => updateCard(d, ids.dataCard, { notes: 'still syncing' }));
    await waitFor(() => card(observer.doc, ids.dataCard)?.notes === 'still syncing', "Maria's later edit at the observer");
    expect(titleAtObserver(ids.emailCard)).toBe('Welcome email');
    expect(titleAtObserver(ids.dataCard)).toBe('Lead score (v2)');
    expect(JSON.stringify(observer.doc.getMap('cards').toJSON())).not.toMatch(/FORBIDDEN/);
    expect(maria.socket.ws.readyState).toBe(maria.socket.ws.OPEN);
    expect(mariaAgain.socket.ws.readyState).toBe(mariaAgain.socket.ws.OPEN);
  });

  it('an editor without a team changes anything but may not approve or retire; an approver may', async () => {
    const ops = await writer({ role: 'editor', name: 'Ops editor' });
    ops.write((d) => updateStage(d, ids.stage, { name: 'Leads' }));
    ops.write((d) => setStatus(d, 'in-review', { by: 'Ops editor' }));
    await waitFor(() => observer.doc.getMap('meta').get('status') === 'in-review', 'in review at the observer');
    await expectRefused(ops, (d) => setStatus(d, 'approved', { by: 'Ops editor' }), /Only an approver may set the status to approved/);
    const opsAgain = await writer({ role: 'editor', name: 'Ops editor' });
    await expectRefused(opsAgain, (d) => setStatus(d, 'retired', { by: 'Ops editor' }), /retired/);
    const ann = await writer({ role: 'approver', name: 'Ann' });
    ann.write((d) => setStatus(d, 'approved', { by: 'Ann' }));
    await waitFor(() => observer.doc.getMap('meta').get('status') === 'approved', 'approved at the observer');
    expect(ann.denied).toEqual([]);
  });

  it('versions: an editor saves one; only an approver approves (v1, recorded in the history); nobody below approver changes a saved one', async () => {
    const ops = await writer({ role: 'editor', name: 'Ops editor' });
    const versionsAt = (doc: Y.Doc) => listVersions(doc).map((v) => `${v.kind}:${v.name}`);
    await ops.writeAsync((d) => saveVersion(d, { name: 'Workshop 12 Nov', by: 'Ops editor' }));
    await waitFor(() => versionsAt(observer.doc).includes('named:Workshop 12 Nov'), 'the named version at the observer');
    const before = ops.denied.length;
    await ops.writeAsync((d) => approveBlueprint(d, { by: 'Ops editor' }));
    await waitFor(() => ops.denied.length > before, 'the approval refused');
    expect(ops.denied.at(-1)).toMatch(/Only an approver/);
    const saved = listVersions(observer.doc)[0]!;
    const opsAgain = await writer({ role: 'editor', name: 'Ops editor' });
    await expectRefused(
      opsAgain,
      (d) => d.getMap<Y.Map<unknown>>('versions').get(saved.id)!.set('name', 'FORBIDDEN'),
      /Saved versions cannot be changed/,
    );
    const ann = await writer({ role: 'approver', name: 'Ann' });
    await ann.writeAsync((d) => approveBlueprint(d, { by: 'Ann', note: 'Q4' }));
    await waitFor(() => versionsAt(observer.doc).includes('approved:v1'), 'approved v1 at the observer');
    expect(versionsAt(observer.doc)).toEqual(['named:Workshop 12 Nov', 'approved:v1']);
    expect(observer.doc.getArray('history').toJSON().at(-1)).toMatchObject({ kind: 'approval', by: 'Ann', version: 'v1', note: 'Q4' });
    const read = await readVersion(observer.doc, 'approved');
    expect(read.blueprint.meta.status).toBe('approved');
    expect(ann.denied).toEqual([]);
  });

  it('a commenter writes comments only; a viewer writes nothing', async () => {
    const carl = await writer({ role: 'commenter', name: 'Carl' });
    carl.write((d) => {
      const thread = new Y.Map<unknown>();
      thread.set('text', 'Do we need this field?');
      // In the commenter's own name: the server checks it against the token (comment-policy.ts).
      thread.set('author', 'Carl');
      d.getMap('comments').set('cm_carl', thread);
    });
    await waitFor(() => observer.doc.getMap('comments').has('cm_carl'), 'the comment at the observer');
    await expectRefused(carl, (d) => updateCard(d, ids.dataCard, { title: 'FORBIDDEN by commenter' }), /Commenters can only add comments/);
    const vic = await writer({ role: 'viewer' });
    vic.write((d) => updateCard(d, ids.dataCard, { title: 'FORBIDDEN by viewer' }));
    await sleep(300);
    expect(titleAtObserver(ids.dataCard)).toBe('Lead score (v2)');
  });

  it('nothing refused reached storage: a restarted server serves exactly what was allowed', async () => {
    for (const w of writers) w.socket.ws.close();
    const dataDir = server.dataDir;
    await server.stop('SIGTERM');
    server = await startServerProcess(dataDir, { env: { JOURNEYSCROLL_SECRET: SECRET }, args: ['--log-level', 'warn'] });
    const fresh = connect(server.syncUrl, ROOM, { params: { token: mintToken({ role: 'viewer' }) } });
    await fresh.synced();
    const stored = JSON.stringify({
      cards: fresh.doc.getMap('cards').toJSON(),
      stages: fresh.doc.getMap('stages').toJSON(),
      lanes: fresh.doc.getMap('lanes').toJSON(),
    });
    expect(stored).not.toMatch(/FORBIDDEN/);
    expect(card(fresh.doc, ids.dataCard)).toMatchObject({ title: 'Lead score (v2)', notes: 'still syncing' });
    expect(fresh.doc.getMap('meta').get('status')).toBe('approved');
    expect(fresh.doc.getMap('comments').has('cm_carl')).toBe(true);
  });
});
