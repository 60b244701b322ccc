import type { ReactNode } from 'react';
import { useModal } from '../app/use-modal.ts';

/** A modal <dialog> (focus trapped, Escape closes) with a heading that names it. */
export function Modal({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  // Mounted means shown: the dialogs of the library open by being rendered.
  const ref = useModal(true);
  const id = `js-modal-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} className={`js-dialog${wide ? ' js-dialog-wide' : ''}`} aria-labelledby={id} onClose={onClose}>
      <h2 id={id}>{title}</h2>
      {children}
    </dialog>
  );
}
