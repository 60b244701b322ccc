import { describe, expect, it } from 'vitest';
import { restoreWindowState } from './window-state.ts';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const external = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('restoreWindowState', () => {
  it('restores a window where it was when that place still exists', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: false, fullScreen: false };
    expect(restoreWindowState(saved, [laptop, external], laptop)).toEqual(saved);
  });

  it('brings a window back when its monitor is gone', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1000, maximized: true };
    const restored = restoreWindowState(saved, [laptop], laptop);
    expect(restored.x).toBeGreaterThanOrEqual(0);
    expect(restored.x + restored.width).toBeLessThanOrEqual(1440);
    expect(restored.maximized).toBe(true);
  });

  it('shrinks a window that no longer fits and keeps it on screen', () => {
    const restored = restoreWindowState({ x: 1000, y: 20, width: 3000, height: 2000 }, [laptop], laptop);
    expect(restored).toMatchObject({ width: 1440, height: 900, x: 0, y: 0 });
    // A title bar above the top of every display cannot be grabbed: recentre.
    expect(restoreWindowState({ x: 100, y: -50, width: 1000, height: 700 }, [laptop], laptop)).toMatchObject({
      x: 144,
      y: 90,
      width: 1152,
      height: 720,
    });
  });

  it('ignores a corrupt saved state', () => {
    for (const bad of [null, 'x', { x: 'a' }, { x: 0, y: 0, width: 10, height: 10 }, { x: 0, y: 0, width: 1e9, height: 800 }]) {
      expect(restoreWindowState(bad, [laptop], laptop)).toMatchObject({ width: 1152, height: 720, maximized: false });
    }
  });
});
