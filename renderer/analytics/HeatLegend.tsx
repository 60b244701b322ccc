import { ATTRIBUTION_MODELS } from '../../shared/analytics/index.ts';
import { HEAT_METRIC_LABELS, HEAT_METRICS, HEAT_SCALE, isModel, MODEL_LABELS, type HeatChoice } from '../../shared/analytics/heat.ts';
import type { Performance } from './use-performance.ts';

/**
 * The overlay's legend, over the scroll's lower left corner: which figure colours the cards (and
 * under which attribution model), the colour scale with its top value, and Hide / Show.
 */
export function HeatLegend({ performance }: { performance: Performance }) {
  const { data, choice, setChoice, visible, setVisible, heat } = performance;
  if (!data) return null;
  const set = (patch: Partial<HeatChoice>) => setChoice({ ...choice, ...patch });
  const byModel = choice.metric === 'conversions' || choice.metric === 'value';
  return (
    <section className="js-heat-legend" aria-label="Heat overlay legend">
      <div className="js-heat-legend-head">
        <strong>Performance</strong>
        <span className="js-hint" title={data.name}>
          {data.name}
        </span>
        <button type="button" onClick={() => setVisible(!visible)} aria-label={visible ? 'Hide the heat overlay' : 'Show the heat overlay'}>
          {visible ? 'Hide' : 'Show'}
        </button>
      </div>
      <fieldset className="js-heat-metrics" role="radiogroup" aria-label="Colour the cards by">
        {HEAT_METRICS.map((m) => (
          <label key={m} className="js-radio">
            <input type="radio" name="heat-metric" value={m} checked={choice.metric === m} onChange={() => set({ metric: m })} />
            <span>{HEAT_METRIC_LABELS[m]}</span>
          </label>
        ))}
      </fieldset>
      {byModel ? (
        <label className="js-heat-model">
          Attribution model
          <select
            value={choice.model}
            aria-label="Attribution model"
            onChange={(e) => isModel(e.target.value) && set({ model: e.target.value })}
          >
            {ATTRIBUTION_MODELS.map((m) => (
              <option key={m} value={m}>
                {MODEL_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {heat ? (
        <div className="js-heat-scale" role="img" aria-label={`Colour scale: pale is 0, deep is ${heat.maxText}`}>
          <span>0</span>
          {HEAT_SCALE.map((c) => (
            <i key={c} style={{ background: c }} />
          ))}
          <span>{heat.maxText}</span>
        </div>
      ) : null}
    </section>
  );
}
