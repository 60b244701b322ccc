/**
 * The app's commands: one list for the desktop menus (electron/main/menu.ts), the renderer that
 * executes them, and the keyboard-shortcut help. Accelerators use Electron's syntax
 * (`CmdOrCtrl` is ⌘ on macOS and Ctrl elsewhere); `formatAccelerator` renders them for people.
 */
export interface AppCommand {
  readonly label: string;
  readonly accelerator?: string;
  /** Shown in the shortcut help under this heading. */
  readonly group: 'File' | 'Edit' | 'View' | 'Present' | 'Help';
}

export const APP_COMMANDS = {
  'file.new': { label: 'New from Template…', accelerator: 'CmdOrCtrl+N', group: 'File' },
  'file.open': { label: 'Open…', accelerator: 'CmdOrCtrl+O', group: 'File' },
  'file.saveAs': { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', group: 'File' },
  'file.export': { label: 'Export…', accelerator: 'CmdOrCtrl+E', group: 'File' },
  'file.print': { label: 'Print Scroll…', accelerator: 'CmdOrCtrl+P', group: 'File' },
  'file.importPerformance': { label: 'Import Performance Data…', group: 'File' },
  'file.share': { label: 'Share…', group: 'File' },
  'file.hostWorkshop': { label: 'Host a Workshop…', group: 'File' },
  'file.close': { label: 'Close', accelerator: 'CmdOrCtrl+W', group: 'File' },
  'edit.undo': { label: 'Undo', accelerator: 'CmdOrCtrl+Z', group: 'Edit' },
  'edit.redo': { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', group: 'Edit' },
  'edit.delete': { label: 'Delete', accelerator: 'Delete', group: 'Edit' },
  'edit.selectAll': { label: 'Select All', accelerator: 'CmdOrCtrl+A', group: 'Edit' },
  'edit.lint': { label: 'Check Journey (Lint)', accelerator: 'CmdOrCtrl+Shift+L', group: 'Edit' },
  // As in Google Docs and Word: Ctrl+Alt+M (⌘⌥M) comments on what is selected.
  'edit.comment': { label: 'Comment', accelerator: 'CmdOrCtrl+Alt+M', group: 'Edit' },
  'edit.versions': { label: 'Versions and Approval…', accelerator: 'CmdOrCtrl+Alt+S', group: 'Edit' },
  'edit.history': { label: 'History of Changes', accelerator: 'CmdOrCtrl+Alt+H', group: 'Edit' },
  'view.zoomToFit': { label: 'Zoom to Fit the Scroll', accelerator: 'Shift+1', group: 'View' },
  'view.zoomIn': { label: 'Zoom In', accelerator: 'CmdOrCtrl+=', group: 'View' },
  'view.zoomOut': { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', group: 'View' },
  'view.zoomReset': { label: 'Actual Size', accelerator: 'Shift+0', group: 'View' },
  'view.nextStage': { label: 'Next Stage', accelerator: 'Alt+Right', group: 'View' },
  'view.previousStage': { label: 'Previous Stage', accelerator: 'Alt+Left', group: 'View' },
  // As Word's Track Changes (Ctrl+Shift+E): the changes since the approval, marked on the canvas.
  'view.changes': { label: 'Changes Since Approved', accelerator: 'CmdOrCtrl+Shift+E', group: 'View' },
  'view.comments': { label: 'Comments Panel', accelerator: 'CmdOrCtrl+Alt+Shift+M', group: 'View' },
  'present.start': { label: 'Unroll (Present)', accelerator: 'CmdOrCtrl+Enter', group: 'Present' },
  'help.shortcuts': { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', group: 'Help' },
  'help.docs': { label: 'JourneyScroll Help', group: 'Help' },
} as const satisfies Record<string, AppCommand>;

export type AppCommandId = keyof typeof APP_COMMANDS;

export const isAppCommandId = (value: unknown): value is AppCommandId => typeof value === 'string' && Object.hasOwn(APP_COMMANDS, value);

/** "CmdOrCtrl+Shift+S" → "⌘⇧S" on macOS, "Ctrl+Shift+S" elsewhere. */
export function formatAccelerator(accelerator: string, mac: boolean): string {
  const parts = accelerator.split('+');
  if (!mac) return parts.map((p) => (p === 'CmdOrCtrl' ? 'Ctrl' : p)).join('+');
  const symbols: Record<string, string> = {
    CmdOrCtrl: '⌘',
    Shift: '⇧',
    Alt: '⌥',
    Ctrl: '⌃',
    Right: '→',
    Left: '←',
    Delete: '⌫',
    Enter: '↩',
  };
  return parts.map((p) => symbols[p] ?? p).join('');
}

/** The parts of a keyboard event an accelerator is matched against. */
export interface KeyChord {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

const KEY_NAMES: Record<string, string> = {
  Right: 'ArrowRight',
  Left: 'ArrowLeft',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Enter: 'Enter',
  Delete: 'Delete',
  '=': '=',
  '-': '-',
  '/': '/',
};

/**
 * Whether a key press is this accelerator (Electron syntax), for the web edition, which has no
 * native menu to catch them. Shifted characters are compared by their unshifted key where the
 * accelerator names a digit ("Shift+1" arrives as "!" on a US layout, so `code` is used).
 */
export function acceleratorMatches(accelerator: string, chord: KeyChord & { readonly code?: string }, mac: boolean): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const mods = new Set(parts);
  const wantCmd = mods.has('CmdOrCtrl');
  const ctrl = mods.has('Ctrl') || (wantCmd && !mac);
  const meta = wantCmd && mac;
  if (chord.ctrlKey !== ctrl || chord.metaKey !== meta || chord.shiftKey !== mods.has('Shift') || chord.altKey !== mods.has('Alt'))
    return false;
  if (/^[0-9]$/.test(key)) return chord.code === `Digit${key}` || chord.key === key;
  // With Alt (⌥ on macOS) a letter key types another character (⌥M is µ): its `code` still names the key.
  if (/^[A-Z]$/.test(key)) return chord.key.toUpperCase() === key || (mods.has('Alt') && chord.code === `Key${key}`);
  return chord.key === (KEY_NAMES[key] ?? key);
}
