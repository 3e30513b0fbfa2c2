/**
 * Civil dates for every core rule: exactly `YYYY-MM-DD`, a real calendar day, years 1900–2199.
 *
 * One strict reader so that no rule answers for a date it cannot handle: `Date.UTC` maps years
 * 0–99 to 1900–1999, so `0050-01-01` would otherwise quietly become 1950. Dates are counted as
 * whole days since 1970-01-01 (UTC calendar arithmetic, never the device's zone).
 */

const DAY_MS = 86_400_000;
const SHAPE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** Days since 1970-01-01 of a real `YYYY-MM-DD` date in 1900–2199; `NaN` for anything else. */
export function dayNumber(value: unknown): number {
  const m = typeof value === 'string' ? SHAPE.exec(value) : null;
  if (!m) return NaN;
  const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2199 && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? +t / DAY_MS : NaN;
}

/** True for a real calendar date written `YYYY-MM-DD` in 1900–2199 (`2026-02-30`, `0050-01-01` are not). */
export function isIsoDate(value: unknown): value is string {
  return !Number.isNaN(dayNumber(value));
}

/**
 * {@link dayNumber}, throwing for anything it cannot read.
 * @throws {RangeError} naming the value.
 */
export function parseIsoDate(value: unknown): number {
  const n = dayNumber(value);
  if (Number.isNaN(n)) {
    throw new RangeError(`Invalid date "${String(value)}": expected a real calendar date as YYYY-MM-DD in 1900–2199`);
  }
  return n;
}

/** The `YYYY-MM-DD` date of a day number (the inverse of {@link dayNumber}). */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Weekday of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
