import { useValue, type Editor } from 'tldraw';
import type { CanvasBridge } from '../canvas/bridge.ts';

/**
 * The spotlight on a framed stage (unroll mode, and while following a presenter): the rest of
 * the scroll is dimmed, and — since the lane headers are far away at the start of the scroll —
 * each lane's name is drawn at the stage's left edge, level with its band. Both follow the
 * camera; neither takes a click.
 */
export function StageSpotlight({ editor, bridge, stageId }: { editor: Editor; bridge: CanvasBridge; stageId: string }) {
  const view = useValue(
    'stage spotlight',
    () => {
      editor.getCamera();
      const layout = bridge.layout();
      const stage = layout.stages.find((s) => s.id === stageId);
      if (!stage) return null;
      const container = editor.getViewportScreenBounds();
      const topLeft = editor.pageToViewport({ x: stage.column.x, y: stage.column.y });
      const bottomRight = editor.pageToViewport({ x: stage.column.x + stage.column.w, y: stage.column.y + stage.column.h });
      // Beside the first stage the lane headers themselves are in view.
      const labels =
        stage.index === 0
          ? []
          : layout.lanes.map((lane) => {
              const top = editor.pageToViewport({ x: stage.column.x, y: lane.y });
              const bottom = editor.pageToViewport({ x: stage.column.x, y: lane.y + lane.h });
              return { id: lane.id, name: lane.name, right: container.w - top.x + 10, top: top.y, height: bottom.y - top.y };
            });
      return { hole: { left: topLeft.x, top: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y }, labels };
    },
    [editor, bridge, stageId],
  );
  if (!view) return null;
  return (
    <div className="js-spotlight" aria-hidden={view.labels.length === 0}>
      <div className="js-spotlight-hole" style={view.hole} />
      <ol className="js-lane-labels" aria-label="Lanes">
        {view.labels.map((l) => (
          <li key={l.id} style={{ right: l.right, top: l.top, height: l.height }}>
            <span>{l.name}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
