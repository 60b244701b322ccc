import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { AppCommandId } from '../../shared/commands.ts';
import { buildMenuTemplate, type MenuInput } from './menu.ts';

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function menu(platform: NodeJS.Platform, overrides: Partial<MenuInput> = {}) {
  const ran: AppCommandId[] = [];
  const opened: string[] = [];
  const template = buildMenuTemplate({
    platform,
    appName: 'JourneyScroll',
    isDev: false,
    recent: [
      { id: 'doc-1', title: 'B2B journey' },
      { id: 'doc-2', title: '' },
    ],
    run: (c) => ran.push(c),
    openRecent: (id) => opened.push(id),
    clearRecent: () => opened.push('cleared'),
    ...overrides,
  });
  return { template, items: flatten(template), ran, opened };
}

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('native menu', () => {
  it('has File, Edit, View, Window and Help, with the app menu first on macOS only', () => {
    expect(menu('linux').template.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help']);
    expect(menu('darwin').template.map((m) => m.label ?? m.role)).toEqual(['JourneyScroll', 'File', 'Edit', 'View', 'windowMenu', 'help']);
  });

  it('has the File items of the issue with standard shortcuts, and sends them to the renderer', () => {
    const { items, ran } = menu('win32');
    const byId = (id: string) => items.find((i) => i.id === id);
    expect(byId('file.new')?.accelerator).toBe('CmdOrCtrl+N');
    expect(byId('file.open')?.accelerator).toBe('CmdOrCtrl+O');
    expect(byId('file.saveAs')?.accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(byId('edit.undo')?.accelerator).toBe('CmdOrCtrl+Z');
    expect(byId('edit.redo')?.accelerator).toBe('Shift+CmdOrCtrl+Z');
    expect(byId('file.export')).toBeDefined();
    expect(byId('file.importPerformance')?.label).toBe('Import Performance Data…');
    expect(byId('file.close')?.accelerator).toBe('CmdOrCtrl+W');
    click(byId('edit.undo'));
    click(byId('file.export'));
    click(byId('file.importPerformance'));
    expect(ran).toEqual(['edit.undo', 'file.export', 'file.importPerformance']);
    expect(items.some((i) => i.role === 'quit')).toBe(true);
  });

  it('lists recent blueprints and clears them', () => {
    const { items, opened } = menu('linux');
    const recent = items.find((i) => i.id === 'file.openRecent')!;
    const entries = recent.submenu as MenuItemConstructorOptions[];
    expect(entries.map((e) => e.label)).toEqual(['B2B journey', 'Untitled blueprint', undefined, 'Clear Menu']);
    click(entries[0]);
    click(entries[3]);
    expect(opened).toEqual(['doc-1', 'cleared']);
    const empty = menu('linux', { recent: [] }).items.find((i) => i.id === 'file.openRecent')!;
    expect((empty.submenu as MenuItemConstructorOptions[])[0]).toMatchObject({ enabled: false });
  });

  it('shows developer tools only in development', () => {
    expect(menu('linux').items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(menu('linux', { isDev: true }).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
