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
  'file.share': { label: 'Share…', group: 'File' },
  'file.hostWorkshop': { label: 'Host a Workshop…', group: 'File' },
  'file.close': { label: 'Close', accelerator: 'CmdOrCtrl+W', group: 'File' },
  'edit.undo': { label: 'Undo', accelerator: 'CmdOrCtrl+Z', group: 'Edit' },
  'edit.redo': { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', group: 'Edit' },
  'edit.delete': { label: 'Delete', accelerator: 'Delete', group: 'Edit' },
  'edit.selectAll': { label: 'Select All', accelerator: 'CmdOrCtrl+A', group: 'Edit' },
  'edit.lint': { label: 'Check Journey (Lint)', accelerator: 'CmdOrCtrl+Shift+L', group: 'Edit' },
  'view.zoomToFit': { label: 'Zoom to Fit the Scroll', accelerator: 'Shift+1', group: 'View' },
  'view.zoomIn': { label: 'Zoom In', accelerator: 'CmdOrCtrl+=', group: 'View' },
  'view.zoomOut': { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', group: 'View' },
  'view.zoomReset': { label: 'Actual Size', accelerator: 'Shift+0', group: 'View' },
  'view.nextStage': { label: 'Next Stage', accelerator: 'Alt+Right', group: 'View' },
  'view.previousStage': { label: 'Previous Stage', accelerator: 'Alt+Left', group: 'View' },
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
  const symbols: Record<string, string> = { CmdOrCtrl: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃', Right: '→', Left: '←', Delete: '⌫', Enter: '↩' };
  return parts.map((p) => symbols[p] ?? p).join('');
}
