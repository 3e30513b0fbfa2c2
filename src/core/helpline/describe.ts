/**
 * View-models for `<cme-helpline>`: everything the component shows, decided here, so the
 * component holds no rules (docs/architecture.md#layers: components render, core decides).
 */
import type { BankHolidaySets } from './bank-holidays.js';
import type { HelplineConfig } from './config.js';
import { helplineCalendar, mergeRanges, statusOn, type ClosedDayReason } from './status.js';
import { DAY_MS, WEEKDAYS, formatMinutes, isoDate, wallClock, wallToInstant, type Weekday } from './zoned-time.js';

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
  const tz = config.timeZone;
  const calendar = helplineCalendar(config, holidays);
  const { open, nextChange: next, reason, ...label } = statusOn(calendar, at);
  const [today, minutes] = wallClock(at, tz);
  const midnight = new Date(wallToInstant((today + 1) * DAY_MS, tz));
  const refreshAt = next && next < midnight ? next : midnight;
  const [changeDay, changeMinutes] = next ? wallClock(next, tz) : [today];
  if (open) {
    // A close at 00:00 ends the day before.
    const atMidnight = changeMinutes === 0;
    const lastDay = changeDay - +atMidnight;
    return { state: 'open', closesAt: next, lastDay: isoDate(lastDay), daysLeft: lastDay - today, atMidnight, refreshAt };
  }
  const opensToday = !!next && changeDay === today;
  const day = calendar.day(today);
  // Closed, reopening later today, after a range that started earlier today: the lunch break.
  if (opensToday && 'ranges' in day && day.ranges[0]![0] <= minutes) return { state: 'break', reopensAt: next, refreshAt };
  return { state: 'closed', reason: reason as ClosedDayReason | 'outside-hours', ...label, opensAt: next, opensToday, refreshAt };
}

/** A range for display, `HH:MM` 24-hour (the component formats it for the locale). */
export interface DisplayRange {
  from: string;
  to: string;
}

const display = ([s, e]: [number, number]): DisplayRange => ({ from: formatMinutes(s), to: formatMinutes(e) });

/** The weekly hours, Monday first, days without hours left out; ranges merged and sorted. */
export function weeklyHours(config: HelplineConfig): { day: Weekday; ranges: DisplayRange[] }[] {
  return WEEKDAYS.map((day) => ({ day, ranges: mergeRanges(config.weekly[day] ?? []).map(display) })).filter((d) => d.ranges.length);
}

/**
 * The weekly hours in minutes since midnight (merged, sorted), grouped by identical ranges,
 * Monday first, days without hours left out: for wording such as "9am to 12:30pm and 1pm to
 * 4:30pm: Monday, Wednesday and Friday".
 */
export function hourGroups(config: HelplineConfig): { days: Weekday[]; ranges: [number, number][] }[] {
  // Keys such as "540,750" are never array indices, so the object keeps Monday-first order.
  const groups: Record<string, { days: Weekday[]; ranges: [number, number][] }> = {};
  for (const day of WEEKDAYS) {
    const ranges = mergeRanges(config.weekly[day] ?? []);
    if (ranges.length) (groups[String(ranges)] ??= { days: [], ranges }).days.push(day);
  }
  return Object.values(groups);
}

/** {@link hourGroups} with the ranges as `HH:MM` strings. */
export function groupedWeeklyHours(config: HelplineConfig): { days: Weekday[]; ranges: DisplayRange[] }[] {
  return hourGroups(config).map(({ days, ranges }) => ({ days, ranges: ranges.map(display) }));
}
