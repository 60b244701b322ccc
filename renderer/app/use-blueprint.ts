import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { docAccess, type DocAccess } from '../../shared/doc/index.ts';
import { currentBlueprint } from '../canvas/current-blueprint.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { BlueprintSession, ConnectionState, SaveState } from '../host/host.ts';

/** The model, re-read at most once per frame after a change (and shared with the canvas projection). */
export function useBlueprint(doc: Y.Doc): { blueprint: Blueprint; access: DocAccess } {
  const [state, setState] = useState(() => ({ blueprint: currentBlueprint(doc), access: docAccess(doc) }));
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      setState({ blueprint: currentBlueprint(doc), access: docAccess(doc) });
    };
    const onChange = () => {
      if (!frame) frame = requestAnimationFrame(update) || 1;
    };
    doc.on('afterTransaction', onChange);
    update();
    return () => {
      doc.off('afterTransaction', onChange);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return state;
}

export function useConnection(session: BlueprintSession): {
  state: ConnectionState;
  saving: SaveState | undefined;
  refusal: string | null;
} {
  const [value, setValue] = useState(() => ({ state: session.connection(), saving: session.saving?.(), refusal: session.refusal() }));
  useEffect(() => {
    const update = () => setValue({ state: session.connection(), saving: session.saving?.(), refusal: session.refusal() });
    update();
    return session.onConnectionChange(update);
  }, [session]);
  return value;
}
