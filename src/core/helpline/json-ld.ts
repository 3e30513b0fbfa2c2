/**
 * schema.org structured data for the helpline, so search engines show the same hours as the page.
 */
import type { BankHolidaySets } from './bank-holidays.js';
import type { HelplineConfig } from './config.js';
import { upcomingExceptions, weeklyHours } from './describe.js';
import type { Weekday } from './zoned-time.js';

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

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
  const hoursAvailable: OpeningHoursSpecification[] = weeklyHours(config).flatMap(({ day, ranges }) =>
    ranges.map(({ from, to }) => ({
      '@type': 'OpeningHoursSpecification' as const,
      dayOfWeek: `https://schema.org/${DAY_NAMES[day]}`,
      opens: from,
      closes: to,
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
