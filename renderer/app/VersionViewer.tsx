import { useMemo } from 'react';
import { buildScene, sceneToSvg } from '../../shared/export/index.ts';
import type { VersionInfo } from '../../shared/governance/versions.ts';
import type { Blueprint } from '../../shared/model/index.ts';

export interface ViewedVersion {
  readonly version: VersionInfo;
  readonly blueprint: Blueprint;
  /** A moment of the history rather than a saved version: it can be saved as one. */
  readonly moment?: boolean;
}

/**
 * A saved version shown read-only over the canvas: the whole scroll as the print draws it, with a
 * banner naming the version and the way back. Nothing here can change the blueprint.
 */
export function VersionViewer({
  viewed,
  onBack,
  onSave,
}: {
  viewed: ViewedVersion;
  onBack: () => void;
  onSave?: (() => void) | undefined;
}) {
  const svg = useMemo(() => sceneToSvg(buildScene(viewed.blueprint)), [viewed]);
  const { version } = viewed;
  const name = version.kind === 'approved' ? `Approved ${version.name}` : version.name;
  return (
    <div className="js-version-viewer" role="region" aria-label={`Version ${version.name}, read-only`}>
      <div className="js-version-banner" role="status">
        Viewing &lsquo;{name}&rsquo;{viewed.moment ? '' : ` (${version.by || 'Someone'}, ${new Date(version.at).toLocaleString()})`} —
        read-only.{' '}
        {viewed.moment && onSave ? (
          <button type="button" onClick={onSave}>
            Save this moment as a version
          </button>
        ) : null}{' '}
        <button type="button" onClick={onBack}>
          Back to the working copy
        </button>
      </div>
      <div className="js-version-scroll">
        {/* Inline, not an <img>: its text stays selectable and searchable. The SVG is ours (sceneToSvg escapes every text). */}
        <div
          className="js-version-svg"
          role="img"
          aria-label={`The scroll as it was in version ${version.name}`}
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      </div>
    </div>
  );
}

/** A moment of the history, shown like a version named for its time. */
export function momentViewed(at: number, blueprint: Blueprint): ViewedVersion {
  const when = new Date(at);
  return {
    version: {
      id: `moment:${at}`,
      name: `As of ${when.toLocaleString()}`,
      note: '',
      by: '',
      at: when.toISOString(),
      kind: 'named',
      hash: '',
      bytes: 0,
    },
    blueprint,
    moment: true,
  };
}
