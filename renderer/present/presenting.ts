import type { Awareness } from 'y-protocols/awareness';
import type { Bounds } from './steps.ts';

/**
 * Who is presenting, over Yjs awareness (docs/architecture.md §3: presence rides on awareness). A presenter
 * publishes the field `presenting`; everyone else reads it and may follow. Viewers receive and
 * send awareness too, so they follow (and could present) like anyone.
 */
export const PRESENTING_FIELD = 'presenting';

export interface PresentingState {
  /** One id per presentation: a new one turns following back on for everyone. */
  readonly id: string;
  readonly step: number;
  readonly steps: number;
  /** The stage framed, or null for the overview. */
  readonly stageId: string | null;
  /** The page rectangle to frame (the same on every client: the layout is deterministic). */
  readonly bounds: Bounds;
  /** When the presentation started (ms since the epoch): the latest presenter wins. */
  readonly since: number;
}

export interface Presenter {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly state: PresentingState;
}

export function publishPresenting(awareness: Awareness, state: PresentingState | null): void {
  awareness.setLocalStateField(PRESENTING_FIELD, state);
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A peer's `presenting` field, if it is well formed (awareness comes from anyone in the room). */
export function readPresentingState(value: unknown): PresentingState | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const b = v.bounds as Record<string, unknown> | undefined;
  if (typeof v.id !== 'string' || v.id.length > 64 || !finite(v.step) || !finite(v.steps) || !finite(v.since)) return null;
  if (v.stageId !== null && typeof v.stageId !== 'string') return null;
  if (!b || typeof b !== 'object' || !finite(b.x) || !finite(b.y) || !finite(b.w) || !finite(b.h) || b.w <= 0 || b.h <= 0) return null;
  return {
    id: v.id,
    step: v.step,
    steps: v.steps,
    stageId: v.stageId as string | null,
    bounds: { x: b.x, y: b.y, w: b.w, h: b.h },
    since: v.since,
  };
}

/** The presenter to follow: the most recent presentation of someone else in the room, if any. */
export function currentPresenter(awareness: Awareness): Presenter | null {
  let found: Presenter | null = null;
  for (const [clientId, raw] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const record = raw as Record<string, unknown>;
    const state = readPresentingState(record[PRESENTING_FIELD]);
    if (!state || (found && found.state.since >= state.since)) continue;
    const presence = record.presence as { userName?: unknown; color?: unknown } | null | undefined;
    const name = typeof presence?.userName === 'string' && presence.userName ? presence.userName.slice(0, 80) : 'Someone';
    const color = typeof presence?.color === 'string' ? presence.color : '#1d4ed8';
    found = { clientId, name, color, state };
  }
  return found;
}
