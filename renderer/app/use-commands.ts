import { useEffect, useRef } from 'react';
import { acceleratorMatches, APP_COMMANDS, type AppCommandId } from '../../shared/commands.ts';
import type { Host } from '../host/host.ts';

/**
 * Commands the web edition takes from the keyboard. On the desktop the native menu owns every
 * accelerator (Electron resolves them before the page sees the key); in a browser, tldraw and the
 * browser already handle undo, delete, select all and zoom, so only these are ours to catch.
 */
const WEB_KEYBOARD_COMMANDS: readonly AppCommandId[] = [
  'file.saveAs',
  'file.export',
  'file.print',
  'edit.lint',
  'edit.comment',
  'view.comments',
  'view.changes',
  'view.nextStage',
  'view.previousStage',
  'present.start',
  'help.shortcuts',
];

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Runs app commands chosen in the native menu (desktop) or with their shortcut (web). */
export function useCommands(host: Host, run: (command: AppCommandId, source: 'menu' | 'keyboard') => void, enabled = true): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    if (!enabled || !host.onCommand) return;
    return host.onCommand((command) => latest.current(command, 'menu'));
  }, [host, enabled]);
  useEffect(() => {
    if (!enabled || host.onCommand) return;
    const mac = isMac();
    const onKey = (e: KeyboardEvent) => {
      for (const id of WEB_KEYBOARD_COMMANDS) {
        const command = APP_COMMANDS[id];
        if ('accelerator' in command && acceleratorMatches(command.accelerator, e, mac)) {
          e.preventDefault();
          latest.current(id, 'keyboard');
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [host, enabled]);
}

/** Whether the focus is in a text field (where undo, delete and select-all belong to the field). */
export function isEditingText(): boolean {
  const el = document.activeElement as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}
