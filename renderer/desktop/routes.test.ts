import { describe, expect, it } from 'vitest';
import { hashOf, parseHash } from './routes.ts';

describe('desktop routes', () => {
  it('reads a blueprint hash and writes it back', () => {
    expect(parseHash('#/b/bp-abc')).toEqual({ page: 'blueprint', id: 'bp-abc' });
    expect(hashOf({ page: 'blueprint', id: 'bp-abc' })).toBe('#/b/bp-abc');
  });
  it('falls back to the library for anything else', () => {
    for (const hash of ['', '#', '#/', '#/b/', '#/b/_library', '#/b/bad%20id', '#/b/%E0', '#/x/bp-1'])
      expect(parseHash(hash), hash).toEqual({ page: 'library' });
  });
});
