// nextChange is exact at any distance and null only when the data holds no future flip
// (docs/editors.md "Opening hours in detail"). Instants are written in UTC (Z).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HelplineConfig } from '../../../src/core/helpline/config.js';
import { helplineStatus } from '../../../src/core/helpline/status.js';
import { seed } from './fixtures.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const week = (ranges: string[], except: string[] = []) =>
  Object.fromEntries(DAYS.filter((d) => !except.includes(d)).map((d) => [d, ranges]));
/** A line open at every instant of every day (an out-of-hours emergency duty team). */
const always: HelplineConfig = { timeZone: 'Europe/London', weekly: week(['00:00-24:00']), bankHolidays: false };

function status(config: HelplineConfig, at: string, holidays?: Parameters<typeof helplineStatus>[2]) {
  const s = helplineStatus(config, new Date(at), holidays);
  return { ...s, nextChange: s.nextChange?.toISOString() ?? null };
}
const open = (nextChange: string | null) => ({ open: true, reason: 'open', nextChange });
const closed = (reason: string, nextChange: string | null, label?: string) => ({
  open: false,
  reason,
  nextChange,
  ...(label === undefined ? {} : { label }),
});

test('open 00:00–24:00 every day, no terms, no holidays: open, and no change ever', () => {
  for (const at of ['2026-12-01T10:00:00Z', '2026-03-29T01:30:00Z', '2026-10-25T01:30:00Z', '2099-06-30T23:59:59Z', '1950-01-01T00:00:00Z']) {
    assert.deepEqual(status(always, at), open(null), at);
  }
  // The same week written as two ranges a day: they merge, no fake flip at noon or midnight.
  const halves = { ...always, weekly: week(['12:00-24:00', '00:00-12:00']) };
  assert.deepEqual(status(halves, '2026-12-01T10:00:00Z'), open(null));
});

test('adjacent ranges across midnight merge: sun 00:00-24:00 then mon 00:00-24:00 closes once, on Tuesday', () => {
  const sunMon: HelplineConfig = { timeZone: 'Europe/London', weekly: { sun: ['00:00-24:00'], mon: ['00:00-24:00'] }, bankHolidays: false };
  assert.deepEqual(status(sunMon, '2026-11-29T10:00:00Z'), open('2026-12-01T00:00:00.000Z'));
  assert.deepEqual(status(sunMon, '2026-11-29T23:59:59.999Z'), open('2026-12-01T00:00:00.000Z'));
  assert.deepEqual(status(sunMon, '2026-11-30T00:00:00Z'), open('2026-12-01T00:00:00.000Z'));
  assert.deepEqual(status(sunMon, '2026-12-01T00:00:00Z'), closed('not-a-helpline-day', '2026-12-06T00:00:00.000Z'));
  // In summer time the same midnight is 23:00Z.
  assert.deepEqual(status(sunMon, '2026-06-14T10:00:00Z'), open('2026-06-15T23:00:00.000Z'));
  // Every day but Tuesday: the one flip is Tuesday's midnights.
  const noTuesday = { ...always, weekly: week(['00:00-24:00'], ['tue']) };
  assert.deepEqual(status(noTuesday, '2026-12-02T00:00:00Z'), open('2026-12-08T00:00:00.000Z'));
});

test('a term three years away: the exact first opening, then null after its last day', () => {
  const far: HelplineConfig = { ...seed, termTime: [{ from: '2029-09-03', to: '2029-10-19' }] };
  // Monday 3 Sep 2029, 09:00 BST.
  assert.deepEqual(status(far, '2026-12-01T10:00:00Z'), closed('school-holiday', '2029-09-03T08:00:00.000Z'));
  assert.deepEqual(status(far, '2029-09-03T07:59:59Z'), closed('outside-hours', '2029-09-03T08:00:00.000Z'));
  assert.deepEqual(status(far, '2029-09-03T08:00:00Z'), open('2029-09-03T11:30:00.000Z'));
  // Friday 19 Oct 2029 16:30 BST: the last close; nothing after.
  assert.deepEqual(status(far, '2029-10-19T15:29:00Z'), open('2029-10-19T15:30:00.000Z'));
  assert.deepEqual(status(far, '2029-10-19T15:30:00Z'), closed('outside-hours', null));
  // A 24-hour line inside that term: it closes at the end of the last term day.
  const farAlways = { ...always, termTime: far.termTime };
  assert.deepEqual(status(farAlways, '2026-12-01T10:00:00Z'), closed('school-holiday', '2029-09-02T23:00:00.000Z'));
  assert.deepEqual(status(farAlways, '2029-09-10T10:00:00Z'), open('2029-10-19T23:00:00.000Z'));
  assert.deepEqual(status(farAlways, '2029-10-20T10:00:00Z'), closed('school-holiday', null));
});

test('a 24-hour line with bank holidays: the next holiday, and after the snapshot no invented change', () => {
  const duty = { ...always, bankHolidays: 'england-and-wales' } as const;
  // From 1 Dec 2026 the next flip is Christmas Day's midnight; weeks away is still exact.
  assert.deepEqual(status(duty, '2026-12-01T10:00:00Z'), open('2026-12-25T00:00:00.000Z'));
  assert.deepEqual(status(duty, '2026-09-01T10:00:00Z'), open('2026-12-25T00:00:00.000Z'));
  assert.deepEqual(status(duty, '2026-12-25T10:00:00Z'), closed('bank-holiday', '2026-12-26T00:00:00.000Z', 'Christmas Day'));
  // Tue 28 Dec 2027 (Boxing Day, substituted) is the snapshot's last holiday.
  assert.deepEqual(status(duty, '2027-12-28T10:00:00Z'), closed('bank-holiday', '2027-12-29T00:00:00.000Z', 'Boxing Day'));
  // Past it the data knows no more holidays, so the line never flips again: null, not 2029-12-30.
  for (const at of ['2027-12-29T00:00:00Z', '2027-12-31T12:00:00Z', '2028-06-01T10:00:00Z', '2029-12-30T00:00:00Z']) {
    assert.deepEqual(status(duty, at), open(null), at);
  }
  // A fresh feed carries the horizon on: Christmas 2028 is then the next change.
  const fresh = { 'england-and-wales': [{ date: '2028-12-25', label: 'Christmas Day' }] };
  assert.deepEqual(status(duty, '2028-06-01T10:00:00Z', fresh), open('2028-12-25T00:00:00.000Z'));
});

test('closures far ahead count too: closed for the day, then open for good', () => {
  const c: HelplineConfig = { ...always, closures: [{ date: '2029-06-01', label: 'Move to new offices' }] };
  assert.deepEqual(status(c, '2026-12-01T10:00:00Z'), open('2029-05-31T23:00:00.000Z'));
  assert.deepEqual(status(c, '2029-06-01T10:00:00Z'), closed('closure', '2029-06-01T23:00:00.000Z', 'Move to new offices'));
  assert.deepEqual(status(c, '2029-06-02T10:00:00Z'), open(null));
});

test('weekly hours long after the data: the next opening, not null', () => {
  // Mon 1 Jan 2035 (no bank holidays known for it): 09:00 GMT.
  assert.deepEqual(status(seed, '2035-01-01T08:00:00Z'), closed('outside-hours', '2035-01-01T09:00:00.000Z'));
  assert.deepEqual(status(seed, '2035-01-02T10:00:00Z'), closed('not-a-helpline-day', '2035-01-03T09:00:00.000Z'));
});

test('closed from now on: no hours at all, or only closed days left', () => {
  const none: HelplineConfig = { timeZone: 'Europe/London', weekly: {}, bankHolidays: 'england-and-wales' };
  assert.deepEqual(status(none, '2026-12-01T10:00:00Z'), closed('not-a-helpline-day', null));
  assert.deepEqual(status(none, '2026-12-25T10:00:00Z'), closed('bank-holiday', null, 'Christmas Day'));
  assert.deepEqual(status({ ...always, termTime: [] }, '2026-12-01T10:00:00Z'), closed('school-holiday', null));
});

test('fast: 1,000 calls each well under a second (it runs on every visibility change)', () => {
  const cases: [string, HelplineConfig][] = [
    ['a 24-hour line', always],
    ['a 24-hour line with bank holidays', { ...always, bankHolidays: 'england-and-wales' }],
    ['a term three years away', { ...seed, termTime: [{ from: '2029-09-03', to: '2029-10-19' }] }],
    ['the default Worcestershire config', seed],
  ];
  for (const [name, config] of cases) {
    // Best of three rounds: the machine running the tests may be busy with other work.
    let ms = Infinity;
    for (let round = 0; round < 3 && ms >= 250; round++) {
      const start = performance.now();
      // Instants 50 minutes apart over five weeks from 1 Dec 2026.
      for (let i = 0; i < 1000; i++) helplineStatus(config, new Date(Date.UTC(2026, 11, 1, 0, i * 50)));
      ms = Math.min(ms, performance.now() - start);
    }
    assert.ok(ms < 1000, `${name}: 1,000 calls took ${ms.toFixed(0)} ms`);
  }
});
