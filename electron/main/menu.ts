import type { MenuItemConstructorOptions } from 'electron';
import { APP_COMMANDS, type AppCommandId } from '../../shared/commands.ts';

export interface RecentDocument {
  readonly id: string;
  readonly title: string;
}

export interface MenuInput {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly recent: readonly RecentDocument[];
  /** Sends a command to the focused window's renderer, which performs it. */
  readonly run: (command: AppCommandId) => void;
  readonly openRecent: (id: string) => void;
  readonly clearRecent: () => void;
  readonly isDev: boolean;
}

/**
 * The native menu bar: File, Edit, View, Window, Help (and the app menu on macOS), with the
 * standard shortcuts. Commands that act on the blueprint (undo, zoom, export…) go to the renderer,
 * because undo there covers model edits and annotations together; clipboard and window items use
 * Electron's roles so they behave natively.
 */
export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const item = (id: AppCommandId): MenuItemConstructorOptions => {
    const command = APP_COMMANDS[id];
    return {
      id,
      label: command.label,
      ...('accelerator' in command ? { accelerator: command.accelerator } : {}),
      click: () => input.run(id),
    };
  };
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const recent: MenuItemConstructorOptions = {
    id: 'file.openRecent',
    label: 'Open Recent',
    submenu: input.recent.length
      ? [
          ...input.recent
            .slice(0, 10)
            .map((doc) => ({ id: `recent:${doc.id}`, label: doc.title || 'Untitled blueprint', click: () => input.openRecent(doc.id) })),
          separator,
          { id: 'file.clearRecent', label: 'Clear Menu', click: input.clearRecent },
        ]
      : [{ label: 'No Recent Blueprints', enabled: false }],
  };

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: input.appName,
      submenu: [
        { role: 'about' },
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: [
      item('file.new'),
      item('file.open'),
      recent,
      separator,
      item('file.saveAs'),
      item('file.export'),
      item('file.print'),
      item('file.importPerformance'),
      separator,
      item('file.share'),
      item('file.hostWorkshop'),
      separator,
      item('file.close'),
      ...(mac ? [] : [separator, { role: 'quit' } as MenuItemConstructorOptions]),
    ],
  });
  template.push({
    label: 'Edit',
    submenu: [
      item('edit.undo'),
      item('edit.redo'),
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      item('edit.delete'),
      item('edit.selectAll'),
      separator,
      item('edit.lint'),
      item('edit.comment'),
      item('edit.versions'),
      item('edit.history'),
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      item('view.zoomToFit'),
      item('view.zoomIn'),
      item('view.zoomOut'),
      item('view.zoomReset'),
      separator,
      item('view.previousStage'),
      item('view.nextStage'),
      separator,
      item('view.changes'),
      item('view.comments'),
      item('present.start'),
      { role: 'togglefullscreen' },
      ...(input.isDev
        ? [separator, { role: 'toggleDevTools' } as MenuItemConstructorOptions, { role: 'reload' } as MenuItemConstructorOptions]
        : []),
    ],
  });
  template.push({ role: 'windowMenu' });
  template.push({ role: 'help', submenu: [item('help.shortcuts'), item('help.docs')] });
  return template;
}
