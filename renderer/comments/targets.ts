import type { Editor, TLShapeId } from 'tldraw';
import type { CommentTarget } from '../../shared/comments/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { canvasActions } from '../canvas/canvas-actions.ts';
import { shapeIds } from '../canvas/shape-types.ts';

/** What a thread is about, in words: "card 'Welcome email'", "the canvas". */
export function describeTarget(target: CommentTarget, blueprint: Blueprint): string {
  const quoted = (name: string | undefined, kind: string) => (name === undefined ? `a deleted ${kind}` : `${kind} '${name}'`);
  switch (target.kind) {
    case 'card':
      return quoted(blueprint.cards.find((c) => c.id === target.id)?.title || undefined, 'card');
    case 'stage':
      return quoted(blueprint.stages.find((s) => s.id === target.id)?.name, 'stage');
    case 'lane':
      return quoted(blueprint.lanes.find((l) => l.id === target.id)?.name, 'lane');
    case 'flow': {
      const flow = blueprint.flows.find((f) => f.id === target.id);
      if (!flow) return 'a deleted flow';
      const title = (id: string) => blueprint.cards.find((c) => c.id === id)?.title ?? '?';
      return `flow '${title(flow.from)} → ${title(flow.to)}'`;
    }
    case 'canvas':
      return 'a point on the canvas';
  }
}

/** Whether the thing a thread is about still exists. */
export function targetExists(target: CommentTarget, blueprint: Blueprint): boolean {
  if (target.kind === 'canvas') return true;
  const list = { card: blueprint.cards, stage: blueprint.stages, lane: blueprint.lanes, flow: blueprint.flows }[target.kind];
  return (list as readonly { id: string }[]).some((e) => e.id === target.id);
}

/** Selects what a thread is about on the canvas and brings it into view. */
export function showTarget(target: CommentTarget, editor: Editor, bridge: CanvasBridge): void {
  const layout = bridge.layout();
  const into = (box: { x: number; y: number; w: number; h: number } | undefined) => {
    if (!box) return;
    const viewport = editor.getViewportPageBounds();
    const inside = box.x >= viewport.minX && box.y >= viewport.minY && box.x + box.w <= viewport.maxX && box.y + box.h <= viewport.maxY;
    if (!inside) editor.centerOnPoint({ x: box.x + box.w / 2, y: box.y + box.h / 2 }, { animation: { duration: 200 } });
  };
  switch (target.kind) {
    case 'card':
      editor.select(shapeIds.card(target.id) as TLShapeId);
      return into(layout.cards.find((c) => c.id === target.id));
    case 'stage':
      editor.select(shapeIds.stage(target.id) as TLShapeId);
      return into(layout.stages.find((s) => s.id === target.id)?.column);
    case 'lane':
      editor.select(shapeIds.lane(target.id) as TLShapeId);
      return into(layout.lanes.find((l) => l.id === target.id)?.band);
    case 'flow':
      editor.selectNone();
      canvasActions(editor)?.selectFlow(target.id);
      return;
    case 'canvas':
      editor.selectNone();
      return into({ x: target.point.x, y: target.point.y, w: 1, h: 1 });
  }
}
