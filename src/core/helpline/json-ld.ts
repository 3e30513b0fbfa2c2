/**
 * schema.org structured data for the helpline, so search engines show the same hours as the page.
 * Apart from the status line: a page may load this module after first paint.
 */
import type { BankHolidaySets } from './bank-holidays.js';
import type { HelplineConfig } from './config.js';
import { helplineCalendar, mergeRanges } from './status.js';
import { WEEKDAYS, formatMinutes, isoDate, wallClock, weekdayOfDay } from './zoned-time.js';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A helpline day that is closed although the weekly hours would open it. */
export interface HelplineException {
  date: string;
  reason: 'closure' | 'bank-holiday' | 'school-holiday';
  label?: string;
}

/**
 * Closures, bank holidays and (when `termTime` is set) school-holiday days from the date of `at`
 * for `days` days that fall on a day with weekly hours, in date order.
 */
export function upcomingExceptions(
  config: HelplineConfig,
  at: Date,
  days: number,
  holidays?: BankHolidaySets,
): HelplineException[] {
  const calendar = helplineCalendar(config, holidays);
  const out: HelplineException[] = [];
  for (let [n] = wallClock(at, config.timeZone), end = n + days; n < end; n++) {
    const d = calendar.day(n);
    if ('closed' in d && d.closed !== 'not-a-helpline-day' && config.weekly[WEEKDAYS[weekdayOfDay(n)]!]?.length) {
      const { closed: reason, ...label } = d;
      out.push({ date: isoDate(n), reason, ...label });
    }
  }
  return out;
}

/** A schema.org `OpeningHoursSpecification` as plain JSON. */
export interface OpeningHoursSpecification {
  '@type': 'OpeningHoursSpecification';
  dayOfWeek?: string;
  opens: string;
  closes: string;
  validFrom?: string;
  validThrough?: string;
  description?: string;
}

/** Details that are not hours; `weeks` is how far ahead closed days are listed (default 8). */
export interface HelplineJsonLdOptions {
  name: string;
  telephone: string;
  email?: string;
  weeks?: number;
}

/**
 * A schema.org `Time`. The day's ends carry seconds: 24:00 is not a valid `Time`, so a range
 * to midnight closes at `23:59:59`, and a whole day is schema.org's `00:00:00`–`23:59:59`.
 */
const time = (minutes: number): string => (minutes ? (minutes < 1440 ? formatMinutes(minutes) : '23:59:59') : '00:00:00');

/**
 * A `GovernmentService` whose `hoursAvailable` lists one spec per weekly range
 * (`https://schema.org/Monday`…) plus, for the next `weeks` weeks, each closed helpline day
 * (bank holiday, closure, school holiday) as a one-day spec opening and closing at `00:00`,
 * schema.org's way of saying "closed". Serialise with `JSON.stringify` into
 * `<script type="application/ld+json">`.
 */
export function openingHoursJsonLd(
  config: HelplineConfig,
  at: Date,
  { name, telephone, email, weeks = 8 }: HelplineJsonLdOptions,
  holidays?: BankHolidaySets,
) {
  const hoursAvailable: OpeningHoursSpecification[] = WEEKDAYS.flatMap((day, i) =>
    mergeRanges(config.weekly[day] ?? []).map(([s, e]) => ({
      '@type': 'OpeningHoursSpecification' as const,
      dayOfWeek: `https://schema.org/${DAY_NAMES[i]}`,
      opens: time(s),
      closes: time(e),
    })),
  );
  for (const { date, label } of upcomingExceptions(config, at, weeks * 7, holidays)) {
    hoursAvailable.push({
      '@type': 'OpeningHoursSpecification',
      validFrom: date,
      validThrough: date,
      opens: '00:00',
      closes: '00:00',
      ...(label === undefined ? {} : { description: label }),
    });
  }
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    name,
    hoursAvailable,
    availableChannel: {
      '@type': 'ServiceChannel',
      servicePhone: { '@type': 'ContactPoint', telephone, ...(email ? { email } : {}), hoursAvailable },
    },
  };
}
