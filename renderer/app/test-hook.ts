import type * as Y from 'yjs';
import type { Editor } from 'tldraw';
import { readBlueprint } from '../../shared/doc/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import type { BlueprintSession } from '../host/host.ts';

/**
 * The live objects of this page on `window.journeyscroll`, for the browser, desktop and bench
 * suites (which drive the built app) and for debugging. Nothing in the app reads it.
 */
export function exposeForTests(session: BlueprintSession, editor: Editor, bridge: CanvasBridge, undo: Y.UndoManager): void {
  (window as unknown as { journeyscroll?: unknown }).journeyscroll = {
    doc: session.doc,
    editor,
    bridge,
    session,
    undo,
    readBlueprint: () => readBlueprint(session.doc),
  };
}
