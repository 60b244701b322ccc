/**
 * ISO 8601 timestamps of event logs: a date (2026-03-01), or a date and time with optional seconds,
 * fraction and offset (2026-03-01T09:30:00Z, 2026-03-01 09:30+02:00). A time without an offset is
 * read as UTC, so a log means the same on every machine. Anything else is refused, not guessed.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Milliseconds since 1970 UTC, or NaN when `text` is not an ISO 8601 date or time. */
export function parseTimestamp(text: string): number {
  const m = ISO.exec(text);
  if (!m) return Number.NaN;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = m[4] ? +m[4] : 0;
  const minute = m[5] ? +m[5] : 0;
  const second = m[6] ? +m[6] : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const fraction = m[7] ? Math.floor(+`0.${m[7]}` * 1000) : 0;
  let offset = 0;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2);
    const om = digits.length > 2 ? +digits.slice(2) : 0;
    if (oh > 23 || om > 59) return Number.NaN;
    offset = sign * (oh * 60 + om) * 60_000;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offset;
}

function daysIn(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export const DAY_MS = 86_400_000;

/** The UTC day number (days since 1970-01-01) of a time. */
export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);
