import { describe, expect, it } from 'vitest';
import { commentIdentity, LOCAL_NAME } from './identity.ts';

const token = (claims: object) =>
  `e30.${btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(claims))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')}.sig`;

describe('comment identity', () => {
  it('takes the name and role from the token', () => {
    expect(commentIdentity(token({ role: 'commenter', name: 'Ana Pop' }), 'Settings name')).toEqual({ name: 'Ana Pop', mayComment: true });
    expect(commentIdentity(token({ role: 'editor', name: 'Zoë Ștefan' }), undefined)).toEqual({ name: 'Zoë Ștefan', mayComment: true });
    expect(commentIdentity(token({ role: 'viewer', name: 'Vic' }), undefined).mayComment).toBe(false);
  });
  it('a link without a name is anonymous; a garbled one may not comment', () => {
    expect(commentIdentity(token({ role: 'editor' }), 'Settings name')).toEqual({ name: undefined, mayComment: true });
    expect(commentIdentity('not-a-token', 'x')).toEqual({ name: undefined, mayComment: false });
  });
  it('without a link the person is the owner, under the name in Settings', () => {
    expect(commentIdentity(undefined, ' Ana ')).toEqual({ name: 'Ana', mayComment: true });
    expect(commentIdentity(undefined, undefined)).toEqual({ name: LOCAL_NAME, mayComment: true });
  });
});
