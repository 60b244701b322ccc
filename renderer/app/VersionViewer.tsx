import { useEffect, useMemo } from 'react';
import { buildScene, sceneToSvg } from '../../shared/export/index.ts';
import type { VersionInfo } from '../../shared/governance/versions.ts';
import type { Blueprint } from '../../shared/model/index.ts';

export interface ViewedVersion {
  readonly version: VersionInfo;
  readonly blueprint: Blueprint;
}

/**
 * A saved version shown read-only over the canvas: the whole scroll as the print draws it, with a
 * banner naming the version and the way back. Nothing here can change the blueprint.
 */
export function VersionViewer({ viewed, onBack }: { viewed: ViewedVersion; onBack: () => void }) {
  const svg = useMemo(() => sceneToSvg(buildScene(viewed.blueprint)), [viewed]);
  const url = useMemo(() => URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })), [svg]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const { version } = viewed;
  const name = version.kind === 'approved' ? `Approved ${version.name}` : version.name;
  return (
    <div className="js-version-viewer" role="region" aria-label={`Version ${version.name}, read-only`}>
      <div className="js-version-banner" role="status">
        Viewing &lsquo;{name}&rsquo; ({version.by || 'Someone'}, {new Date(version.at).toLocaleString()}) — read-only.{' '}
        <button type="button" onClick={onBack}>
          Back to the working copy
        </button>
      </div>
      <div className="js-version-scroll">
        <img src={url} alt={`The scroll as it was in version ${version.name}`} />
      </div>
    </div>
  );
}
