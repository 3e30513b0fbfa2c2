/**
 * Is the helpline open at an instant, and when does that next change? (docs/law.md#the-helpline)
 * Pure: no DOM, and the viewer's device time zone never matters.
 */
import { bankHolidays, type BankHolidaySets } from './bank-holidays.js';
import type { HelplineConfig } from './config.js';
import { parseIsoDate } from '../iso-date.js';
import { WEEKDAYS, parseRange, wallClock, wallToInstant, weekdayOfDay } from './zoned-time.js';

export type { HelplineConfig } from './config.js';
export type { BankHolidaySets } from './bank-holidays.js';

/** Why the helpline is (not) open. */
export type HelplineReason =
  | 'open'
  | 'outside-hours'
  | 'not-a-helpline-day'
  | 'bank-holiday'
  | 'school-holiday'
  | 'closure';

/** Reasons a whole day is closed, in priority order (a closure on a bank holiday is a closure). */
export type ClosedDayReason = Exclude<HelplineReason, 'open' | 'outside-hours'>;

/** The helpline at one instant (docs/architecture.md#contracts). */
export interface HelplineStatus {
  open: boolean;
  /** When `open` next flips; `null` when the config gives no future change (e.g. no more term dates). */
  nextChange: Date | null;
  reason: HelplineReason;
  /** Names the bank holiday or closure. */
  label?: string;
}

/** One civil date under the config: closed all day, or its merged opening ranges (minutes). */
export type HelplineDay = { closed: ClosedDayReason; label?: string } | { ranges: [number, number][] };

/**
 * The config prepared for day-by-day questions. `holidays` (from `parseBankHolidayFeed`) replaces
 * the bundled snapshot for the years it covers.
 * @throws {RangeError} naming a date in the config that is not `YYYY-MM-DD` in 1900–2199.
 */
export function helplineCalendar(config: HelplineConfig, holidays?: BankHolidaySets) {
  const bh = config.bankHolidays;
  // Whole closed days by day number (days since 1970-01-01): the scan below is integer
  // arithmetic. Closures go in last, so a closure on a bank holiday is a closure.
  const closedDays = new Map<number, HelplineDay>();
  for (const { date, label } of bh === false ? [] : Array.isArray(bh) ? bh.map((date) => ({ date, label: 'Bank holiday' })) : bankHolidays(bh, holidays)) {
    closedDays.set(parseIsoDate(date), { closed: 'bank-holiday', label });
  }
  for (const { date, ...label } of config.closures ?? []) closedDays.set(parseIsoDate(date), { closed: 'closure', ...label });
  const terms = config.termTime?.map((t) => [parseIsoDate(t.from), parseIsoDate(t.to)] as const);
  const weekly = WEEKDAYS.map((d) => mergeRanges(config.weekly[d] ?? []));
  // The data's own horizon: after it every day follows the weekly pattern (or, with terms, is a
  // school holiday), so the state repeats week by week and a scan can stop there.
  const horizon = Math.max(-Infinity, ...closedDays.keys(), ...(terms ?? []).map((t) => t[1]));
  const always = !terms && weekly.every((r) => r[0]?.[0] === 0 && r[0][1] === 1440);

  /**
   * The rules (docs/law.md#the-helpline) for one day. The most specific reason wins: closure, then bank
   * holiday, then school holiday (outside every term, when terms are given), then no weekly hours.
   */
  function dayOf(n: number): HelplineDay {
    const ranges = weekly[weekdayOfDay(n)]!;
    return (
      closedDays.get(n) ??
      (terms && !terms.some(([from, to]) => from <= n && n <= to)
        ? { closed: 'school-holiday' }
        : ranges.length
          ? { ranges }
          : { closed: 'not-a-helpline-day' })
    );
  }

  /**
   * Opening intervals in wall-clock minutes (day number × 1440 + minutes), from day `n` on,
   * merged across midnight; the end is `Infinity` when the line never closes again. Ends when
   * the data gives no further opening.
   */
  function* wall(n: number): Generator<[number, number]> {
    let start = NaN;
    let end = NaN;
    // Past the horizon the week repeats: two more weeks show every flip there is, if any.
    for (const stop = Math.max(n, horizon) + 14; n <= stop && end !== Infinity; ) {
      // Past the horizon a line open all week never closes again.
      const d: HelplineDay = always && n > horizon ? { ranges: [[0, Infinity]] } : dayOf(n);
      if ('closed' in d) {
        // A school holiday lasts until the next term starts (Infinity: no term ahead).
        n = d.closed === 'school-holiday' ? Math.min(...terms!.map(([from]) => (from > n ? from : Infinity))) : n + 1;
        continue;
      }
      for (const [s, e] of d.ranges) {
        if (n * 1440 + s <= end) end = n * 1440 + e; // carries straight on (24:00 then 00:00)
        else {
          if (!isNaN(end)) yield [start, end];
          [start, end] = [n * 1440 + s, n * 1440 + e];
        }
      }
      n++;
    }
    if (!isNaN(end)) yield [start, end];
  }

  return { timeZone: config.timeZone, day: dayOf, wall };
}

/** The calendar type, for `describe.ts`. */
export type HelplineCalendar = ReturnType<typeof helplineCalendar>;

/**
 * Whether the helpline is open at `at`, why, and when that next changes (docs/architecture.md#contracts).
 * Ranges are start-inclusive and end-exclusive in `config.timeZone`; touching ranges merge, also
 * across midnight. `nextChange` is exact however far ahead it is, and `null` only when the data
 * gives no future flip (a line open at every instant, or no term ahead). `holidays` optionally
 * carries a fresh GOV.UK feed (see `parseBankHolidayFeed`).
 * @throws {RangeError} for an invalid `at`, or a config date that is not `YYYY-MM-DD` in 1900–2199.
 */
export function helplineStatus(config: HelplineConfig, at: Date, holidays?: BankHolidaySets): HelplineStatus {
  return statusOn(helplineCalendar(config, holidays), at);
}

/** {@link helplineStatus} on a prepared calendar. */
export function statusOn(calendar: HelplineCalendar, at: Date): HelplineStatus {
  const t = +at; // an invalid Date throws a RangeError in wallClock (Intl)
  const tz = calendar.timeZone;
  const [today] = wallClock(t, tz);
  const instant = (w: number) => (w === Infinity ? w : wallToInstant(w * 60_000, tz));
  let end: number | undefined;
  for (const [a, b] of calendar.wall(today)) {
    const start = instant(a);
    if (start > (end ?? Infinity)) break; // open, and this range starts after a real closed spell
    const stop = instant(b);
    if (stop <= t || start >= stop) continue; // earlier today, or wholly inside a DST gap
    if (end !== undefined) end = Math.max(end, stop); // the closed time between fell inside a DST gap
    else if (start > t) return closed(calendar.day(today), new Date(start));
    else end = stop; // start <= t < stop: open
    if (end === Infinity) break;
  }
  if (end === undefined) return closed(calendar.day(today), null);
  return { open: true, nextChange: end === Infinity ? null : new Date(end), reason: 'open' };
}

/** Closed now: the day's reason (a day with hours is closed only outside them) and its label. */
function closed(day: HelplineDay, nextChange: Date | null): HelplineStatus {
  if (!('closed' in day)) return { open: false, nextChange, reason: 'outside-hours' };
  const { closed: reason, ...label } = day;
  return { open: false, nextChange, reason, ...label };
}

/**
 * `HH:MM-HH:MM` ranges as sorted minutes, overlapping or touching ones merged. Invalid ones (which
 * the schema rejects, but a hand-built config may hold) are skipped.
 */
export function mergeRanges(ranges: readonly string[]): [number, number][] {
  const merged: [number, number][] = [];
  const parsed = ranges.map(parseRange).filter((m): m is [number, number] => !!m && m[0] < m[1]);
  for (const [s, e] of parsed.sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}
