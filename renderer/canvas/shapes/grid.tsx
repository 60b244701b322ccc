import { Rectangle2d, ShapeUtil, T, type Geometry2d, type TLShape } from 'tldraw';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { canvasActions } from '../canvas-actions.ts';
import { CELL, EMOTION, TRAY, type CellProps, type EmotionProps, type TrayProps } from '../shape-types.ts';
import { svgText } from './svg-text.tsx';

type CellShape = TLShape<typeof CELL>;
type EmotionShape = TLShape<typeof EMOTION>;
type TrayShape = TLShape<typeof TRAY>;

const stop = (e: ReactPointerEvent) => e.stopPropagation();

/** Shared behaviour of the fixed background shapes: locked, never selected, bound or edited. */
abstract class BackgroundUtil<S extends TLShape<typeof CELL | typeof EMOTION | typeof TRAY>> extends ShapeUtil<S> {
  getGeometry(shape: S): Geometry2d {
    const props = shape.props as { w: number; h: number };
    return new Rectangle2d({ width: props.w, height: props.h, isFilled: false });
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
}

/** One cell of the grid (a drop target) with its "+" button, which adds a card to the cell. */
export class CellShapeUtil extends BackgroundUtil<CellShape> {
  static override type = CELL;
  static override props = {
    w: T.number,
    h: T.number,
    stageId: T.string,
    laneId: T.string,
    label: T.string,
    shade: T.number,
    band: T.number,
  };

  getDefaultProps(): CellProps {
    return { w: 360, h: 136, stageId: '', laneId: '', label: '', shade: 0, band: 0 };
  }

  component(shape: CellShape) {
    const p = shape.props;
    // Not offered where this person's team may not add cards (docs/governance.md).
    const readonly = this.editor.getIsReadonly() || !!canvasActions(this.editor)?.locks.lockOf('lane', p.laneId);
    return (
      <div className={p.shade ? 'js-cell js-shade' : 'js-cell'}>
        {readonly ? null : (
          <button
            type="button"
            className="js-add"
            aria-label={`Add card to ${p.label}`}
            title={`Add card to ${p.label}`}
            onPointerDown={stop}
            onClick={() => canvasActions(this.editor)?.addCard(p.stageId, p.laneId)}
          >
            +
          </button>
        )}
      </div>
    );
  }

  override toSvg(shape: CellShape) {
    const p = shape.props;
    return <rect width={p.w} height={p.h} fill={p.shade ? '#f9fafb' : '#ffffff'} stroke="#e5e7eb" />;
  }
}

/** The emotion curve across the stages, drawn in the band at the top of the thinking-and-feeling lane. */
export class EmotionShapeUtil extends BackgroundUtil<EmotionShape> {
  static override type = EMOTION;
  static override props = { w: T.number, h: T.number, points: T.arrayOf(T.object({ x: T.number, y: T.number, emotion: T.number })) };

  getDefaultProps(): EmotionProps {
    return { w: 100, h: 88, points: [] };
  }

  component(shape: EmotionShape) {
    return (
      <svg className="js-emotion" width={shape.props.w} height={shape.props.h} role="img" aria-label="Emotion curve across the stages">
        {this.curve(shape)}
      </svg>
    );
  }

  private curve(shape: EmotionShape) {
    const { w, h, points } = shape.props;
    const zero = 8 + (5 / 10) * (h - 16);
    return (
      <>
        <line x1={0} x2={w} y1={zero} y2={zero} stroke="#d1d5db" strokeDasharray="4 4" />
        <text x={6} y={14} fontSize={10} fill="#6b7280">
          +5
        </text>
        <text x={6} y={h - 4} fontSize={10} fill="#6b7280">
          −5
        </text>
        {points.length > 1 ? (
          <polyline
            points={points.map((p) => `${p.x},${p.y}`).join(' ')}
            fill="none"
            stroke="#db2777"
            strokeWidth={3}
            strokeLinejoin="round"
          />
        ) : null}
        {points.map((p, i) => (
          <g key={i}>
            <circle cx={p.x} cy={p.y} r={5} fill={p.emotion >= 0 ? '#16a34a' : '#dc2626'} stroke="#fff" strokeWidth={1.5} />
            <text x={p.x + 8} y={p.y + 4} fontSize={11} fill="#374151">
              {p.emotion > 0 ? `+${p.emotion}` : p.emotion}
            </text>
          </g>
        ))}
      </>
    );
  }

  override toSvg(shape: EmotionShape) {
    return <g>{this.curve(shape)}</g>;
  }
}

/** The Unplaced tray: cards whose stage or lane was deleted, kept with their data until placed again. */
export class TrayShapeUtil extends BackgroundUtil<TrayShape> {
  static override type = TRAY;
  static override props = { w: T.number, h: T.number, count: T.number };

  getDefaultProps(): TrayProps {
    return { w: 400, h: 100, count: 0 };
  }

  component(shape: TrayShape) {
    const n = shape.props.count;
    return (
      <div className="js-tray">
        <div className="js-tray-h">
          Unplaced — {n} card{n === 1 ? '' : 's'} whose stage or lane is gone. Drag a card into a cell to place it again.
        </div>
      </div>
    );
  }

  override toSvg(shape: TrayShape) {
    const p = shape.props;
    return (
      <g>
        <rect width={p.w} height={p.h} fill="#fef2f2" stroke="#fca5a5" />
        {svgText(`Unplaced (${p.count})`, 12, 26, p.w - 24, 14, '#991b1b', true)}
      </g>
    );
  }
}
