import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addLane, addStage, initBlueprint } from '../doc/index.ts';
import { readUpdateScope } from '../doc/update-scope.ts';
import { addReply, addThread, deleteComment, editComment, reopenThread, resolveThread } from '../comments/index.ts';
import { decideWrite, isUnrestricted, ownershipOf, type Principal } from './write-policy.ts';

const ana: Principal = { role: 'commenter', name: 'Ana Pop' };
const maria: Principal = { role: 'editor', team: 'Data', name: 'Maria Ionescu' };
const ops: Principal = { role: 'editor', name: 'Ops Lead' };
const boss: Principal = { role: 'approver', name: 'Head of CX' };
const anonymous: Principal = { role: 'commenter' };
const viewer: Principal = { role: 'viewer', name: 'Vic' };
const me = (p: Principal) => ({ name: p.name });

function setUp() {
  const server = new Y.Doc();
  initBlueprint(server, { title: 'Comments policy' });
  const stage = addStage(server, { name: 'Lead' });
  const lane = addLane(server, { name: 'Touchpoints', kind: 'touchpoints', owner: 'Email' });
  const card = addCard(server, { stageId: stage, laneId: lane, title: 'Welcome email' });
  const thread = addThread(server, me(ana), { target: { kind: 'card', id: card }, body: 'Is this final?' });
  const reply = addReply(server, me(maria), thread, { body: 'Not yet' });
  const anon = addThread(server, me(anonymous), { target: { kind: 'stage', id: stage }, body: 'From a nameless link' });
  /** What `who` may do with the update `fn` makes on a client copy of the server's document. */
  const decide = (who: Principal, fn: (doc: Y.Doc) => void) => {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    fn(client);
    return decideWrite(who, readUpdateScope(server, Y.mergeUpdates(updates)), ownershipOf(server));
  };
  return { ids: { card, stage, thread, reply, anon }, decide };
}

const comments = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('comments');
const ok = { ok: true };

describe('write policy: comments', () => {
  it('everyone who may comment starts threads, replies, resolves and reopens, in their own name', () => {
    const { ids, decide } = setUp();
    for (const who of [ana, maria, ops, boss]) {
      expect(decide(who, (d) => addThread(d, me(who), { target: { kind: 'card', id: ids.card }, body: 'Hi' }))).toEqual(ok);
      expect(decide(who, (d) => addReply(d, me(who), ids.thread, { body: 'Me too' }))).toEqual(ok);
      expect(decide(who, (d) => resolveThread(d, me(who), ids.thread))).toEqual(ok);
    }
    expect(decide(anonymous, (d) => addReply(d, me(anonymous), ids.thread, { body: 'anon' }))).toEqual(ok);
    expect(decide(viewer, (d) => addReply(d, me(viewer), ids.thread, { body: 'x' }))).toMatchObject({ ok: false });
  });

  it('only the author edits or deletes a comment — an approver included', () => {
    const { ids, decide } = setUp();
    expect(decide(ana, (d) => editComment(d, me(ana), ids.thread, { body: 'Is this final? (edited)' }))).toEqual(ok);
    expect(decide(maria, (d) => deleteComment(d, me(maria), ids.reply))).toEqual(ok);
    // The others: crafted writes, past the app's own checks.
    const edit = (id: string) => (d: Y.Doc) => comments(d).get(id)!.set('body', 'Rewritten by someone else');
    const remove = (id: string) => (d: Y.Doc) => comments(d).delete(id);
    for (const who of [maria, ops, boss, anonymous]) {
      expect(decide(who, edit(ids.thread))).toEqual({
        ok: false,
        reason: "You can only edit your own comments: Ana Pop's comment was not changed",
      });
      expect(decide(who, remove(ids.thread))).toEqual({
        ok: false,
        reason: "You can only delete your own comments: Ana Pop's comment was not deleted",
      });
    }
    expect(decide(ana, (d) => comments(d).get(ids.reply)!.set('mentions', ['Ana Pop']))).toMatchObject({ ok: false });
    // Anonymous comments are nobody's: nobody with a token edits them.
    expect(decide(anonymous, edit(ids.anon))).toEqual({
      ok: false,
      reason: 'You can only edit your own comments: an anonymous comment was not changed',
    });
    expect(decide(ops, remove(ids.anon))).toMatchObject({ ok: false });
  });

  it('a comment cannot be written in, or moved to, someone else’s name, nor its time or thread changed', () => {
    const { ids, decide } = setUp();
    const forged = (author: string | undefined) => (d: Y.Doc) =>
      addThread(d, { name: author }, { target: { kind: 'card', id: ids.card }, body: 'Signed by someone else' });
    expect(decide(maria, forged('Ana Pop'))).toEqual({
      ok: false,
      reason: 'A comment can only be written in your own name (Maria Ionescu): it was not saved',
    });
    expect(decide(maria, forged(undefined))).toMatchObject({ ok: false, reason: /must carry your name/ });
    expect(decide(anonymous, forged('Ana Pop'))).toMatchObject({ ok: false, reason: /anonymous/ });
    expect(decide(ana, (d) => comments(d).get(ids.thread)!.set('author', 'Maria Ionescu'))).toMatchObject({
      ok: false,
      reason: /cannot be changed/,
    });
    expect(decide(ana, (d) => comments(d).get(ids.thread)!.set('createdAt', '2020-01-01T00:00:00.000Z'))).toMatchObject({ ok: false });
    expect(decide(maria, (d) => comments(d).get(ids.reply)!.set('threadId', ids.anon))).toMatchObject({ ok: false });
    // Replacing someone's comment by a new map under the same id is not an edit of one's own.
    expect(
      decide(maria, (d) => {
        const map = new Y.Map<unknown>();
        map.set('author', 'Maria Ionescu');
        map.set('body', 'Mine now');
        map.set('createdAt', '2026-12-03T10:00:00.000Z');
        map.set('target', { kind: 'canvas', point: { x: 0, y: 0 } });
        comments(d).set(ids.thread, map);
      }),
    ).toMatchObject({ ok: false });
    expect(decide(maria, (d) => comments(d).get(ids.thread)!.set('resolvedBy', 'Ana Pop'))).toEqual({
      ok: false,
      reason: 'A thread can only be resolved in your own name',
    });
    expect(decide(maria, (d) => reopenThread(d, ids.thread))).toEqual(ok);
  });

  it('an update mixing an allowed comment with a forbidden one is refused whole; a commenter still cannot edit the blueprint', () => {
    const { ids, decide } = setUp();
    expect(
      decide(maria, (d) =>
        d.transact(() => {
          addReply(d, me(maria), ids.thread, { body: 'allowed' });
          comments(d).get(ids.thread)!.set('body', 'forbidden');
        }),
      ),
    ).toMatchObject({ ok: false });
    expect(
      decide(ana, (d) =>
        d.transact(() => {
          addReply(d, me(ana), ids.thread, { body: 'allowed' });
          d.getMap<Y.Map<unknown>>('cards').get(ids.card)!.set('title', 'forbidden');
        }),
      ),
    ).toEqual({ ok: false, reason: 'Commenters can only add comments' });
  });

  it('nobody is checked on a server without a secret (an approver without a name); a named approver is', () => {
    expect(isUnrestricted({ role: 'approver' })).toBe(true);
    expect(isUnrestricted(boss)).toBe(false);
    expect(isUnrestricted(ops)).toBe(false);
  });
});
