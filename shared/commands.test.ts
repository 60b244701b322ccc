import { describe, expect, it } from 'vitest';
import { APP_COMMANDS, formatAccelerator, isAppCommandId } from './commands.ts';

describe('app commands', () => {
  it('gives every accelerator once', () => {
    const accelerators = Object.values(APP_COMMANDS).flatMap((c) => ('accelerator' in c ? [c.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('recognises only known command ids', () => {
    expect(isAppCommandId('edit.undo')).toBe(true);
    expect(isAppCommandId('toString')).toBe(false);
    expect(isAppCommandId(42)).toBe(false);
  });

  it('formats accelerators per platform', () => {
    expect(formatAccelerator('CmdOrCtrl+Shift+S', true)).toBe('⌘⇧S');
    expect(formatAccelerator('CmdOrCtrl+Shift+S', false)).toBe('Ctrl+Shift+S');
  });
});
