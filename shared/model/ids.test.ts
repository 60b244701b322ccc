import { describe, expect, it } from 'vitest';
import { ID_PATTERN, newId } from './ids.ts';

describe('newId', () => {
  it('prefixes the entity kind and matches the id pattern', () => {
    const id = newId('card');
    expect(id).toMatch(/^cd_[0-9A-Za-z]{14}$/);
    expect(ID_PATTERN.test(id)).toBe(true);
  });

  it('does not repeat across many draws', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('stage')));
    expect(ids.size).toBe(10_000);
  });

  it('is deterministic for a given source of randomness', () => {
    const zeros = (n: number) => new Uint8Array(n);
    expect(newId('flow', zeros)).toBe('fl_00000000000000');
  });
});
