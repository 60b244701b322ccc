import { react, type Editor, type TLCamera } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import { currentPresenter, type Presenter } from './presenting.ts';
import { frameBounds, onCanvasResize } from './canvas-frame.ts';
import type { Bounds } from './steps.ts';

export interface FollowerView {
  /** Someone else presenting in this room, or null. */
  readonly presenter: Presenter | null;
  /** Whether this person's viewport follows the presenter. */
  readonly following: boolean;
}

export interface Follower {
  view(): FollowerView;
  subscribe(listener: () => void): () => void;
  /** Follow the presenter again (one click after panning away). */
  follow(): void;
  stop(): void;
  dispose(): void;
}

/** The inset around a framed stage, in screen pixels. */
const INSET = 24;

/**
 * Following a presenter: every step the presenter takes frames the same page rectangle here, at
 * once and without animation (so it does not depend on this window's frame rate, and a follower
 * never lags a step behind). A new presentation turns following on; moving the camera by hand
 * (pan, zoom, a stage jump) turns it off until `follow()`.
 */
export function createFollower(awareness: Awareness, editor: Editor): Follower {
  let view: FollowerView = { presenter: null, following: false };
  const listeners = new Set<() => void>();
  let applying = false;
  let framed: TLCamera | null = null;
  let framedBounds: Bounds | null = null;

  const set = (next: FollowerView) => {
    if (next.presenter === view.presenter && next.following === view.following) return;
    view = next;
    listeners.forEach((l) => l());
  };

  const frame = (bounds: Bounds) => {
    applying = true;
    try {
      // The banner above the canvas may just have appeared.
      frameBounds(editor, bounds, INSET);
      framed = editor.getCamera();
      framedBounds = bounds;
    } finally {
      applying = false;
    }
  };

  const sameBounds = (a: Bounds | null, b: Bounds) => !!a && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

  const onAwareness = () => {
    const presenter = currentPresenter(awareness);
    const previous = view.presenter;
    let following = view.following;
    if (!presenter) following = false;
    else if (!previous || previous.state.id !== presenter.state.id) following = true;
    if (presenter && following && (!view.following || !sameBounds(framedBounds, presenter.state.bounds))) frame(presenter.state.bounds);
    const unchanged =
      previous &&
      presenter &&
      previous.clientId === presenter.clientId &&
      previous.name === presenter.name &&
      previous.state.id === presenter.state.id &&
      previous.state.step === presenter.state.step &&
      sameBounds(previous.state.bounds, presenter.state.bounds);
    set({ presenter: unchanged ? previous : presenter, following });
  };

  // The camera moved, and not by us: this person is looking elsewhere.
  const stopWatching = react('follower: camera moved by hand', () => {
    const camera = editor.getCamera();
    if (applying || !view.following || !framed) return;
    if (Math.abs(camera.x - framed.x) > 0.5 || Math.abs(camera.y - framed.y) > 0.5 || Math.abs(camera.z - framed.z) > 1e-4)
      set({ ...view, following: false });
  });

  awareness.on('change', onAwareness);
  onAwareness();
  // A canvas that changes size frames the presenter's stage again: a resized or full-screen window,
  // and this page's own follow banner, which appears above the canvas just after the first frame
  // of someone who joins mid-presentation. (Resizing does not move the camera, so it does not
  // count as looking elsewhere.)
  const stopResizing = onCanvasResize(editor, () => {
    if (view.following && view.presenter) frame(view.presenter.state.bounds);
  });

  return {
    view: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    follow() {
      if (!view.presenter) return;
      frame(view.presenter.state.bounds);
      set({ ...view, following: true });
    },
    stop() {
      set({ ...view, following: false });
    },
    dispose() {
      awareness.off('change', onAwareness);
      stopResizing();
      stopWatching();
      listeners.clear();
    },
  };
}
