/**
 * Bank holidays: the bundled GOV.UK snapshot (docs/law.md#bank-holidays), and a reader for a fresh copy of
 * the feed (https://www.gov.uk/bank-holidays.json) that a page may fetch to go past 2027.
 */
import { divisions, titles } from './bank-holidays-data.js';
import { isIsoDate } from './zoned-time.js';

/** A GOV.UK bank holiday division. */
export type BankHolidayDivision = keyof typeof divisions;

/** The divisions, in the feed's order. */
export const BANK_HOLIDAY_DIVISIONS = Object.keys(divisions) as BankHolidayDivision[];

/** One closed day: an ISO date and its name, e.g. `{ date: '2026-12-25', label: 'Christmas Day' }`. */
export interface Holiday {
  date: string;
  label: string;
}

/** Holidays per division, e.g. read from a fresh feed by {@link parseBankHolidayFeed}. */
export type BankHolidaySets = Partial<Record<BankHolidayDivision, readonly Holiday[]>>;

const decoded: BankHolidaySets = {};

/** The bundled snapshot for `division` (2019–2027), in date order. */
export function snapshotBankHolidays(division: BankHolidayDivision): readonly Holiday[] {
  return (decoded[division] ??= divisions[division].split(' ').flatMap((year) =>
    // After the year: 4 characters per holiday (hex month, 2-digit day, title letter).
    Array.from(year.slice(4).match(/..../g) ?? [], (e) => ({
      date: `${year.slice(0, 4)}-${String(parseInt(e[0]!, 16)).padStart(2, '0')}-${e.slice(1, 3)}`,
      label: titles[e.charCodeAt(3) - 97]!,
    })),
  ));
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
  return [...snapshot.filter((h) => !years.has(h.date.slice(0, 4))), ...newer].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
}

/**
 * Reads the GOV.UK feed JSON (`{ "england-and-wales": { "events": [{ "title", "date" }] }, … }`)
 * into {@link BankHolidaySets}. Divisions missing from the feed are left out.
 * @throws TypeError naming the first bad entry, or when no division is there at all, so the
 *   caller can keep the bundled snapshot.
 */
export function parseBankHolidayFeed(feed: unknown): BankHolidaySets {
  const sets: BankHolidaySets = {};
  for (const division of BANK_HOLIDAY_DIVISIONS) {
    const events: unknown = (feed as Record<string, { events?: unknown } | undefined> | null)?.[division]?.events;
    if (events === undefined) continue;
    if (!Array.isArray(events)) throw new TypeError(`Bank holidays feed: ${division}.events is not a list`);
    sets[division] = events.map((e: { title?: unknown; date?: unknown } | null, i) => {
      if (typeof e?.title !== 'string' || typeof e.date !== 'string' || !isIsoDate(e.date)) {
        throw new TypeError(`Bank holidays feed: ${division}.events.${i} needs a "title" and a "date" like "2026-12-25"`);
      }
      return { date: e.date, label: e.title };
    });
  }
  if (!Object.keys(sets).length) throw new TypeError('Bank holidays feed: no division found');
  return sets;
}
