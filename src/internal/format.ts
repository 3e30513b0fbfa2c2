import { activeLocale } from './locale.js';

/**
 * Dates in the active locale via `Intl`, in a given time zone, never the device's (the
 * helpline's times and weekdays are in `format-time.ts`, which only it loads).
 */
const cache = new Map<string, Intl.DateTimeFormat>();
export function dtf(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = activeLocale();
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  return f;
}

/** "2 December 2026" style date for a civil ISO date (no time zone shift: it is a calendar date). */
export function formatIsoDate(iso: string, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' }): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return dtf('UTC', options).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** The `tel:` link for a number as written ("01905 844 440" → "tel:01905844440"). */
export const telHref = (phone: string): string => `tel:${phone.replace(/[^\d+]/g, '')}`;
