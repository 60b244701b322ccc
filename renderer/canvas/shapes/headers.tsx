import { Rectangle2d, ShapeUtil, T, type Editor, type Geometry2d, type TLResizeInfo, type TLShape } from 'tldraw';
import { canvasActions } from '../canvas-actions.ts';
import { clampStageWidth } from '../gestures.ts';
import { entityOf, LANE, STAGE, type LaneProps, type StageProps } from '../shape-types.ts';

/** Stages and lanes belong to the journey-operations team: a team editor may not rename, move or resize them. */
const stagesLocked = (editor: Editor) => !!canvasActions(editor)?.locks.refusal({ kind: 'root', root: 'stages' });
const lanesLocked = (editor: Editor) => !!canvasActions(editor)?.locks.refusal({ kind: 'root', root: 'lanes' });
import { svgText } from './svg-text.tsx';

type StageShape = TLShape<typeof STAGE>;
type LaneShape = TLShape<typeof LANE>;

const rect = (w: number, h: number) => {
  const path = new Path2D();
  path.rect(0, 0, w, h);
  return path;
};

/**
 * A stage column's header. Drag it sideways to reorder the stages; drag its right edge to set
 * the stage width; double-click to rename. Each gesture becomes one model edit when it ends.
 */
export class StageShapeUtil extends ShapeUtil<StageShape> {
  static override type = STAGE;
  static override props = {
    w: T.number,
    h: T.number,
    name: T.string,
    index: T.number,
    macro: T.string,
    entry: T.string,
    summary: T.string,
  };

  getDefaultProps(): StageProps {
    return { w: 360, h: 112, name: '', index: 0, macro: '', entry: '', summary: '' };
  }
  getGeometry(shape: StageShape): Geometry2d {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true });
  }
  override canEdit(): boolean {
    return !stagesLocked(this.editor);
  }
  override canBind(): boolean {
    return false;
  }
  override hideRotateHandle(): boolean {
    return true;
  }
  override canResize(): boolean {
    return (canvasActions(this.editor)?.canEdit() ?? false) && !stagesLocked(this.editor);
  }
  override getText(shape: StageShape): string {
    return shape.props.name;
  }
  override getAriaDescriptor(shape: StageShape): string {
    return `Stage ${shape.props.index + 1}: ${shape.props.name}`;
  }

  component(shape: StageShape) {
    const p = shape.props;
    return (
      <div className="js-stage">
        <div className="js-stage-n">
          <span className="js-stage-i">{p.index + 1}</span>
          {p.name}
        </div>
        <div className="js-stage-e">{p.entry}</div>
        <div className="js-stage-s">
          {p.macro ? <span className={`js-macro m-${p.macro}`}>{p.macro}</span> : null}
          {p.summary}
        </div>
      </div>
    );
  }
  getIndicatorPath(shape: StageShape): Path2D {
    return rect(shape.props.w, shape.props.h);
  }
  override toSvg(shape: StageShape) {
    const p = shape.props;
    return (
      <g>
        <rect width={p.w} height={p.h} fill="#1f2937" />
        {svgText(`${p.index + 1}  ${p.name}`, 12, 30, p.w - 24, 18, '#ffffff', true)}
        {svgText(p.entry, 12, 54, p.w - 24, 11, '#d1d5db')}
        {svgText(p.summary, 12, p.h - 14, p.w - 24, 11, '#9ca3af')}
      </g>
    );
  }

  override onTranslate(initial: StageShape, current: StageShape) {
    if (!canvasActions(this.editor)?.canEdit() || stagesLocked(this.editor))
      return { id: current.id, type: current.type, x: initial.x, y: initial.y };
    return { id: current.id, type: current.type, y: initial.y };
  }
  override onTranslateEnd(_initial: StageShape, current: StageShape) {
    if (stagesLocked(this.editor)) return;
    canvasActions(this.editor)?.stageDropped(current);
  }
  override onResize(shape: StageShape, info: TLResizeInfo<StageShape>) {
    const initial = info.initialShape;
    return {
      x: initial.x,
      y: initial.y,
      props: { ...shape.props, w: clampStageWidth(initial.props.w * Math.abs(info.scaleX)), h: initial.props.h },
    };
  }
  override onResizeEnd(_initial: StageShape, current: StageShape) {
    if (stagesLocked(this.editor)) return;
    canvasActions(this.editor)?.stageResized(current);
  }
}

/** A lane's header on the left of its band. Drag it up or down to reorder; double-click to rename. */
export class LaneShapeUtil extends ShapeUtil<LaneShape> {
  static override type = LANE;
  static override props = { w: T.number, h: T.number, name: T.string, kind: T.string, owner: T.string };

  getDefaultProps(): LaneProps {
    return { w: 220, h: 136, name: '', kind: 'custom', owner: '' };
  }
  getGeometry(shape: LaneShape): Geometry2d {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true });
  }
  override canEdit(): boolean {
    return !lanesLocked(this.editor);
  }
  override canBind(): boolean {
    return false;
  }
  override canResize(): boolean {
    return false;
  }
  override hideResizeHandles(): boolean {
    return true;
  }
  override hideRotateHandle(): boolean {
    return true;
  }
  override getText(shape: LaneShape): string {
    return shape.props.name;
  }
  override getAriaDescriptor(shape: LaneShape): string {
    return `Lane: ${shape.props.name}`;
  }

  component(shape: LaneShape) {
    const p = shape.props;
    const id = entityOf(shape.id)?.id;
    const lock = id ? (canvasActions(this.editor)?.locks.lockOf('lane', id) ?? null) : null;
    return (
      <div
        className={`js-lane l-${p.kind}${lock ? ' js-locked' : ''}`}
        {...(lock ? { 'data-locked': lock, title: `Locked: ${lock}` } : {})}
      >
        <div className="js-lane-n">{p.name}</div>
        {p.owner ? <div className="js-lane-o">{p.owner}</div> : null}
        {lock ? <div className="js-lane-lock">Locked · {lock}</div> : null}
      </div>
    );
  }
  getIndicatorPath(shape: LaneShape): Path2D {
    return rect(shape.props.w, shape.props.h);
  }
  override toSvg(shape: LaneShape) {
    const p = shape.props;
    return (
      <g>
        <rect width={p.w} height={p.h} fill="#f3f4f6" stroke="#d1d5db" />
        {svgText(p.name, 12, 24, p.w - 24, 14, '#111827', true)}
        {svgText(p.owner, 12, 44, p.w - 24, 11, '#6b7280')}
      </g>
    );
  }

  override onTranslate(initial: LaneShape, current: LaneShape) {
    if (!canvasActions(this.editor)?.canEdit() || lanesLocked(this.editor))
      return { id: current.id, type: current.type, x: initial.x, y: initial.y };
    return { id: current.id, type: current.type, x: initial.x };
  }
  override onTranslateEnd(_initial: LaneShape, current: LaneShape) {
    if (lanesLocked(this.editor)) return;
    canvasActions(this.editor)?.laneDropped(current);
  }
}
