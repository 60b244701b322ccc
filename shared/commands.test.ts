import { describe, expect, it } from 'vitest';
import { acceleratorMatches, APP_COMMANDS, formatAccelerator, isAppCommandId } from './commands.ts';

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

describe('acceleratorMatches', () => {
  const chord = (
    key: string,
    m: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; code: string }> = {},
  ) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...m });
  it('matches CmdOrCtrl as Ctrl elsewhere and ⌘ on macOS, and nothing with extra modifiers', () => {
    expect(acceleratorMatches('CmdOrCtrl+E', chord('e', { ctrlKey: true }), false)).toBe(true);
    expect(acceleratorMatches('CmdOrCtrl+E', chord('e', { metaKey: true }), true)).toBe(true);
    expect(acceleratorMatches('CmdOrCtrl+E', chord('e', { ctrlKey: true }), true)).toBe(false);
    expect(acceleratorMatches('CmdOrCtrl+E', chord('e', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(acceleratorMatches('CmdOrCtrl+Shift+L', chord('L', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(acceleratorMatches('CmdOrCtrl+Enter', chord('Enter', { ctrlKey: true }), false)).toBe(true);
    expect(acceleratorMatches('Alt+Right', chord('ArrowRight', { altKey: true }), false)).toBe(true);
    expect(acceleratorMatches('Alt+Right', chord('ArrowLeft', { altKey: true }), false)).toBe(false);
    expect(acceleratorMatches('Shift+1', chord('!', { shiftKey: true, code: 'Digit1' }), false)).toBe(true);
    expect(acceleratorMatches('CmdOrCtrl+/', chord('/', { ctrlKey: true }), false)).toBe(true);
  });
  it('matches a letter with Alt by its key code (⌥M types µ on macOS), and only with Alt', () => {
    expect(acceleratorMatches('CmdOrCtrl+Alt+M', chord('µ', { metaKey: true, altKey: true, code: 'KeyM' }), true)).toBe(true);
    expect(acceleratorMatches('CmdOrCtrl+Alt+M', chord('m', { ctrlKey: true, altKey: true, code: 'KeyM' }), false)).toBe(true);
    expect(acceleratorMatches('CmdOrCtrl+Alt+M', chord('µ', { metaKey: true, altKey: true, code: 'KeyN' }), true)).toBe(false);
    // Without Alt the character decides: on AZERTY the key coded KeyQ types "a".
    expect(acceleratorMatches('CmdOrCtrl+E', chord('z', { ctrlKey: true, code: 'KeyE' }), false)).toBe(false);
  });
});
