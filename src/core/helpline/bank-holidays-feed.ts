/**
 * Reader for a fresh copy of the GOV.UK bank holidays feed (https://www.gov.uk/bank-holidays.json),
 * which a page may fetch to go past the bundled snapshot (docs/law.md#bank-holidays). A module of
 * its own so that only pages with `bank-holidays-src` load it.
 */
import { BANK_HOLIDAY_DIVISIONS, type BankHolidaySets } from './bank-holidays.js';
import { isIsoDate } from '../iso-date.js';

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
      if (typeof e?.title !== 'string' || !isIsoDate(e.date)) {
        throw new TypeError(`Bank holidays feed: ${division}.events.${i} needs a "title" and a "date" like "2026-12-25"`);
      }
      return { date: e.date, label: e.title };
    });
  }
  if (!Object.keys(sets).length) throw new TypeError('Bank holidays feed: no division found');
  return sets;
}
