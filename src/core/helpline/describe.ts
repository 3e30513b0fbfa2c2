/**
 * View-models for `<cme-helpline>`: everything the component shows, decided here, so the
 * component holds no rules (docs/architecture.md#layers: components render, core decides).
 */
import { dayNumber } from '../iso-date.js';
import type { BankHolidaySets } from './bank-holidays.js';
import type { HelplineConfig } from './config.js';
import { helplineCalendar, mergeRanges, statusOn, type ClosedDayReason } from './status.js';
import { WEEKDAYS, addDays, formatMinutes, weekdayOf, zonedInstant, zonedParts, type Weekday } from './zoned-time.js';

/** What to say about the helpline now. Every variant carries `refreshAt`: re-describe then. */
export type HelplineView = { refreshAt: Date } & (
  | {
      state: 'open';
      /** When it closes; `null`: open at every instant from now on ("Open 24 hours"). */
      closesAt: Date | null;
      /** The last civil date it is open, `YYYY-MM-DD` (a close at 00:00 ends the day before). */
      lastDay: string;
      /** Calendar days from today to `lastDay` (0: it closes today). */
      daysLeft: number;
      /** It closes as `lastDay` ends, at midnight. */
      atMidnight: boolean;
    }
  /** Closed between two ranges of the same day (the lunch break). */
  | { state: 'break'; reopensAt: Date }
  | {
      state: 'closed';
      reason: ClosedDayReason | 'outside-hours';
      /** The bank holiday or closure. */
      label?: string;
      /** Next opening; `null` when the config has none (e.g. no more term dates). */
      opensAt: Date | null;
      /** `opensAt` is later today (in the helpline's time zone). */
      opensToday: boolean;
    }
);

/**
 * Describes the helpline at `at`. `refreshAt` is the next state change or the next midnight in
 * the helpline's zone (when "today"/"tomorrow" wording goes stale), whichever comes first: a
 * clock can sleep until then.
 */
export function describeHelpline(config: HelplineConfig, at: Date, holidays?: BankHolidaySets): HelplineView {
  const calendar = helplineCalendar(config, holidays);
  const status = statusOn(calendar, at);
  const now = zonedParts(at, config.timeZone);
  const next = status.nextChange;
  const midnight = zonedInstant(addDays(now.date, 1), 0, config.timeZone);
  const refreshAt = next && next < midnight ? next : midnight;
  if (status.open) {
    const closes = next && zonedParts(next, config.timeZone);
    const atMidnight = closes?.minutes === 0;
    const last = closes ? (atMidnight ? addDays(closes.date, -1) : closes.date) : now.date;
    const daysLeft = dayNumber(last) - dayNumber(now.date);
    return { state: 'open', closesAt: next, lastDay: last, daysLeft, atMidnight, refreshAt };
  }

  const opensToday = !!next && zonedParts(next, config.timeZone).date === now.date;
  const today = calendar.day(now.date);
  // Closed, reopening later today, after a range that started earlier today: the lunch break.
  if (opensToday && 'ranges' in today && today.ranges[0]![0] <= now.minutes) {
    return { state: 'break', reopensAt: next!, refreshAt };
  }
  return {
    state: 'closed',
    reason: status.reason as ClosedDayReason | 'outside-hours',
    ...(status.label === undefined ? {} : { label: status.label }),
    opensAt: next,
    opensToday,
    refreshAt,
  };
}

/** A range for display, `HH:MM` 24-hour (the component formats it for the locale). */
export interface DisplayRange {
  from: string;
  to: string;
}

/** The weekly hours, Monday first, days without hours left out; ranges merged and sorted. */
export function weeklyHours(config: HelplineConfig): { day: Weekday; ranges: DisplayRange[] }[] {
  return WEEKDAYS.map((day) => ({
    day,
    ranges: mergeRanges(config.weekly[day] ?? []).map(([s, e]) => ({ from: formatMinutes(s), to: formatMinutes(e) })),
  })).filter((d) => d.ranges.length);
}

/**
 * The weekly hours grouped by identical ranges, Monday first, for wording such as
 * "9:00am to 12:30pm and 1:00pm to 4:30pm, Monday, Wednesday and Friday".
 */
export function groupedWeeklyHours(config: HelplineConfig): { days: Weekday[]; ranges: DisplayRange[] }[] {
  const groups = new Map<string, { days: Weekday[]; ranges: DisplayRange[] }>();
  for (const { day, ranges } of weeklyHours(config)) {
    const key = JSON.stringify(ranges);
    const group = groups.get(key);
    if (group) group.days.push(day);
    else groups.set(key, { days: [day], ranges });
  }
  return [...groups.values()];
}

/** A helpline day that is closed although the weekly hours would open it. */
export interface HelplineException {
  date: string;
  reason: 'closure' | 'bank-holiday' | 'school-holiday';
  label?: string;
}

/**
 * Closures, bank holidays and (when `termTime` is set) school-holiday days from the date of `at`
 * for `days` days that fall on a day with weekly hours, in date order (e.g. for JSON-LD).
 */
export function upcomingExceptions(
  config: HelplineConfig,
  at: Date,
  days: number,
  holidays?: BankHolidaySets,
): HelplineException[] {
  const calendar = helplineCalendar(config, holidays);
  const out: HelplineException[] = [];
  for (let i = 0, date = zonedParts(at, config.timeZone).date; i < days; i++, date = addDays(date, 1)) {
    const d = calendar.day(date);
    if ('closed' in d && d.closed !== 'not-a-helpline-day' && config.weekly[WEEKDAYS[weekdayOf(date)]!]?.length) {
      out.push({ date, reason: d.closed, ...(d.label === undefined ? {} : { label: d.label }) });
    }
  }
  return out;
}
