import { useModal } from './use-modal.ts';

/** Keyboard shortcuts of the scroll (tldraw's own remain: its menu lists them all). */
export const SHORTCUTS: ReadonlyArray<readonly [keys: string, what: string]> = [
  ['Shift + 1', 'Zoom to fit the whole scroll'],
  ['Shift + 0', 'Zoom to 100%'],
  ['[ and ]', 'Previous / next stage'],
  ['Double-click a card, stage or lane · Enter', 'Edit its title'],
  ['Drag a card', 'Move it to another cell (stage and lane change)'],
  ['Drag a stage or lane header', 'Reorder stages or lanes'],
  ['Drag a stage header’s right edge', 'Resize the stage'],
  ['A, then drag from card to card', 'Draw a flow'],
  ['Delete or Backspace', 'Delete the selected card, stage, lane or flow'],
  ['Ctrl/Cmd + Z', 'Undo your last change'],
  ['Ctrl/Cmd + Shift + Z', 'Redo'],
  ['Space + drag, or scroll', 'Pan along the scroll'],
  ['Ctrl/Cmd + scroll', 'Zoom'],
  ['?', 'Show this list'],
];

export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useModal(open);
  return (
    <dialog ref={ref} className="js-dialog" aria-labelledby="js-help-title" onClose={onClose}>
      <h2 id="js-help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">{keys}</th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
