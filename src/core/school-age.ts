/**
 * Compulsory school age (CSA) in England: docs/law.md#compulsory-school-age.
 *
 * Education Act 1996 s8, the Education (Start of Compulsory School Age) Order 1998 and the
 * Education (School Leaving Date) Order 1997. Pure civil-date arithmetic on ISO `YYYY-MM-DD`
 * strings: dates are handled as UTC midnights and read back with UTC getters only, so the
 * result never depends on the device's time zone.
 */
import { parseIsoDate } from './iso-date.js';

/** True for a real calendar date written `YYYY-MM-DD` in 1900–2199 (re-exported from `iso-date.ts`). */
export { isIsoDate } from './iso-date.js';

/** A civil date as `YYYY-MM-DD`. */
export type IsoDate = string;

/** Where a child stands against compulsory school age on a given day. */
export type SchoolAgeStatus = 'under' | 'compulsory' | 'over';

/** [year, month 1–12, day] of a `YYYY-MM-DD` date in 1900–2199; throws a RangeError naming anything else. */
function parseOrThrow(value: string): [number, number, number] {
  const d = new Date(parseIsoDate(value) * 86_400_000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number): IsoDate => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** True for leap years in the proleptic Gregorian calendar. */
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The date a child born on `[y, m, d]` reaches the age of `years`. A 29 February birthday is
 * reached on 1 March in common years (docs/law.md#compulsory-school-age; Family Law Reform Act 1969 s9).
 */
function birthday(y: number, m: number, d: number, years: number): [number, number, number] {
  const year = y + years;
  return m === 2 && d === 29 && !isLeap(year) ? [year, 3, 1] : [year, m, d];
}

/** The last Friday in June of `year` (docs/law.md#compulsory-school-age: the school leaving date). */
export function lastFridayInJune(year: number): IsoDate {
  const weekday = new Date(Date.UTC(year, 5, 30)).getUTCDay(); // 0 = Sunday … 5 = Friday
  return iso(year, 6, 30 - ((weekday + 2) % 7));
}

/**
 * The compulsory school age of a child born on `dateOfBirth` (docs/law.md#compulsory-school-age).
 *
 * - `starts`: the first prescribed day (31 March, 31 August, 31 December) on or after the 5th
 *   birthday — the birthday itself if it is one (s8(2)).
 * - `ends`: the last Friday in June of the school year (1 September–31 August) in which the
 *   child turns 16 (s8(3)); CSA includes that whole day.
 *
 * @throws {RangeError} naming `dateOfBirth` if it is not a real `YYYY-MM-DD` date in 1900–2199.
 * @example compulsorySchoolAge('2020-02-10') // { starts: '2025-03-31', ends: '2036-06-27' }
 */
export function compulsorySchoolAge(dateOfBirth: string): { starts: IsoDate; ends: IsoDate } {
  const [y, m, d] = parseOrThrow(dateOfBirth);
  const five = birthday(y, m, d, 5);
  const fifth = iso(...five);
  // Every year has 31 December, so the first prescribed day always falls in the 5th-birthday year.
  const starts = [`${pad(five[0], 4)}-03-31`, `${pad(five[0], 4)}-08-31`, `${pad(five[0], 4)}-12-31`].find((p) => p >= fifth)!;
  const [sy, sm] = birthday(y, m, d, 16);
  // A school year runs 1 September–31 August; turning 16 from September puts the leaving date next June.
  const ends = lastFridayInJune(sm >= 9 ? sy + 1 : sy);
  return { starts, ends };
}

/**
 * Whether a child born on `dateOfBirth` is under, of, or over compulsory school age on `on`
 * (both `YYYY-MM-DD`; the start and end days are inside CSA). docs/law.md#compulsory-school-age.
 *
 * @throws {RangeError} if either date is invalid.
 */
export function schoolAgeStatus(dateOfBirth: string, on: string): SchoolAgeStatus {
  const { starts, ends } = compulsorySchoolAge(dateOfBirth);
  parseOrThrow(on);
  return on < starts ? 'under' : on > ends ? 'over' : 'compulsory';
}

/**
 * True if a child born on `dateOfBirth` is of compulsory school age on the day `on`.
 *
 * @throws {RangeError} if either date is invalid.
 */
export function isOfCompulsorySchoolAge(dateOfBirth: string, on: string): boolean {
  return schoolAgeStatus(dateOfBirth, on) === 'compulsory';
}
