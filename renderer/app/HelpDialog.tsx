import { APP_COMMANDS, formatAccelerator } from '../../shared/commands.ts';
import { useModal } from './use-modal.ts';

type Shortcut = readonly [keys: string, what: string];

/** Working on the scroll (tldraw's own shortcuts remain: its menu lists them all). */
export const CANVAS_SHORTCUTS: readonly Shortcut[] = [
  ['[ and ]', 'Previous / next stage'],
  ['Double-click a card, stage or lane · Enter', 'Edit its title'],
  ['Drag a card', 'Move it to another cell (stage and lane change)'],
  ['Drag a stage or lane header', 'Reorder stages or lanes'],
  ['Drag a stage header’s right edge', 'Resize the stage'],
  ['A, then drag from card to card', 'Draw a flow'],
  ['Delete or Backspace', 'Delete the selected card, stage, lane or flow'],
  ['Space + drag, or scroll', 'Pan along the scroll'],
  ['Ctrl/Cmd + scroll', 'Zoom'],
  ['?', 'Show this list'],
];

/** Unroll mode (a presentation): the keys presentation clickers send, and a few more. */
export const PRESENT_SHORTCUTS: readonly Shortcut[] = [
  ['→ · Space · Page Down', 'Next stage'],
  ['← · Shift + Space · Page Up', 'Previous stage'],
  ['Home · End', 'First / last stage'],
  ['O', 'The whole scroll'],
  ['L', 'Laser pointer on / off'],
  ['Esc', 'Leave unroll mode (or the laser first)'],
];

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The app's commands with their accelerators, as this platform writes them. */
export const COMMAND_SHORTCUTS: readonly Shortcut[] = Object.values(APP_COMMANDS).flatMap((c) =>
  'accelerator' in c ? [[formatAccelerator(c.accelerator, mac), c.label.replace(/…$/, '')] as const] : [],
);

function Section({ title, rows }: { title: string; rows: readonly Shortcut[] }) {
  return (
    <>
      <h3>{title}</h3>
      <table>
        <tbody>
          {rows.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">{keys}</th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The app in a few lines: the help that works offline (the repo's docs/ say more). */
const GUIDE: ReadonlyArray<readonly [topic: string, how: string]> = [
  [
    'Map the journey',
    'Stages are columns, lanes are rows. Add a card with + in a cell, drag it to another cell, double-click to rename; the inspector on the right edits its fields. Draw a flow with the arrow tool (A) from card to card.',
  ],
  [
    'Check and export',
    'Check lists what would break the journey when it runs; choose a finding to see the card at fault. Export writes the journey definition, XState, BPMN, CSV, SVG, PDF or a .journey file.',
  ],
  [
    'Present',
    'Present unrolls the scroll stage by stage, full screen. Everyone else in the room follows you; they can stop following and rejoin.',
  ],
  ['Print', 'Print makes a PDF: one banner page, or overlapping A4/A3 sheets to tape into one scroll.'],
  [
    'Work together',
    'Share the link (Settings, or Share… on the desktop); a view-only link lets people watch without editing. On the desktop, Host a Workshop serves the blueprint on your network with a QR code to join.',
  ],
];

export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useModal(open);
  return (
    <dialog ref={ref} className="js-dialog js-help" aria-labelledby="js-help-title" onClose={onClose}>
      <h2 id="js-help-title">Help and keyboard shortcuts</h2>
      <dl className="js-guide">
        {GUIDE.map(([topic, how]) => (
          <div key={topic}>
            <dt>{topic}</dt>
            <dd>{how}</dd>
          </div>
        ))}
      </dl>
      <Section title="Commands" rows={COMMAND_SHORTCUTS} />
      <Section title="On the scroll" rows={CANVAS_SHORTCUTS} />
      <Section title="Unroll mode" rows={PRESENT_SHORTCUTS} />
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
