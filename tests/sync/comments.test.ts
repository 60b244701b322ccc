/**
 * Comments enforced by a real `journeyscroll serve` process: everyone who may comment starts
 * threads, replies, resolves and reopens; only a comment's author — the name in their token —
 * edits or deletes it. Forbidden writes are crafted raw updates (past the app's own checks): the
 * writer is told why, an observer never sees them, and a restarted server never stored them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addCard, addLane, addStage, initBlueprint } from '../../shared/doc/index.ts';
import { addReply, addThread, deleteComment, editComment, readComments, reopenThread, resolveThread } from '../../shared/comments/index.ts';
import { cleanUp, connect, handMadeToken, startServerProcess, tempDir, waitFor, type Client, type ServerProcess } from './harness.ts';
import { openStore } from '../../sync-server/store/index.ts';
import { RawWriter } from './raw-writer.ts';

const SECRET = 'comments-suite-secret-0123456789';
const ROOM = 'reviewed';
const token = (claims: { role: string; team?: string; name?: string }) => handMadeToken(SECRET, { room: ROOM, ...claims });

let server: ServerProcess;
let observer: Client;
let card: string;
const writers: RawWriter[] = [];

async function person(claims: { role: string; team?: string; name?: string }): Promise<RawWriter> {
  const w = new RawWriter(`${server.syncUrl}/${ROOM}?token=${token(claims)}`);
  writers.push(w);
  await w.synced();
  return w;
}

const commentAt = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('comments').get(id)?.toJSON();

async function expectRefused(w: RawWriter, edit: (doc: Y.Doc) => void, reason: RegExp): Promise<void> {
  const before = w.denied.length;
  w.write(edit);
  await waitFor(() => w.denied.length > before, 'permission denied');
  expect(w.denied.at(-1)).toMatch(reason);
}

describe('comments, enforced by the server on raw updates', () => {
  beforeAll(async () => {
    server = await startServerProcess(tempDir(), { env: { JOURNEYSCROLL_SECRET: SECRET }, args: ['--log-level', 'warn'] });
    const ops = connect(server.syncUrl, ROOM, { params: { token: token({ role: 'approver' }) } });
    await ops.synced();
    initBlueprint(ops.doc, { title: 'Reviewed' });
    const stage = addStage(ops.doc, { name: 'Lead' });
    const lane = addLane(ops.doc, { name: 'Touchpoints', kind: 'touchpoints', owner: 'Email' });
    card = addCard(ops.doc, { stageId: stage, laneId: lane, title: 'Welcome email' });
    observer = connect(server.syncUrl, ROOM, { params: { token: token({ role: 'viewer' }) } });
    await waitFor(() => observer.doc.getMap('cards').has(card), 'the layout at the observer');
    ops.destroy();
  });
  afterAll(cleanUp);

  let thread: string;
  let reply: string;

  it('a commenter and a team editor hold a thread: start, reply, resolve, reopen, edit and delete their own', async () => {
    const ana = await person({ role: 'commenter', name: 'Ana Pop' });
    const maria = await person({ role: 'editor', team: 'Data', name: 'Maria Ionescu' });
    ana.write(
      (d) =>
        (thread = addThread(
          d,
          { name: 'Ana Pop' },
          { target: { kind: 'card', id: card }, body: 'Is this final?', mentions: ['Maria Ionescu'] },
        )),
    );
    await waitFor(() => !!commentAt(maria.doc, thread), 'the thread at Maria');
    maria.write((d) => (reply = addReply(d, { name: 'Maria Ionescu' }, thread, { body: 'Not yet, @Ana Pop', mentions: ['Ana Pop'] })));
    maria.write((d) => resolveThread(d, { name: 'Maria Ionescu' }, thread));
    await waitFor(() => commentAt(ana.doc, thread)?.resolvedBy === 'Maria Ionescu', 'the resolve at Ana');
    ana.write((d) => reopenThread(d, thread));
    ana.write((d) => editComment(d, { name: 'Ana Pop' }, thread, { body: 'Is this final? (edited)' }));
    await waitFor(() => commentAt(observer.doc, thread)?.body === 'Is this final? (edited)', 'the edit at the observer');
    const [seen] = readComments(observer.doc).threads;
    // The edit's text mentions nobody any more: only the reply's mention is left.
    expect(seen).toMatchObject({ resolved: false, mentions: ['Ana Pop'] });
    expect(seen!.replies.map((r) => [r.author, r.body])).toEqual([['Maria Ionescu', 'Not yet, @Ana Pop']]);
    expect(ana.denied).toEqual([]);
    expect(maria.denied).toEqual([]);
  });

  it("nobody edits, deletes or signs someone else's comment — not even a named approver", async () => {
    const maria = await person({ role: 'editor', team: 'Data', name: 'Maria Ionescu' });
    const boss = await person({ role: 'approver', name: 'Head of CX' });
    const forbidden = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('comments').get(thread)!.set('body', 'FORBIDDEN rewrite');
    await expectRefused(maria, forbidden, /You can only edit your own comments: Ana Pop's comment was not changed/);
    await expectRefused(boss, forbidden, /only edit your own comments/);
    await expectRefused(boss, (d) => d.getMap('comments').delete(thread), /You can only delete your own comments/);
    await expectRefused(
      maria,
      (d) => addThread(d, { name: 'Ana Pop' }, { target: { kind: 'card', id: card }, body: 'FORBIDDEN forged' }),
      /only be written in your own name \(Maria Ionescu\)/,
    );
    await expectRefused(
      maria,
      (d) => d.getMap<Y.Map<unknown>>('comments').get(thread)!.set('author', 'Maria Ionescu'),
      /cannot be changed/,
    );
    // After refusals, an allowed comment of the same person still arrives; the approver still edits the blueprint.
    maria.write((d) => deleteComment(d, { name: 'Maria Ionescu' }, reply));
    boss.write((d) => d.getMap<Y.Map<unknown>>('cards').get(card)!.set('notes', 'approved copy'));
    await waitFor(() => !commentAt(observer.doc, reply), 'the deleted reply gone at the observer');
    await waitFor(() => observer.doc.getMap<Y.Map<unknown>>('cards').get(card)?.get('notes') === 'approved copy', 'the approver edit');
    expect(JSON.stringify(observer.doc.getMap('comments').toJSON())).not.toMatch(/FORBIDDEN/);
    expect(commentAt(observer.doc, thread)).toMatchObject({ author: 'Ana Pop', body: 'Is this final? (edited)' });
  });

  it('nothing refused reached storage', async () => {
    for (const w of writers) w.socket.ws.close();
    const dataDir = server.dataDir;
    await server.stop('SIGTERM');
    server = await startServerProcess(dataDir, { env: { JOURNEYSCROLL_SECRET: SECRET }, args: ['--log-level', 'warn'] });
    const fresh = connect(server.syncUrl, ROOM, { params: { token: token({ role: 'viewer' }) } });
    await fresh.synced();
    expect(JSON.stringify(fresh.doc.getMap('comments').toJSON())).not.toMatch(/FORBIDDEN/);
    const [stored] = readComments(fresh.doc).threads;
    expect(stored).toMatchObject({ id: thread, replies: [], root: { author: 'Ana Pop', body: 'Is this final? (edited)' } });
  });

  it('the history records each comment change with its author, and no refused one', async () => {
    await server.stop('SIGTERM');
    const store = openStore(join(server.dataDir, 'journeyscroll.sqlite'));
    try {
      const log = store.listChanges(ROOM).filter((c) => c.root === 'comments');
      const by = (author: string, key: string, field?: string) =>
        log.some((c) => c.author === author && c.key === key && c.field === field);
      expect(by('Ana Pop', thread, 'body')).toBe(true);
      expect(by('Maria Ionescu', reply, 'body')).toBe(true);
      expect(by('Maria Ionescu', thread, 'resolvedBy')).toBe(true);
      expect(log.some((c) => c.author === 'Maria Ionescu' && c.kind === 'delete' && c.key === reply)).toBe(true);
      // Nobody but Ana ever changed her comment's text, and the approver's refused delete is not there.
      expect(log.filter((c) => c.key === thread && c.field === 'body').map((c) => c.author)).toEqual(['Ana Pop', 'Ana Pop']);
      expect(log.some((c) => c.author === 'Head of CX')).toBe(false);
    } finally {
      store.close();
    }
  });
});
