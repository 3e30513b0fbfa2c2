/**
 * Snapshot of the GOV.UK bank holidays feed (https://www.gov.uk/bank-holidays.json), 2025–2027,
 * Open Government Licence v3.0 (docs/law.md#bank-holidays). Copied from test/fixtures/bank-holidays.json
 * (past years left out: a live clock never needs them); `test/node/helpline/bank-holidays.test.ts`
 * checks it against that file. Later years come from a fresh feed (`parseBankHolidayFeed`).
 *
 * Compact on purpose (it ships on every page with the helpline): `titles` is a table of holiday
 * names, and each division is a string of 3-character entries, one per holiday in date order:
 * the days since the previous holiday in base 36 (`01`–`zz`; the first counts from
 * {@link FIRST_DAY}), then the title as a letter (`a` = titles[0]).
 */
export const titles = [
  'New Year’s Day',
  'Good Friday',
  'Easter Monday',
  'Early May bank holiday',
  'Spring bank holiday',
  'Summer bank holiday',
  'Christmas Day',
  'Boxing Day',
  '2nd January',
  'St Andrew’s Day',
  'St Patrick’s Day',
  'Battle of the Boyne (Orangemen’s Day)',
];

/** 2024-12-31 as a day number (days since 1970-01-01). */
export const FIRST_DAY = 20088;

export const divisions = {
  'england-and-wales': '01a2zb03c0ed0le2jf3eg01h06a2kb03c0sd0le2qf38g03h04a2cb03c0zd0se2jf3bg01h',
  'scotland': '01a01i2yb0hd0le1yf3bj0og01h06a01i2jb0vd0le1yf3bj0pg03h04a03i29b12d0se1rf3cj0rg01h',
  'northern-ireland': '01a23k0wb03c0ed0le1dl16f3eg01h06a23k0hb03c0sd0le1dl1df38g03h04a23k09b03c0zd0se16l1df3bg01h',
};
