import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CameraMotion, SETTLE_MS } from './camera-motion.ts';

describe('CameraMotion', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    let report: (moving: boolean) => void = () => undefined;
    const seen: boolean[] = [];
    const motion = new CameraMotion({
      watch: (f) => {
        report = f;
        f(false);
        return () => (report = () => undefined);
      },
      onChange: (m) => seen.push(m),
    });
    return { motion, seen, report: (m: boolean) => report(m) };
  }

  it('moves at once and rests only once the camera has been still for SETTLE_MS', () => {
    const { motion, seen, report } = setup();
    expect(motion.moving).toBe(false);
    report(true);
    expect(motion.moving).toBe(true);
    report(false);
    vi.advanceTimersByTime(SETTLE_MS - 1);
    expect(motion.moving).toBe(true);
    vi.advanceTimersByTime(1);
    expect(motion.moving).toBe(false);
    expect(seen).toEqual([true, false]);
  });

  it('a pan in bursts is one movement: a pause shorter than SETTLE_MS does not rest', () => {
    const { motion, seen, report } = setup();
    for (let i = 0; i < 5; i++) {
      report(true);
      report(false);
      vi.advanceTimersByTime(SETTLE_MS / 2);
    }
    expect(motion.moving).toBe(true);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(seen).toEqual([true, false]);
  });

  it('stops listening and timing when disposed', () => {
    const { motion, seen, report } = setup();
    report(true);
    report(false);
    motion.dispose();
    vi.advanceTimersByTime(SETTLE_MS * 2);
    report(true);
    expect(seen).toEqual([true]);
  });
});
