import { isObject } from '../is-object.js';
import { isIsoDate, type TypedDate } from '../iso-date.js';

/**
 * The answers so far (the draft): what the person has typed, shaped like the referral payload
 * (`child.firstName`, `parents.0.phone`…), so one dotted path names a field in the form, in the
 * schema's errors and in the relay's 400 responses. Yes/no answers are booleans; dates are kept
 * as the three parts typed (`{day, month, year}`) until the payload is built.
 */
export type Answers = Record<string, unknown>;

/** Objects and arrays can both be walked by a dotted path (`parents.0.name`). */
const isNode = (v: unknown): v is Record<string, unknown> => isObject(v) || Array.isArray(v);
const isTypedDate = (v: unknown): v is Partial<TypedDate> => isObject(v) && 'year' in v;

/** The value at a dotted path, or undefined. */
export const getAt = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (isNode(v) ? v[k] : undefined), o);

/** Sets (or, with `undefined`, deletes) the value at a dotted path, creating objects and arrays on the way. */
export function setAt(o: Answers, path: string, value: unknown): void {
  const keys = path.split('.');
  if (keys.some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype')) return;
  let t: Record<string, unknown> = o;
  keys.slice(0, -1).forEach((k, i) => {
    if (!isNode(t[k])) t[k] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    t = t[k] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete t[last];
  else t[last] = value;
}

/**
 * A date as typed → `YYYY-MM-DD` when it names a real day, `''` when left blank, else the raw
 * parts joined (which the schema refuses with its own message).
 */
export function dateValue(parts: Partial<TypedDate>): string {
  const d = { day: '', month: '', year: '', ...parts };
  const [day, month, year] = [d.day.trim(), d.month.trim(), d.year.trim()];
  if (!day && !month && !year) return '';
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return day && month && /^\d{4}$/.test(year) && isIsoDate(iso) ? iso : `${d.year}-${d.month}-${d.day}`;
}

/** True when a typed date has something in it. */
export const hasDate = (v: unknown): boolean => isTypedDate(v) && dateValue(v) !== '';

/**
 * The payload to validate and send: a deep copy with dates turned into ISO strings, address
 * blocks left completely blank removed, and the honeypot dropped when empty.
 */
export function toPayload(answers: Answers): Answers {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (isTypedDate(v)) return dateValue(v);
    if (!isObject(v)) return v;
    const out: Answers = {};
    for (const [k, x] of Object.entries(v)) {
      const w = walk(x);
      // A whole address left blank is "not given", not three errors.
      if (k === 'address' && isObject(w) && Object.values(w).every((s) => s === '')) continue;
      out[k] = w;
    }
    return out;
  };
  const out = walk(answers) as Answers;
  if (!out.website) delete out.website;
  return out;
}
