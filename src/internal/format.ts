import { activeLocale } from './locale.js';

/**
 * Dates and times in the active locale via `Intl`, always in the helpline's own time zone,
 * never the device's. English uses GOV.UK style: "9am", "12:30pm", "Wednesday 2 December".
 */
const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = activeLocale();
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  return f;
}

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

/** "Wednesday 2 December" (or the locale's equivalent). */
export function formatDayDate(at: Date, timeZone: string): string {
  return dtf(timeZone, { weekday: 'long', day: 'numeric', month: 'long' }).format(at);
}

/** "2 December 2026" style date for a civil ISO date (no time zone shift: it is a calendar date). */
export function formatIsoDate(iso: string, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' }): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return dtf('UTC', options).format(new Date(Date.UTC(y, m - 1, d, 12)));
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

/** The `tel:` link for a number as written ("01905 844 440" → "tel:01905844440"). */
export const telHref = (phone: string): string => `tel:${phone.replace(/[^\d+]/g, '')}`;
