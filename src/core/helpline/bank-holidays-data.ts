/**
 * Snapshot of the GOV.UK bank holidays feed (https://www.gov.uk/bank-holidays.json), 2025–2027,
 * Open Government Licence v3.0 (docs/law.md#bank-holidays). Copied from test/fixtures/bank-holidays.json
 * (past years left out: a live clock never needs them); `test/node/helpline/bank-holidays.test.ts`
 * checks it against that file. Later years come from a fresh feed (`parseBankHolidayFeed`).
 *
 * Compact on purpose (the helpline page has a 12 KB budget): `titles` is a table of holiday names
 * and each division is a string of years, `YYYY` then one 4-character entry per holiday: month in
 * hex (`1`–`c`), day (`01`–`31`), and the title as a letter (`a` = titles[0]).
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

export const divisions = {
  'england-and-wales':
    '2025101a418b421c505d526e825fc25gc26h 2026101a403b406c504d525e831fc25gc28h 2027101a326b329c503d531e830fc27gc28h',
  'scotland':
    '2025101a102i418b505d526e804fc01jc25gc26h 2026101a102i403b504d525e803fb30jc25gc28h 2027101a104i326b503d531e802fb30jc27gc28h',
  'northern-ireland':
    '2025101a317k418b421c505d526e714l825fc25gc26h 2026101a317k403b406c504d525e713l831fc25gc28h 2027101a317k326b329c503d531e712l830fc27gc28h',
};
