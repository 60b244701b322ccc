import { useMemo, useState } from 'react';
import { buildScene, sceneToSvg } from '../../shared/export/index.ts';
import { TEMPLATES, type Template } from '../../shared/templates/index.ts';

/** What a template holds, for the gallery card. */
export interface TemplatePreview {
  readonly template: Template;
  readonly stages: readonly string[];
  readonly lanes: number;
  readonly cards: number;
  readonly flows: number;
  /** A small picture of the whole scroll (the SVG export, as a data URL). */
  readonly thumbnail: string;
}

export function previewTemplates(templates: readonly Template[] = TEMPLATES): TemplatePreview[] {
  return templates.map((template) => {
    const blueprint = template.build();
    const stages = [...blueprint.stages].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)).map((s) => s.name);
    const svg = sceneToSvg(buildScene(blueprint));
    return {
      template,
      stages,
      lanes: blueprint.lanes.length,
      cards: blueprint.cards.length,
      flows: blueprint.flows.length,
      thumbnail: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
    };
  });
}

/**
 * The New gallery: every built-in blueprint with a picture of its scroll, its stages and what it
 * holds; choosing one creates a blueprint from it. Used by the web home page and the desktop library.
 */
export function TemplateGallery({ onCreate, busy = false }: { onCreate: (templateId: string) => void; busy?: boolean }) {
  // Building four blueprints and their SVGs takes a few milliseconds: once per mount.
  const previews = useMemo(() => previewTemplates(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <ul className="js-gallery" aria-label="Templates">
      {previews.map(({ template, stages, lanes, cards, flows, thumbnail }) => (
        <li key={template.id} className="js-gallery-item">
          <img className="js-gallery-thumb" src={thumbnail} alt={`The ${template.name} scroll`} />
          <h3>{template.name}</h3>
          <p className="js-hint">{template.description}</p>
          <p className="js-gallery-stats">
            {stages.length
              ? `${stages.length} stages · ${lanes} lanes · ${cards} cards · ${flows} flows`
              : `${lanes} lanes, ready for your stages`}
          </p>
          {stages.length ? <p className="js-gallery-stages">{stages.join(' → ')}</p> : null}
          <button
            type="button"
            disabled={busy}
            aria-label={`Create a blueprint from ${template.name}`}
            onClick={() => {
              setChosen(template.id);
              onCreate(template.id);
            }}
          >
            {busy && chosen === template.id ? 'Creating…' : 'Create'}
          </button>
        </li>
      ))}
    </ul>
  );
}
