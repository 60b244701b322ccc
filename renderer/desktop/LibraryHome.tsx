import { useState } from 'react';
import type { BlueprintEntry } from '../../shared/desktop/contract.ts';
import { TemplateGallery } from '../app/TemplateGallery.tsx';
import type { DesktopHost } from '../host/desktop-host.ts';
import { Modal } from './Modal.tsx';

export interface LibraryHomeProps {
  readonly host: DesktopHost;
  readonly entries: readonly BlueprintEntry[];
  readonly onOpen: (id: string) => void;
  readonly onOpenFile: () => void;
  /** Runs an action, showing its error (the main process's message) if it fails. */
  readonly run: (action: () => Promise<void>) => void;
}

const when = (ms: number) => new Date(ms).toLocaleString();

/**
 * The library: every blueprint on this device (most recently changed first), a new one from a
 * template, a .journey file opened into the library, and deletion after a confirmation.
 */
export function LibraryHome({ host, entries, onOpen, onOpenFile, run }: LibraryHomeProps) {
  const [deleting, setDeleting] = useState<BlueprintEntry | null>(null);
  const [creating, setCreating] = useState(false);
  const create = (template: string) =>
    run(async () => {
      setCreating(true);
      try {
        const entry = await host.call('library.create', { template });
        await host.refresh();
        onOpen(entry.id);
      } finally {
        setCreating(false);
      }
    });
  return (
    <main className="js-home js-library">
      <h1>JourneyScroll</h1>
      <section aria-labelledby="js-new">
        <h2 id="js-new">New blueprint</h2>
        <TemplateGallery onCreate={create} busy={creating} />
        <div className="js-row">
          <button type="button" onClick={onOpenFile}>
            Open .journey file…
          </button>
        </div>
      </section>
      <section aria-labelledby="js-library">
        <h2 id="js-library">On this device</h2>
        {entries.length === 0 ? (
          <p>No blueprints yet. Create one from a template, or open a .journey file.</p>
        ) : (
          <ul className="js-library-list" aria-labelledby="js-library">
            {entries.map((entry) => {
              const title = entry.title || 'Untitled journey';
              return (
                <li key={entry.id} data-id={entry.id}>
                  <button type="button" className="js-open" onClick={() => onOpen(entry.id)} aria-label={`Open ${title}`}>
                    {title}
                  </button>
                  {entry.share ? <span className="js-badge">Shared</span> : null}
                  <span className="js-hint">changed {when(entry.updatedAt)}</span>
                  <button type="button" onClick={() => setDeleting(entry)} aria-label={`Delete ${title}`}>
                    Delete
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {deleting ? (
        <Modal title="Delete blueprint" onClose={() => setDeleting(null)}>
          <p>
            Delete “{deleting.title || 'Untitled journey'}” from this device? This cannot be undone
            {deleting.share ? '; the copy on its server stays there' : ''}.
          </p>
          <div className="js-dialog-buttons">
            <button
              type="button"
              className="js-danger"
              onClick={() => {
                const id = deleting.id;
                setDeleting(null);
                run(async () => {
                  await host.call('library.delete', { id });
                  await host.refresh();
                });
              }}
            >
              Delete
            </button>
            <button type="button" onClick={() => setDeleting(null)} autoFocus>
              Cancel
            </button>
          </div>
        </Modal>
      ) : null}
    </main>
  );
}
