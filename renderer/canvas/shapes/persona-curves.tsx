import { Rectangle2d, ShapeUtil, T, type Geometry2d, type TLShape } from 'tldraw';
import { PERSONA_CURVES, type PersonaCurveLine, type PersonaCurvesProps } from '../persona-curve-shape.ts';

type PersonaCurvesShape = TLShape<typeof PERSONA_CURVES>;

/**
 * Each persona's emotion curve over a thinking-and-feeling lane's band, in its colour. Every curve
 * is in the DOM, hidden (canvas.css); the persona view's stylesheet shows the chosen ones. Locked
 * background: never selected, bound or edited.
 */
export class PersonaCurvesShapeUtil extends ShapeUtil<PersonaCurvesShape> {
  static override type = PERSONA_CURVES;
  static override props = {
    w: T.number,
    h: T.number,
    curves: T.arrayOf(
      T.object({
        id: T.string,
        name: T.string,
        colour: T.string,
        points: T.arrayOf(T.object({ x: T.number, y: T.number, emotion: T.number })),
      }),
    ),
  };

  getDefaultProps(): PersonaCurvesProps {
    return { w: 100, h: 88, curves: [] };
  }
  getGeometry(shape: PersonaCurvesShape): Geometry2d {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: false });
  }
  override canBind(): boolean {
    return false;
  }
  override canEdit(): boolean {
    return false;
  }
  override canResize(): boolean {
    return false;
  }
  override canSnap(): boolean {
    return false;
  }
  override hideSelectionBoundsFg(): boolean {
    return true;
  }
  getIndicatorPath(): undefined {
    return undefined;
  }

  component(shape: PersonaCurvesShape) {
    return (
      <svg className="js-persona-curves" width={shape.props.w} height={shape.props.h} aria-hidden="true">
        {shape.props.curves.map((curve) => (
          <Curve key={curve.id} curve={curve} />
        ))}
      </svg>
    );
  }

  override toSvg(shape: PersonaCurvesShape) {
    return (
      <g>
        {shape.props.curves.map((curve) => (
          <Curve key={curve.id} curve={curve} />
        ))}
      </g>
    );
  }
}

function Curve({ curve }: { curve: PersonaCurveLine }) {
  return (
    <g className="js-persona-curve" data-persona={curve.id}>
      <title>{`${curve.name}: emotion curve`}</title>
      {curve.points.length > 1 ? (
        <polyline
          points={curve.points.map((p) => `${p.x},${p.y}`).join(' ')}
          fill="none"
          stroke={curve.colour}
          strokeWidth={2.5}
          strokeDasharray="7 3"
          strokeLinejoin="round"
        />
      ) : null}
      {curve.points.map((p, i) => (
        <circle key={i} cx={p.x} cy={p.y} r={4} fill={curve.colour} stroke="#fff" strokeWidth={1} data-emotion={p.emotion} />
      ))}
    </g>
  );
}
