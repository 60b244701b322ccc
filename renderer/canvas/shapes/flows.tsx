import { Rectangle2d, ShapeUtil, T, type Geometry2d, type TLShape } from 'tldraw';
import { canvasActions } from '../canvas-actions.ts';
import { flowControls } from '../gestures.ts';
import { FLOWS, type FlowLine, type FlowsProps } from '../shape-types.ts';

type FlowsShape = TLShape<typeof FLOWS>;

/**
 * Every flow in one SVG shape: a blueprint has thousands of flows and tldraw mounts every shape,
 * so one shape with one path per flow costs far less than a shape per flow. A flow is picked by
 * clicking its line (the inspector then shows it, and Delete removes it); flows are drawn by
 * drawing an arrow from card to card with tldraw's arrow tool. Clicks are hit-tested along the curves
 * (gestures.ts `flowAt`), never by DOM events, so a flow passing under a card never steals its click.
 */
export class FlowsShapeUtil extends ShapeUtil<FlowsShape> {
  static override type = FLOWS;
  static override props = {
    w: T.number,
    h: T.number,
    lines: T.arrayOf(
      T.object({ id: T.string, x1: T.number, y1: T.number, x2: T.number, y2: T.number, label: T.string, lx: T.number, ly: T.number }),
    ),
  };

  getDefaultProps(): FlowsProps {
    return { w: 1, h: 1, lines: [] };
  }
  getGeometry(shape: FlowsShape): Geometry2d {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: false });
  }
  override canBind(): boolean {
    return false;
  }
  override canCull(): boolean {
    return false;
  }
  override hideSelectionBoundsFg(): boolean {
    return true;
  }
  getIndicatorPath(): undefined {
    return undefined;
  }

  component(shape: FlowsShape) {
    const selected = canvasActions(this.editor)?.selectedFlow() ?? null;
    return (
      <svg className="js-flows" width={shape.props.w} height={shape.props.h}>
        <defs>
          <marker id="js-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0L10 5L0 10z" fill="#4b5563" />
          </marker>
          <marker id="js-arrow-sel" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0L10 5L0 10z" fill="#2563eb" />
          </marker>
        </defs>
        {shape.props.lines.map((line) => (
          <Flow key={line.id} line={line} selected={line.id === selected} />
        ))}
      </svg>
    );
  }

  override toSvg(shape: FlowsShape) {
    return (
      <g>
        {shape.props.lines.map((l) => (
          <line key={l.id} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} stroke="#4b5563" strokeWidth={1.5} />
        ))}
      </g>
    );
  }
}

function path(l: FlowLine): string {
  const [a, b, c, d] = flowControls(l);
  return `M${a.x} ${a.y}C${b.x} ${b.y} ${c.x} ${c.y} ${d.x} ${d.y}`;
}

function Flow({ line, selected }: { line: FlowLine; selected: boolean }) {
  const d = path(line);
  return (
    <g className={selected ? 'js-flow js-flow-sel' : 'js-flow'} data-flow-id={line.id}>
      <path d={d} className="js-flow-line" markerEnd={selected ? 'url(#js-arrow-sel)' : 'url(#js-arrow)'} />
      {line.label ? (
        <text x={line.lx} y={line.ly + 3.5} className="js-flow-label">
          {line.label}
        </text>
      ) : null}
    </g>
  );
}
