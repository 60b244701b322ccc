import { useMemo } from 'react';
import type { Editor } from 'tldraw';
import { sortByOrder, type Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';

/** The stage strip: one button per stage, in scroll order, that brings its column into view. */
export function StageStrip({ blueprint, editor, bridge }: { blueprint: Blueprint; editor: Editor | null; bridge: CanvasBridge | null }) {
  const stages = useMemo(() => sortByOrder(blueprint.stages), [blueprint.stages]);
  const go = (id: string) => {
    const box = bridge?.layout().stages.find((s) => s.id === id);
    if (box && editor) editor.zoomToBounds(box.column, { inset: 24, animation: { duration: 250 } });
  };
  return (
    <nav className="js-strip" aria-label="Stages">
      <ol>
        {stages.map((stage, i) => (
          <li key={stage.id}>
            <button type="button" onClick={() => go(stage.id)} aria-label={`Go to stage ${stage.name}`} title={stage.entryCriterion || stage.name}>
              <span className="js-strip-i" aria-hidden="true">
                {i + 1}
              </span>
              {stage.name}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
