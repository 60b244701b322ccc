import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit.ts';

describe('token bucket', () => {
  it('allows a burst, then the sustained rate', () => {
    let now = 0;
    const bucket = new TokenBucket(5, 10, () => now);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 100; // 10/s → one token per 100 ms
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 10_000;
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('spends nothing when a take is refused', () => {
    const now = 0;
    const bucket = new TokenBucket(100, 1, () => now);
    expect(bucket.take(150)).toBe(false);
    expect(bucket.take(100)).toBe(true);
  });
});
