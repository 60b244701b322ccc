import type { Editor } from 'tldraw';
import type * as Y from 'yjs';
import type { AppCommandId } from '../../shared/commands.ts';
import { deleteFlow } from '../../shared/doc/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { isEditingText } from './use-commands.ts';

/** What the blueprint view opens in answer to a command. */
export type Panel = 'help' | 'export' | 'print' | 'lint' | 'versions' | 'history' | 'present' | 'comments' | 'import' | 'changes';

export interface CommandContext {
  readonly editor: Editor | null;
  readonly bridge: CanvasBridge | null;
  readonly undo: Y.UndoManager;
  readonly canEdit: boolean;
  open(panel: Panel): void;
  /** The web edition's Save As: download the .journey file. */
  downloadJourney(): void;
  /** A new comment on the selection (renderer/comments). */
  comment?(): void;
}

/** Commands about files and windows, performed by the desktop shell when a native menu sent them. */
export const SHELL_COMMANDS: ReadonlySet<AppCommandId> = new Set([
  'file.new',
  'file.open',
  'file.saveAs',
  'file.share',
  'file.hostWorkshop',
  'file.close',
]);

/**
 * Performs a command on the open blueprint. Undo, delete and select-all act on a focused text
 * field when there is one (the native menu takes the keys before the field would see them).
 */
export function runBlueprintCommand(command: AppCommandId, ctx: CommandContext): void {
  const { editor, bridge, undo } = ctx;
  const text = isEditingText();
  switch (command) {
    case 'edit.undo':
      if (text) document.execCommand('undo');
      else if (ctx.canEdit) undo.undo();
      return;
    case 'edit.redo':
      if (text) document.execCommand('redo');
      else if (ctx.canEdit) undo.redo();
      return;
    case 'edit.delete': {
      if (text) return void document.execCommand('delete');
      if (!ctx.canEdit || !editor || !bridge) return;
      const flow = bridge.selectedFlow.get();
      if (flow) bridge.edit((doc, origin) => deleteFlow(doc, flow, origin));
      else editor.deleteShapes(editor.getSelectedShapeIds());
      return;
    }
    case 'edit.selectAll':
      if (text) document.execCommand('selectAll');
      else editor?.selectAll();
      return;
    case 'edit.lint':
      return ctx.open('lint');
    case 'edit.comment':
      return ctx.comment?.();
    case 'view.comments':
      return ctx.open('comments');
    case 'edit.versions':
      return ctx.open('versions');
    case 'edit.history':
      return ctx.open('history');
    case 'view.changes':
      return ctx.open('changes');
    case 'view.zoomToFit':
      if (editor && bridge) editor.zoomToBounds(bridge.layout().bounds, { inset: 24, animation: { duration: 200 } });
      return;
    case 'view.zoomIn':
      editor?.zoomIn(undefined, { animation: { duration: 150 } });
      return;
    case 'view.zoomOut':
      editor?.zoomOut(undefined, { animation: { duration: 150 } });
      return;
    case 'view.zoomReset':
      // The start of the scroll at its real size, clear of tldraw's menu in the corner.
      editor?.setCamera({ x: 8, y: 48, z: 1 }, { animation: { duration: 200 } });
      return;
    case 'view.nextStage':
    case 'view.previousStage':
      if (editor && bridge) jumpStage(editor, bridge, command === 'view.nextStage' ? 1 : -1);
      return;
    case 'present.start':
      return ctx.open('present');
    case 'file.export':
      return ctx.open('export');
    case 'file.print':
      return ctx.open('print');
    case 'file.importPerformance':
      return ctx.open('import');
    case 'file.saveAs':
      return ctx.downloadJourney();
    case 'help.shortcuts':
    case 'help.docs':
      return ctx.open('help');
    case 'file.new':
    case 'file.open':
    case 'file.share':
    case 'file.hostWorkshop':
    case 'file.close':
      return; // the desktop shell's
  }
}

/** Frames the stage after (or before) the one at the centre of the view. */
export function jumpStage(editor: Editor, bridge: CanvasBridge, delta: 1 | -1): void {
  const stages = bridge.layout().stages;
  if (!stages.length) return;
  const viewport = editor.getViewportPageBounds();
  const first = stages[0]!.column;
  const last = stages.at(-1)!.column;
  // The whole scroll in view: start the walk at one end.
  if (viewport.minX <= first.x && viewport.maxX >= last.x + last.w) {
    editor.zoomToBounds(delta > 0 ? first : last, { inset: 24, animation: { duration: 200 } });
    return;
  }
  let current = stages.findIndex((s) => s.column.x <= viewport.midX && viewport.midX < s.column.x + s.column.w);
  if (current < 0) current = viewport.midX < stages[0]!.column.x ? -1 : stages.length;
  const next = Math.max(0, Math.min(stages.length - 1, current + delta));
  editor.zoomToBounds(stages[next]!.column, { inset: 24, animation: { duration: 200 } });
}
