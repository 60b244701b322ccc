import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { atom, createTLStore, defaultBindingUtils, defaultShapeUtils, react, Tldraw, type Editor, type TLUiOverrides } from 'tldraw';
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite.js';
import 'tldraw/tldraw.css';
import type { BlueprintSession, ConnectionState } from '../host/host.ts';
import { connectCanvas, type CanvasBridge } from './bridge.ts';
import type { WireFontFace } from './picture/tile-protocol.ts';
import { connectPresence } from './presence.ts';
import { PROJECTED_SHAPE_UTILS } from './shapes/index.ts';
import { AnnotationStylePanel } from './StylePanel.tsx';
import { CommentContextMenu } from '../comments/CommentContextMenu.tsx';
import { BridgeContext, TitleEditor } from './TitleEditor.tsx';
import './canvas.css';

// Bundled fonts, icons and translations: the canvas never fetches anything from a CDN.
const assetUrls = getAssetUrlsByImport();
const shapeUtils = PROJECTED_SHAPE_UTILS;
// The scroll lives on one page, and undo/redo are ours (per person): tldraw's page menu and quick
// actions (whose undo state is tldraw's own history) are left out; our toolbar has Undo/Redo.
// The context menu adds "Comment" (renderer/comments) to tldraw's own entries.
const components = {
  InFrontOfTheCanvas: TitleEditor,
  StylePanel: AnnotationStylePanel,
  PageMenu: null,
  QuickActions: null,
  ContextMenu: CommentContextMenu,
};
// tldraw refuses local creates past 4,000 shapes by default; a blueprint can project more.
// `debouncedZoomThreshold: 0`: the zoom that styles read (tldraw's `--tl-zoom` on the container)
// changes when the camera stops, never while it moves — each change restyles every shape, which a
// scroll's frames cannot afford (tldraw itself does so only above 500 shapes; a windowed scroll
// often has fewer shapes than that and far more DOM per shape).
const options = { maxShapesPerPage: 50_000, debouncedZoomThreshold: 0 };
/**
 * The largest image or video file put on the scroll. Assets travel inside the document as data
 * URLs (a third larger than the file), and the sync server refuses any message over its limit
 * (8 MiB by default, docs/architecture.md §4): tldraw's own 10 MB default let a photo through that the server
 * then refused on every reconnect, leaving that person's edits unsynced. A larger file gets
 * tldraw's "File size is too big" notice instead.
 */
const MAX_ASSET_BYTES = 3 * 1024 * 1024;
/** Larger images are scaled down to this many pixels on their longer side as they are put down. */
const MAX_IMAGE_DIMENSION = 4096;

export interface CanvasViewProps {
  readonly session: BlueprintSession;
  readonly origin: object;
  readonly undo: Y.UndoManager;
  /** Why this person may not edit (viewer, newer document…), or null. */
  readonly readOnly: string | null;
  readonly licenseKey: string | undefined;
  readonly onReady: (editor: Editor, bridge: CanvasBridge) => void;
  readonly onError: (message: string) => void;
}

/** A purely local blueprint has nothing to be offline from: tldraw shows no offline state for it. */
const isLive = (state: ConnectionState) => state === 'synced' || state === 'local';

/** The scroll: a tldraw editor over a store fed by the projection, with presence and per-person undo. */
export function CanvasView({ session, origin, undo, readOnly, licenseKey, onReady, onError }: CanvasViewProps) {
  const signals = useMemo(
    () => ({
      status: atom<'online' | 'offline'>('collaboration status', isLive(session.connection()) ? 'online' : 'offline'),
      mode: atom<'readonly' | 'readwrite'>('collaboration mode', readOnly ? 'readonly' : 'readwrite'),
    }),
    // The initial mode only; later changes go through the effect below.
    [session],
  );
  const store = useMemo(
    () =>
      createTLStore({
        shapeUtils: [...defaultShapeUtils, ...shapeUtils],
        bindingUtils: defaultBindingUtils,
        collaboration: { status: signals.status, mode: signals.mode },
      }),
    [signals],
  );
  useEffect(() => {
    signals.mode.set(readOnly ? 'readonly' : 'readwrite');
  }, [signals, readOnly]);
  useEffect(() => {
    const update = () => signals.status.set(isLive(session.connection()) ? 'online' : 'offline');
    update();
    return session.onConnectionChange(update);
  }, [session, signals]);

  const [bridge, setBridge] = useState<CanvasBridge | null>(null);
  const overrides = useMemo<TLUiOverrides>(
    () => ({
      actions(_editor, actions) {
        // One undo for everything this person did — model edits and annotations — and nothing else.
        actions.undo = { ...actions.undo!, onSelect: () => void undo.undo() };
        actions.redo = { ...actions.redo!, onSelect: () => void undo.redo() };
        return actions;
      },
    }),
    [undo],
  );

  const onMount = (editor: Editor) => {
    followSystemColorScheme(editor);
    const stopDetail = showCardDetailByZoom(editor);
    const b = connectCanvas({
      editor,
      doc: session.doc,
      origin,
      undo,
      onError,
      principal: session.principal,
      fontFaces: pictureFontFaces(),
    });
    const stopPresence = connectPresence(editor.store, session.awareness, (l) => session.onReconnect(l));
    setBridge(b);
    onReady(editor, b);
    return () => {
      stopDetail();
      stopPresence();
      b.dispose();
    };
  };

  return (
    <BridgeContext.Provider value={bridge}>
      <Tldraw
        store={store}
        shapeUtils={shapeUtils}
        assetUrls={assetUrls}
        licenseKey={licenseKey}
        overrides={overrides}
        components={components}
        options={options}
        maxAssetSize={MAX_ASSET_BYTES}
        maxImageDimension={MAX_IMAGE_DIMENSION}
        onMount={onMount}
      />
    </BridgeContext.Provider>
  );
}

/**
 * tldraw's sans-serif faces as the scroll picture's worker loads them (tldraw's "normal" face is
 * IBM Plex Sans Medium, its "bold" IBM Plex Sans Bold): absolute URLs, as a worker resolves
 * relative ones against its own script.
 */
function pictureFontFaces(): WireFontFace[] {
  const fonts = assetUrls.fonts as Record<string, string | undefined> | undefined;
  const face = (key: string, weight: string) =>
    fonts?.[key] ? [{ family: 'tldraw_sans', url: new URL(fonts[key]!, document.baseURI).href, weight }] : [];
  return [...face('tldraw_sans', '400'), ...face('tldraw_sans_bold', '700')];
}

const SCHEME_DEFAULTED = 'journeyscroll.colorSchemeDefaulted';

/**
 * The canvas follows the system's light or dark mode, as the app's chrome does — until the person
 * picks a scheme in tldraw's menu (tldraw's own default is "light"; we set "system" once).
 */
function followSystemColorScheme(editor: Editor): void {
  try {
    if (localStorage.getItem(SCHEME_DEFAULTED)) return;
    localStorage.setItem(SCHEME_DEFAULTED, '1');
  } catch {
    // No storage (a locked-down browser): follow the system on every visit.
  }
  editor.user.updateUserPreferences({ colorScheme: 'system' });
}

/** Below this zoom a card's 12-pixel title would be drawn under 3 pixels high: not worth drawing. */
const CARD_TEXT_MIN_ZOOM = 0.25;

/**
 * Level of detail, as tldraw does for its own text outlines: far out, cards are drawn as coloured
 * boxes without their text, so the browser neither lays out nor paints thousands of unreadable
 * lines (a 5,000-card scroll at 5 % zoom). The class sits on the editor's container.
 */
function showCardDetailByZoom(editor: Editor): () => void {
  let far: boolean | null = null;
  return react('card detail by zoom', () => {
    const next = editor.getEfficientZoomLevel() < CARD_TEXT_MIN_ZOOM;
    if (next === far) return;
    far = next;
    editor.getContainer().classList.toggle('js-far', next);
  });
}
