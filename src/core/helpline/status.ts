/**
 * Is the helpline open at an instant, and when does that next change? (docs/law.md#the-helpline)
 * Pure: no DOM, and the viewer's device time zone never matters.
 */
import { bankHolidays, type BankHolidaySets } from './bank-holidays.js';
import type { HelplineConfig } from './config.js';
import { WEEKDAYS, addDays, parseRange, weekdayOf, zonedInstant, zonedParts } from './zoned-time.js';

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

/** How far ahead to look for the next opening: two years. */
const HORIZON_DAYS = 731;

/**
 * The config prepared for day-by-day questions. `holidays` (from `parseBankHolidayFeed`) replaces
 * the bundled snapshot for the years it covers.
 */
export function helplineCalendar(config: HelplineConfig, holidays?: BankHolidaySets) {
  const bh = config.bankHolidays;
  const holidayList =
    bh === false ? [] : Array.isArray(bh) ? bh.map((date) => ({ date, label: 'Bank holiday' })) : bankHolidays(bh, holidays);
  const holidayLabels = new Map(holidayList.map((h) => [h.date, h.label]));
  const closures = new Map((config.closures ?? []).map((c) => [c.date, c.label]));
  const terms = config.termTime;
  const lastTermDay = terms?.reduce((last, t) => (t.to > last ? t.to : last), '');
  const weekly = WEEKDAYS.map((d) => mergeRanges(config.weekly[d] ?? []));

  /**
   * The rules (docs/law.md#the-helpline) for one day. The most specific reason wins: closure, then bank
   * holiday, then school holiday (outside every term, when terms are given), then no weekly hours.
   */
  function day(date: string): HelplineDay {
    if (closures.has(date)) return withLabel('closure', closures.get(date));
    if (holidayLabels.has(date)) return withLabel('bank-holiday', holidayLabels.get(date));
    if (terms && !terms.some((t) => t.from <= date && date <= t.to)) return { closed: 'school-holiday' };
    const ranges = weekly[weekdayOf(date)]!;
    return ranges.length ? { ranges } : { closed: 'not-a-helpline-day' };
  }

  /** Opening intervals as instants (ms), from `date` on, until the horizon or the last term day. */
  function* intervals(date: string): Generator<[number, number]> {
    for (let i = 0; i <= HORIZON_DAYS; i++, date = addDays(date, 1)) {
      if (lastTermDay !== undefined && date > lastTermDay) return; // no term ahead: never opens again
      const d = day(date);
      if ('closed' in d) continue;
      for (const [s, e] of d.ranges) {
        const start = +zonedInstant(date, s, config.timeZone);
        const end = +zonedInstant(date, e, config.timeZone);
        if (start < end) yield [start, end]; // a range inside a DST gap can be empty
      }
    }
  }

  return { timeZone: config.timeZone, day, intervals };
}

/** The calendar type, for `describe.ts`. */
export type HelplineCalendar = ReturnType<typeof helplineCalendar>;

/**
 * Whether the helpline is open at `at`, why, and when that next changes (docs/architecture.md#contracts).
 * Ranges are start-inclusive and end-exclusive in `config.timeZone`; touching ranges merge, also
 * across midnight. `holidays` optionally carries a fresh GOV.UK feed (see `parseBankHolidayFeed`).
 */
export function helplineStatus(config: HelplineConfig, at: Date, holidays?: BankHolidaySets): HelplineStatus {
  return statusOn(helplineCalendar(config, holidays), at);
}

/** {@link helplineStatus} on a prepared calendar. */
export function statusOn(calendar: HelplineCalendar, at: Date): HelplineStatus {
  const t = +at;
  const today = zonedParts(t, calendar.timeZone).date;
  let end: number | undefined;
  for (const [start, stop] of calendar.intervals(today)) {
    if (end === undefined) {
      if (stop <= t) continue; // earlier today
      if (start > t) return closed(calendar.day(today), new Date(start));
      end = stop; // start <= t < stop: open
    } else if (start <= end) {
      end = Math.max(end, stop); // the next range carries straight on (e.g. 24:00 then 00:00)
    } else break;
  }
  return end === undefined ? closed(calendar.day(today), null) : { open: true, nextChange: new Date(end), reason: 'open' };
}

/** Closed now: the day's reason (a day with hours is closed only outside them). */
function closed(day: HelplineDay, nextChange: Date | null): HelplineStatus {
  if (!('closed' in day)) return { open: false, nextChange, reason: 'outside-hours' };
  return { open: false, nextChange, reason: day.closed, ...(day.label === undefined ? {} : { label: day.label }) };
}

function withLabel(closed: ClosedDayReason, label: string | undefined): HelplineDay {
  return label === undefined ? { closed } : { closed, label };
}

/**
 * `HH:MM-HH:MM` ranges as sorted minutes, overlapping or touching ones merged. Invalid ones (which
 * the schema rejects, but a hand-built config may hold) are skipped.
 */
export function mergeRanges(ranges: readonly string[]): [number, number][] {
  const parsed = ranges.flatMap((r) => {
    const m = parseRange(r);
    return m && m[0] < m[1] ? [m] : [];
  });
  parsed.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of parsed) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}
