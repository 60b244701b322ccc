import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addReply,
  addThread,
  CommentError,
  deleteComment,
  editComment,
  filterThreads,
  openCommentCounts,
  readComments,
  reopenThread,
  resolveThread,
} from './index.ts';

const ana = { name: 'Ana Pop' };
const maria = { name: 'Maria Ionescu' };
const t0 = new Date('2026-12-03T10:00:00.000Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('comment threads in the document', () => {
  it('a thread with replies reads back in order, with its target, authors and mentions', () => {
    const doc = new Y.Doc();
    const thread = addThread(
      doc,
      ana,
      { target: { kind: 'card', id: 'cd_1' }, body: 'Is this the welcome email?', mentions: ['Maria Ionescu'] },
      null,
      t0,
    );
    addReply(doc, maria, thread, { body: 'Yes, v2' }, null, later(2));
    addReply(doc, ana, thread, { body: 'Thanks' }, null, later(1));
    const [read] = readComments(doc).threads;
    expect(read!.id).toBe(thread);
    expect(read!.target).toEqual({ kind: 'card', id: 'cd_1' });
    expect(read!.replies.map((r) => r.body)).toEqual(['Thanks', 'Yes, v2']);
    expect(read!.authors).toEqual(['Ana Pop', 'Maria Ionescu']);
    expect(read!.mentions).toEqual(['Maria Ionescu']);
    expect(doc.getMap('comments').get(thread)).toBeInstanceOf(Y.Map);
  });

  it('resolve and reopen; the filters and card badge counts follow', () => {
    const doc = new Y.Doc();
    const a = addThread(doc, ana, { target: { kind: 'card', id: 'cd_1' }, body: 'One' }, null, t0);
    addReply(doc, maria, a, { body: 'Two' }, null, later(1));
    const b = addThread(doc, maria, { target: { kind: 'card', id: 'cd_1' }, body: '@Ana Pop look', mentions: ['Ana Pop'] }, null, later(2));
    addThread(doc, maria, { target: { kind: 'stage', id: 'st_1' }, body: 'Stage note' }, null, later(3));
    expect(openCommentCounts(readComments(doc).threads).get('card:cd_1')).toBe(3);
    resolveThread(doc, maria, a, null, later(4));
    let threads = readComments(doc).threads;
    expect(threads.find((t) => t.id === a)!.root.resolvedBy).toBe('Maria Ionescu');
    expect(openCommentCounts(threads).get('card:cd_1')).toBe(1);
    expect(filterThreads(threads, 'resolved', 'Ana Pop').map((t) => t.id)).toEqual([a]);
    expect(filterThreads(threads, 'open', 'Ana Pop')).toHaveLength(2);
    expect(filterThreads(threads, 'mine', 'Ana Pop').map((t) => t.id)).toEqual([a]);
    expect(filterThreads(threads, 'mentions', 'Ana Pop').map((t) => t.id)).toEqual([b]);
    expect(filterThreads(threads, 'mine', undefined)).toEqual([]);
    reopenThread(doc, a);
    threads = readComments(doc).threads;
    expect(threads.find((t) => t.id === a)!.resolved).toBe(false);
    expect(doc.getMap<Y.Map<unknown>>('comments').get(a)!.has('resolvedBy')).toBe(false);
  });

  it('edit and delete are the author’s only, and bad input changes nothing', () => {
    const doc = new Y.Doc();
    const id = addThread(doc, ana, { target: { kind: 'lane', id: 'ln_1' }, body: 'Draft' }, null, t0);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => editComment(doc, maria, id, { body: 'Hijacked' })).toThrow(CommentError);
    expect(() => deleteComment(doc, maria, id)).toThrow(/your own/);
    expect(() => editComment(doc, { name: undefined }, id, { body: 'x' })).toThrow(/your own/);
    expect(() => editComment(doc, ana, id, { body: '   ' })).toThrow(CommentError);
    expect(() => addThread(doc, ana, { target: { kind: 'card', id: 'not an id!' }, body: 'x' })).toThrow(CommentError);
    expect(() => addReply(doc, ana, 'cm_missing', { body: 'x' })).toThrow(/no comment/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    editComment(doc, ana, id, { body: 'Final' }, null, later(5));
    const root = readComments(doc).threads[0]!.root;
    expect(root.body).toBe('Final');
    expect(root.editedAt).toBe(later(5).toISOString());
    deleteComment(doc, ana, id);
    expect(readComments(doc).threads).toEqual([]);
    expect(doc.getMap('comments').size).toBe(0);
  });

  it('deleting a first comment that has replies empties it and keeps the replies; the last reply going takes the thread', () => {
    const doc = new Y.Doc();
    const id = addThread(doc, ana, { target: { kind: 'flow', id: 'fl_1' }, body: 'Why 3d?' }, null, t0);
    const reply = addReply(doc, maria, id, { body: 'Legal asked' }, null, later(1));
    deleteComment(doc, ana, id, null, later(2));
    const [thread] = readComments(doc).threads;
    expect(thread!.root.body).toBeUndefined();
    expect(thread!.root.deletedAt).toBe(later(2).toISOString());
    expect(thread!.replies.map((r) => r.body)).toEqual(['Legal asked']);
    expect(openCommentCounts([thread!]).get('flow:fl_1')).toBe(1);
    deleteComment(doc, maria, reply);
    expect(readComments(doc).threads).toEqual([]);
  });

  it('concurrent replies and a concurrent resolve all survive a merge; an orphaned reply is kept, not lost', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = addThread(a, ana, { target: { kind: 'canvas', point: { x: 10, y: 20 } }, body: 'Here' }, null, t0);
    sync(a, b);
    addReply(a, ana, id, { body: 'from A' }, null, later(1));
    addReply(b, maria, id, { body: 'from B' }, null, later(1));
    resolveThread(b, maria, id, null, later(2));
    sync(a, b);
    for (const doc of [a, b]) {
      const [thread] = readComments(doc).threads;
      expect(thread!.replies.map((r) => r.body).sort()).toEqual(['from A', 'from B']);
      expect(thread!.resolved).toBe(true);
    }
    // Ana deletes her (reply-less, on her copy) thread while Maria replies: the reply stays readable.
    const c = new Y.Doc();
    const d = new Y.Doc();
    const lonely = addThread(c, ana, { target: { kind: 'card', id: 'cd_9' }, body: 'Alone' }, null, t0);
    sync(c, d);
    deleteComment(c, ana, lonely);
    const orphan = addReply(d, maria, lonely, { body: 'Wait' }, null, later(1));
    sync(c, d);
    const threads = readComments(c).threads;
    expect(threads.map((t) => t.id)).toEqual([orphan]);
    expect(threads[0]!.root.body).toBe('Wait');
  });

  it('a comment that does not validate is skipped and reported, and left untouched', () => {
    const doc = new Y.Doc();
    const bad = new Y.Map<unknown>();
    bad.set('body', 'no time, no target');
    doc.getMap('comments').set('cm_bad', bad);
    addThread(doc, ana, { target: { kind: 'card', id: 'cd_1' }, body: 'fine' }, null, t0);
    const read = readComments(doc);
    expect(read.threads).toHaveLength(1);
    expect(read.problems.map((p) => p.id)).toEqual(['cm_bad']);
    expect(doc.getMap('comments').has('cm_bad')).toBe(true);
  });
});
