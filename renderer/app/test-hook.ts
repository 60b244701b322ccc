import type * as Y from 'yjs';
import type { Editor } from 'tldraw';
import { readBlueprint } from '../../shared/doc/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import type { BlueprintSession } from '../host/host.ts';

/**
 * The live objects of this page on `window.journeyscroll`, for the browser, desktop and bench
 * suites (which drive the built app). Nothing in the app reads it, and only test builds
 * (JOURNEYSCROLL_TEST_HOOK=1: out/web-test, out/renderer-test) call it — the web edition that
 * `journeyscroll serve` serves and the packaged app leave it out.
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
