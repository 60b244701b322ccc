/**
 * Durations as people write them on a blueprint: "3d", "1d12h", "365d", "90m", "2w".
 * One compact, readable form is used in the model, CSV and the journey definition alike.
 */
const UNIT_MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;
type Unit = keyof typeof UNIT_MS;
const ORDER: readonly Unit[] = ['w', 'd', 'h', 'm', 's'];

/** Whole string: one or more number+unit parts, largest unit first, no repeats. */
export const DURATION_PATTERN = /^(?:\d{1,6}w)?(?:\d{1,6}d)?(?:\d{1,6}h)?(?:\d{1,6}m)?(?:\d{1,6}s)?$/;

export function isDuration(text: string): boolean {
  return text.length > 0 && DURATION_PATTERN.test(text);
}

/** Milliseconds in a duration; throws on anything that is not a duration. */
export function parseDuration(text: string): number {
  if (!isDuration(text)) throw new Error(`"${text}" is not a duration (write e.g. 3d, 12h, 1d12h, 365d)`);
  let total = 0;
  for (const match of text.matchAll(/(\d+)([wdhms])/g)) total += Number(match[1]) * UNIT_MS[match[2] as Unit];
  return total;
}

/** The canonical (largest-units-first) form of a number of milliseconds; sub-second parts round down. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`cannot format ${ms} ms as a duration`);
  let rest = Math.floor(ms / 1000) * 1000;
  let out = '';
  for (const unit of ORDER) {
    // Weeks only when the whole duration is whole weeks: "365d" reads better than "52w1d".
    if (unit === 'w' && rest % UNIT_MS.w !== 0) continue;
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * UNIT_MS[unit];
    }
  }
  return out || '0s';
}
