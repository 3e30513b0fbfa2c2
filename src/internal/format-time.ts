import { activeLocale } from './locale.js';
import { dtf } from './format.js';

/*
 * The helpline's clock words in the active locale, always in the helpline's own time zone, never
 * the device's. English uses GOV.UK style: "9am", "12:30pm". Apart from format.ts so that only
 * the helpline's code carries them.
 */

/** "9am", "12:30pm" in English (GOV.UK style); the locale's own clock elsewhere ("9:00"). */
export function formatTime(at: Date, timeZone: string): string {
  // GOV.UK style writes English times on a 12-hour clock, though en-GB's Intl default is 24-hour.
  const twelve = activeLocale().startsWith('en');
  const parts = dtf(timeZone, { hour: 'numeric', minute: '2-digit', ...(twelve ? { hourCycle: 'h12' as const } : {}) }).formatToParts(at);
  const period = parts.find((p) => p.type === 'dayPeriod');
  if (!period) return parts.map((p) => p.value).join('');
  const hour = parts.find((p) => p.type === 'hour')!.value;
  const minute = parts.find((p) => p.type === 'minute')!.value;
  return `${hour}${minute === '00' ? '' : `:${minute}`}${period.value.toLowerCase().replace(/[\s.]/g, '')}`;
}

/** Localised weekday name for a `mon`…`sun` key. */
export function weekdayName(day: string): string {
  const index = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(day);
  // 2024-01-01 was a Monday.
  return dtf('UTC', { weekday: 'long' }).format(new Date(Date.UTC(2024, 0, 1 + index, 12)));
}

/** "a, b and c" in the active locale. */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(activeLocale(), { type: 'conjunction' }).format(items);
}
