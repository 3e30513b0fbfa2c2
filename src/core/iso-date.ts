/**
 * Civil dates for every core rule: exactly `YYYY-MM-DD`, a real calendar day, years 1900–2199.
 *
 * One strict reader so that no rule answers for a date it cannot handle: `Date.UTC` maps years
 * 0–99 to 1900–1999, so `0050-01-01` would otherwise quietly become 1950. Dates are counted as
 * whole days since 1970-01-01 (UTC calendar arithmetic, never the device's zone).
 */

/** Days since 1970-01-01 of a real `YYYY-MM-DD` date in 1900–2199; `NaN` for anything else. */
export function dayNumber(value: unknown): number {
  // The date-only ISO form parses as UTC midnight. Read back: 2026-02-30 would roll over to March.
  const ms = typeof value === 'string' && /^(19|2[01])\d\d-\d\d-\d\d$/.test(value) ? Date.parse(value) : NaN;
  return !isNaN(ms) && new Date(ms).toISOString().startsWith(value as string) ? ms / 86_400_000 : NaN;
}

/** True for a real calendar date written `YYYY-MM-DD` in 1900–2199 (`2026-02-30`, `0050-01-01` are not). */
export function isIsoDate(value: unknown): value is string {
  return !isNaN(dayNumber(value));
}

/**
 * {@link dayNumber}, throwing for anything it cannot read.
 * @throws {RangeError} naming the value.
 */
export function parseIsoDate(value: unknown): number {
  const n = dayNumber(value);
  if (isNaN(n)) throw new RangeError(`Invalid date "${String(value)}": expected YYYY-MM-DD, 1900–2199`);
  return n;
}

/** A date as a person types it in a GOV.UK date input, part by part. */
export interface TypedDate {
  day: string;
  month: string;
  year: string;
}

/** `YYYY-MM-DD` → the parts as a person types them (no leading zeros); `{}` if not a date. */
export function typedDate(iso: string | undefined): Partial<TypedDate> {
  if (!isIsoDate(iso)) return {};
  const [year, month, day] = iso.split('-').map((n) => String(Number(n)));
  return { year, month, day } as TypedDate;
}
