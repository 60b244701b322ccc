import { describe, expect, it } from 'vitest';
import { insertMention, matchPeople, mentionQuery, mentionsIn } from './mentions.ts';
import { markSeen, MAX_SEEN, parseSeen, unreadCount } from './unread.ts';
import { readComments } from './read.ts';
import { addReply, addThread } from './edits.ts';
import * as Y from 'yjs';

describe('mentions', () => {
  const people = ['Ana', 'Ana Maria', 'Bo Li'];
  it('finds the people named with @, longest name first, any case, whole names only', () => {
    expect(mentionsIn('@ana maria and @Bo Li, please', people)).toEqual(['Ana Maria', 'Bo Li']);
    expect(mentionsIn('@Ana, and @Ana Maria', people).sort()).toEqual(['Ana', 'Ana Maria']);
    expect(mentionsIn('@Anatole is not Ana; mail ana@x', people)).toEqual([]);
  });
  it('knows the name being typed, and completes it', () => {
    expect(mentionQuery('Hi @Bo', 6)).toBe('Bo');
    expect(mentionQuery('mail ana@x', 10)).toBeNull();
    expect(mentionQuery('no at', 5)).toBeNull();
    expect(insertMention('Hi @Bo and', 6, 'Bo Li')).toEqual({ text: 'Hi @Bo Li  and', caret: 10 });
    expect(matchPeople('li', people)).toEqual(['Bo Li']);
    expect(matchPeople('an', people)).toEqual(['Ana', 'Ana Maria']);
  });
});

describe('unread markers', () => {
  it('counts the comments of others not yet seen', () => {
    const doc = new Y.Doc();
    const id = addThread(doc, { name: 'Ana' }, { target: { kind: 'card', id: 'cd_1' }, body: 'a' });
    const reply = addReply(doc, { name: 'Bo' }, id, { body: 'b' });
    const threads = readComments(doc).threads;
    expect(unreadCount(threads, 'Ana', new Set())).toBe(1);
    expect(unreadCount(threads, 'Bo', new Set())).toBe(1);
    expect(unreadCount(threads, 'Ana', new Set([reply]))).toBe(0);
    expect(unreadCount(threads, undefined, new Set())).toBe(2);
  });
  it('stores a bounded list and reads garbage as nothing seen', () => {
    expect(parseSeen('not json')).toEqual([]);
    expect(parseSeen('{"a":1}')).toEqual([]);
    expect(parseSeen('["a",2,"b"]')).toEqual(['a', 'b']);
    const many = Array.from({ length: MAX_SEEN }, (_, i) => `c${i}`);
    const next = markSeen(many, ['new', 'c1']);
    expect(next).toHaveLength(MAX_SEEN);
    expect(next.at(-1)).toBe('new');
    expect(next[0]).toBe('c1');
  });
});
