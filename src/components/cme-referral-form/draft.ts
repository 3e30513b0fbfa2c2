import { checkDate, DATE_PARTS, type DateParts } from '../../internal/date-input.js';

/**
 * The draft: what the person has typed, shaped like the referral payload (`child.firstName`,
 * `parents.0.phone`…) so one dotted path names a field in the form, in the schema's errors and
 * in the relay's 400 responses. Yes/no answers are booleans; dates are kept as the three parts
 * typed (`{day, month, year}`) until the payload is built.
 */
export type Draft = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isParts = (v: unknown): v is DateParts => isObject(v) && 'year' in v;

/** The value at a dotted path, or undefined. */
export const getAt = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), o);

/** Sets (or, with `undefined`, deletes) the value at a dotted path, creating objects and arrays on the way. */
export function setAt(o: Draft, path: string, value: unknown): void {
  const keys = path.split('.');
  if (keys.some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype')) return;
  let t: Record<string, unknown> = o;
  keys.slice(0, -1).forEach((k, i) => {
    if (!isObject(t[k])) t[k] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    t = t[k] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete t[last];
  else t[last] = value;
}

/** A date as typed → `YYYY-MM-DD`, `''` when left blank, or the raw parts (which the schema refuses). */
export function dateValue(parts: Partial<DateParts>): string {
  const d = { day: '', month: '', year: '', ...parts };
  if (DATE_PARTS.every((p) => !d[p].trim())) return '';
  const checked = checkDate({ day: d.day.trim(), month: d.month.trim(), year: d.year.trim() }, '', '');
  return 'iso' in checked ? checked.iso : `${d.year}-${d.month}-${d.day}`;
}

/**
 * The payload to validate and send: a deep copy of the draft with dates turned into ISO strings,
 * address blocks left completely blank removed, and the honeypot dropped when empty.
 */
export function toPayload(draft: Draft): Draft {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (isParts(v)) return dateValue(v);
    if (!isObject(v)) return v;
    const out: Draft = {};
    for (const [k, x] of Object.entries(v)) {
      const w = walk(x);
      // A whole address left blank is "not given", not three errors.
      if (k === 'address' && isObject(w) && Object.values(w).every((s) => s === '')) continue;
      out[k] = w;
    }
    return out;
  };
  const out = walk(draft) as Draft;
  if (!out.website) delete out.website;
  return out;
}
