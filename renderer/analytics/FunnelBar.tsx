import type { StageFigures } from '../../shared/analytics/index.ts';

/**
 * A stage's funnel bar in the stage strip: its length is the customers who entered the stage
 * (relative to the stage most entered), split into those who moved on, converted there and dropped
 * there. The numbers are its accessible name and its tooltip.
 */
export function FunnelBar({ figures, most }: { figures: StageFigures; most: number }) {
  const { entered, movedOn, converted, dropped } = figures;
  const n = (v: number) => v.toLocaleString('en');
  const label = `${figures.name}: ${n(entered)} entered, ${n(movedOn)} moved on, ${n(converted)} converted, ${n(dropped)} dropped`;
  const part = (v: number) => `${entered > 0 ? (100 * v) / entered : 0}%`;
  return (
    <span className="js-funnel" role="img" aria-label={label} title={label}>
      <span className="js-funnel-bar" style={{ width: `${most > 0 ? (100 * entered) / most : 0}%` }}>
        <i className="js-funnel-moved" style={{ width: part(movedOn) }} />
        <i className="js-funnel-converted" style={{ width: part(converted) }} />
        <i className="js-funnel-dropped" style={{ width: part(dropped) }} />
      </span>
      <span className="js-funnel-n">{n(entered)}</span>
    </span>
  );
}
