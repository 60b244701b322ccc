import { z } from 'zod';
import { isDuration, parseDuration } from '../model/index.ts';

/**
 * An event script for the simulator (`journeyscroll simulate FILE --events EVENTS.json`):
 *
 *   {
 *     "attributes": { "score": 10, "industry": "Retail" },
 *     "events": [
 *       { "at": "0s", "event": "form.submitted", "data": { "email": "a@example.com" } },
 *       { "at": "2d", "event": "email.opened" }
 *     ],
 *     "until": "400d"
 *   }
 *
 * `at` and `until` are durations since the start of the simulation (or milliseconds as numbers).
 * Without `until` the simulation runs 365 days past the last event.
 */
const time = z.union([
  z.number().int().min(0).max(8.64e15),
  z.string().refine(isDuration, 'a time is a duration since the start, like 0s, 3d or 365d'),
]);
const jsonObject = z.record(z.string(), z.json());

export const eventScriptSchema = z.object({
  attributes: jsonObject.default({}),
  events: z
    .array(z.object({ at: time, event: z.string().min(1).max(200), data: jsonObject.optional() }))
    .max(100_000)
    .default([]),
  until: time.optional(),
});
export type EventScriptInput = z.input<typeof eventScriptSchema>;

export interface ScriptEvent {
  readonly at: number;
  readonly event: string;
  readonly data?: Record<string, unknown>;
}

export interface EventScript {
  readonly attributes: Record<string, unknown>;
  /** Sorted by time; events at the same time keep their order. */
  readonly events: readonly ScriptEvent[];
  readonly until: number;
}

export const DEFAULT_RUN_ON_MS = 365 * 86_400_000;

const toMs = (t: number | string) => (typeof t === 'number' ? t : parseDuration(t));

export function parseEventScript(value: unknown): EventScript {
  const parsed = eventScriptSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `invalid event script:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
    );
  }
  const events = parsed.data.events
    .map((e, i) => ({ i, e: { at: toMs(e.at), event: e.event, ...(e.data ? { data: e.data as Record<string, unknown> } : {}) } }))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map((x) => x.e);
  const last = events.at(-1)?.at ?? 0;
  return {
    attributes: parsed.data.attributes as Record<string, unknown>,
    events,
    until: parsed.data.until === undefined ? last + DEFAULT_RUN_ON_MS : toMs(parsed.data.until),
  };
}
