/**
 * Civil dates and wall-clock times in any IANA time zone, with `Intl` only.
 *
 * The helpline keeps UK hours whatever the viewer's device says (docs/law.md#london-dates-and-times), so nothing here
 * uses local getters (`getHours`, `getDate`…): instants are read through
 * `Intl.DateTimeFormat({ timeZone })` and civil dates are handled as UTC calendar days.
 */
import { parseIsoDate } from '../iso-date.js';

export { isIsoDate } from '../iso-date.js';

/** A civil date `YYYY-MM-DD`, the minutes since its midnight, and its weekday (0 = Monday … 6 = Sunday). */
export interface ZonedParts {
  date: string;
  minutes: number;
  weekday: number;
}

/** Weekday keys in `weekly` config, Monday first; index = `ZonedParts.weekday`. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One day in ms: civil dates are day numbers (days since 1970-01-01) times this. */
export const DAY_MS = 86_400_000;
const formatters: Record<string, Intl.DateTimeFormat> = {};

// h23: midnight is "00", never "24"; latn digits so Number() can read the parts.
const formatter = (timeZone: string): Intl.DateTimeFormat =>
  (formatters[timeZone] ??= new Intl.DateTimeFormat('en-GB-u-nu-latn', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }));

/** True when `Intl` knows `timeZone` (e.g. `Europe/London`; not `Mars/Base`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at instant `ms`, as if it were a UTC timestamp (whole seconds). */
function wallMs(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(ms)) p[type] = +value;
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
}

/** The zone's UTC offset in ms at instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallMs(whole, timeZone) - whole;
}

/** The wall clock in `timeZone` at instant `at`: its day number and the minutes since that day's midnight. */
export function wallClock(at: Date | number, timeZone: string): [day: number, minutes: number] {
  const wall = wallMs(+at, timeZone);
  const day = Math.floor(wall / DAY_MS);
  return [day, ((wall - day * DAY_MS) / 60_000) | 0];
}

/** The civil date, minutes since midnight and weekday in `timeZone` at instant `at`. */
export function zonedParts(at: Date | number, timeZone: string): ZonedParts {
  const [day, minutes] = wallClock(at, timeZone);
  return { date: isoDate(day), minutes, weekday: weekdayOfDay(day) };
}

/**
 * The instant at which the wall clock in `timeZone` shows `minutes` after midnight on `date`
 * (`minutes` may be 1440: the next midnight). The "compatible" rule (as Temporal and RFC 5545):
 * in a gap (spring forward) the time moves forward by the gap (01:30 in London on the last Sunday
 * of March is 02:30 BST); in an overlap (autumn) the earlier instant wins (01:30 BST, not GMT).
 * @throws {RangeError} naming `date` if it is not a `YYYY-MM-DD` date in 1900–2199.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  return new Date(wallToInstant(parseIsoDate(date) * DAY_MS + minutes * 60_000, timeZone));
}

/** {@link zonedInstant} for a wall clock reading written as if it were a UTC timestamp (ms). */
export function wallToInstant(local: number, timeZone: string): number {
  // The offsets a day either side: no zone changes offset twice within two days.
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  if (before === after) return local - before; // no change near: the common case, two lookups
  const candidates = [local - before, local - after].filter((t) => offsetAt(t, timeZone) === local - t);
  // No candidate: a gap. Reading the wall time with the earlier offset lands after the jump.
  return candidates.length ? Math.min(...candidates) : local - before;
}

/** The `YYYY-MM-DD` date of a day number (days since 1970-01-01). */
export const isoDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Weekday of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export const weekdayOfDay = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** `date` plus `days` calendar days (negative allowed). */
export function addDays(date: string, days: number): string {
  return isoDate(parseIsoDate(date) + days);
}

/** Weekday of a civil date: 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: string): number {
  return weekdayOfDay(parseIsoDate(date));
}

/**
 * Minutes since midnight of a range `HH:MM-HH:MM` (00:00–24:00; start < end is checked by the
 * config schema, not here), or `undefined` when it is not written that way.
 */
export function parseRange(range: string): [start: number, end: number] | undefined {
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(range);
  if (!m) return undefined;
  const start = +m[1]! * 60 + +m[2]!;
  const end = +m[3]! * 60 + +m[4]!;
  const ok = (h: string, min: string) => +min < 60 && (+h < 24 || h + min === '2400');
  return ok(m[1]!, m[2]!) && ok(m[3]!, m[4]!) ? [start, end] : undefined;
}

/** `minutes` since midnight as `HH:MM`. */
export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
