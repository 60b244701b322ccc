import type { SceneHeat } from '../../shared/export/index.ts';

/** The Export and Print dialogs' choice to draw the heat overlay on the scroll's picture. */
export function HeatOption({ heat, checked, onChange }: { heat: SceneHeat; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="js-radio">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>Include the heat overlay ({heat.title})</span>
    </label>
  );
}
