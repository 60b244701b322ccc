import type { Editor } from 'tldraw';
import type { Bounds } from './steps.ts';

/**
 * Frames page bounds in the canvas as it is now. tldraw learns of a new canvas size only after a
 * throttle, so a stage framed just after the canvas changed size (a banner or title strip
 * appeared, full screen began) would be framed for the old size.
 */
export function frameBounds(editor: Editor, bounds: Bounds, inset: number, animation?: { duration: number }): void {
  editor.updateViewportScreenBounds(editor.getContainer());
  editor.zoomToBounds(bounds, animation ? { inset, animation } : { inset });
}

/**
 * Calls `reframe` in the next frame whenever the canvas changes size from what it is now: a resized
 * or full-screen window, a banner or bar laid out above it. Returns the stop.
 */
export function onCanvasResize(editor: Editor, reframe: () => void): () => void {
  const container = editor.getContainer();
  let { width, height } = container.getBoundingClientRect();
  let frame = 0;
  const observer = new ResizeObserver(() => {
    const now = container.getBoundingClientRect();
    if (now.width === width && now.height === height) return;
    ({ width, height } = now);
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(reframe);
  });
  observer.observe(container);
  return () => {
    cancelAnimationFrame(frame);
    observer.disconnect();
  };
}
