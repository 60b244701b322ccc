import { Rectangle2d, ShapeUtil, T, type Geometry2d, type TLShape } from 'tldraw';
import { CARD_KIND_FILL } from '../../../shared/layout/index.ts';
import type { CardKind } from '../../../shared/model/index.ts';
import { canvasActions } from '../canvas-actions.ts';
import { statusLabel } from '../card-text.ts';
import { CARD, entityOf, type CardProps } from '../shape-types.ts';
import { svgText } from './svg-text.tsx';

type CardShape = TLShape<typeof CARD>;

/**
 * A card: deliberately minimal DOM (three elements), because tldraw mounts every shape and a
 * blueprint can hold thousands of cards. Styling is CSS by class (kind, status, channel icon).
 */
export class CardShapeUtil extends ShapeUtil<CardShape> {
  static override type = CARD;
  static override props = {
    w: T.number,
    h: T.number,
    title: T.string,
    kind: T.string,
    detail: T.string,
    channel: T.string,
    owner: T.string,
    status: T.string,
    personas: T.arrayOf(T.string),
  };

  getDefaultProps(): CardProps {
    return { w: 160, h: 96, title: '', kind: 'note', detail: '', channel: '', owner: '', status: 'draft', personas: [] };
  }

  getGeometry(shape: CardShape): Geometry2d {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true });
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
  override canEdit(shape: CardShape): boolean {
    return !this.#lock(shape);
  }
  /** Who owns this card, when this person may not change it (docs/governance.md). */
  #lock(shape: CardShape): string | null {
    const id = entityOf(shape.id)?.id;
    return id ? (canvasActions(this.editor)?.locks.lockOf('card', id) ?? null) : null;
  }
  override getText(shape: CardShape): string {
    return shape.props.title;
  }
  override getAriaDescriptor(shape: CardShape): string {
    return `Card: ${shape.props.title || 'untitled'}${shape.props.detail ? ` — ${shape.props.detail}` : ''}`;
  }

  component(shape: CardShape) {
    const p = shape.props;
    const meta = p.owner ? `${p.owner} · ${statusLabel(p.status)}` : statusLabel(p.status);
    const lock = this.#lock(shape);
    return (
      <div
        className={`js-card k-${p.kind} s-${p.status}${lock ? ' js-locked' : ''}`}
        {...(lock ? { 'data-locked': lock, title: lock } : {})}
        data-personas={p.personas.length ? ` ${p.personas.join(' ')} ` : undefined}
      >
        {lock ? <span className="js-lock" role="img" aria-label={`Locked: ${lock}`} /> : null}
        <div className="js-card-t">{p.title || 'Untitled'}</div>
        <div className={p.channel ? `js-card-d ch ch-${p.channel}` : 'js-card-d'}>{p.detail}</div>
        <div className="js-card-m">{meta}</div>
      </div>
    );
  }

  getIndicatorPath(shape: CardShape): Path2D {
    const path = new Path2D();
    path.roundRect(0, 0, shape.props.w, shape.props.h, 6);
    return path;
  }

  override toSvg(shape: CardShape) {
    const p = shape.props;
    return (
      <g>
        <rect width={p.w} height={p.h} rx={6} fill={CARD_KIND_FILL[p.kind as CardKind] ?? CARD_KIND_FILL.note} stroke="#9ca3af" />
        {svgText(p.title || 'Untitled', 8, 18, p.w - 16, 12, '#111827', true)}
        {svgText(p.detail, 8, 38, p.w - 16, 10, '#374151')}
        {svgText(p.owner ? `${p.owner} · ${statusLabel(p.status)}` : statusLabel(p.status), 8, p.h - 10, p.w - 16, 10, '#6b7280')}
      </g>
    );
  }

  override onTranslate(initial: CardShape, current: CardShape) {
    if (!canvasActions(this.editor)?.canEdit() || this.#lock(initial))
      return { id: current.id, type: current.type, x: initial.x, y: initial.y };
    return undefined;
  }

  override onTranslateEnd(initial: CardShape, current: CardShape) {
    if (this.#lock(initial)) return;
    canvasActions(this.editor)?.cardDropped(current);
  }
}
