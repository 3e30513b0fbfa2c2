/**
 * Bank holidays: the bundled GOV.UK snapshot (docs/law.md#bank-holidays), with the years a fresh
 * copy of the feed covers replaced by it (the reader is `bank-holidays-feed.ts`, loaded only by
 * pages that fetch the feed).
 */
import { FIRST_DAY, divisions, titles } from './bank-holidays-data.js';
import { isoDate } from './zoned-time.js';

/** A GOV.UK bank holiday division. */
export type BankHolidayDivision = keyof typeof divisions;

/** The divisions, in the feed's order. */
export const BANK_HOLIDAY_DIVISIONS = Object.keys(divisions) as BankHolidayDivision[];

/** One closed day: an ISO date and its name, e.g. `{ date: '2026-12-25', label: 'Christmas Day' }`. */
export interface Holiday {
  date: string;
  label: string;
}

/** Holidays per division, e.g. read from a fresh feed by `parseBankHolidayFeed` (bank-holidays-feed.ts). */
export type BankHolidaySets = Partial<Record<BankHolidayDivision, readonly Holiday[]>>;

const decoded: BankHolidaySets = {};

/** The bundled snapshot for `division` (2025–2027), in date order. */
export function snapshotBankHolidays(division: BankHolidayDivision): readonly Holiday[] {
  let day = FIRST_DAY;
  return (decoded[division] ??= Array.from(divisions[division].match(/.../g)!, (e) => ({
    date: isoDate((day += parseInt(e.slice(0, 2), 36))),
    label: titles[e.charCodeAt(2) - 97]!,
  })));
}

/**
 * The holidays for `division`: the snapshot, with every year that `fresh` covers replaced by the
 * fresh copy (so a moved or added holiday wins, and the snapshot still fills older years).
 */
export function bankHolidays(division: BankHolidayDivision, fresh?: BankHolidaySets): readonly Holiday[] {
  const snapshot = snapshotBankHolidays(division);
  const newer = fresh?.[division];
  if (!newer?.length) return snapshot;
  const years = new Set(newer.map((h) => h.date.slice(0, 4)));
  // ISO dates sort as strings.
  return [...snapshot.filter((h) => !years.has(h.date.slice(0, 4))), ...newer].sort((a, b) => (a.date < b.date ? -1 : +(a.date > b.date)));
}
