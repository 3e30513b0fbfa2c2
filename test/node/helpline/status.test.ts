// helplineStatus: the contract in docs/architecture.md#contracts, the rules of docs/law.md#the-helpline. All instants are written in UTC
// (Z) so the expectations do not depend on the machine running the tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HelplineConfig } from '../../../src/core/helpline/config.js';
import { seed, termly } from './fixtures.js';
import { helplineStatus, type HelplineStatus } from '../../../src/core/helpline/status.js';


/** The status as plain JSON, for one readable deepEqual per case. */
function status(config: HelplineConfig, at: string, holidays?: Parameters<typeof helplineStatus>[2]) {
  const s: HelplineStatus = helplineStatus(config, new Date(at), holidays);
  return { ...s, nextChange: s.nextChange?.toISOString() ?? null };
}
const open = (nextChange: string) => ({ open: true, reason: 'open', nextChange });
const closed = (reason: string, nextChange: string | null, label?: string) => ({
  open: false,
  reason,
  nextChange,
  ...(label === undefined ? {} : { label }),
});

test('a Monday in term (GMT): the boundaries of both ranges, start inclusive, end exclusive', () => {
  assert.deepEqual(status(termly, '2026-11-16T08:59:59.999Z'), closed('outside-hours', '2026-11-16T09:00:00.000Z'));
  assert.deepEqual(status(termly, '2026-11-16T08:59:59Z'), closed('outside-hours', '2026-11-16T09:00:00.000Z'));
  assert.deepEqual(status(termly, '2026-11-16T09:00:00Z'), open('2026-11-16T12:30:00.000Z'));
  assert.deepEqual(status(termly, '2026-11-16T12:29:00Z'), open('2026-11-16T12:30:00.000Z'));
  // Lunch: closed, back at 13:00.
  assert.deepEqual(status(termly, '2026-11-16T12:30:00Z'), closed('outside-hours', '2026-11-16T13:00:00.000Z'));
  assert.deepEqual(status(termly, '2026-11-16T13:00:00Z'), open('2026-11-16T16:30:00.000Z'));
  // 16:30 closes; Tuesday is not a helpline day, so next is Wednesday 09:00.
  assert.deepEqual(status(termly, '2026-11-16T16:30:00Z'), closed('outside-hours', '2026-11-18T09:00:00.000Z'));
});

test('in summer time (BST) the hours are London wall time: 09:00 BST is 08:00Z', () => {
  assert.deepEqual(status(seed, '2026-06-17T07:59:00Z'), closed('outside-hours', '2026-06-17T08:00:00.000Z'));
  assert.deepEqual(status(seed, '2026-06-17T08:00:00Z'), open('2026-06-17T11:30:00.000Z'));
  assert.deepEqual(status(seed, '2026-06-17T15:29:59Z'), open('2026-06-17T15:30:00.000Z'));
});

test('Tuesday and the weekend are not helpline days', () => {
  assert.deepEqual(status(seed, '2026-11-17T10:00:00Z'), closed('not-a-helpline-day', '2026-11-18T09:00:00.000Z'));
  assert.deepEqual(status(seed, '2026-11-21T10:00:00Z'), closed('not-a-helpline-day', '2026-11-23T09:00:00.000Z'));
  assert.deepEqual(status(seed, '2026-11-22T23:59:59Z'), closed('not-a-helpline-day', '2026-11-23T09:00:00.000Z'));
});

test('bank holidays close the helpline and are named: Christmas, Boxing Day, Good Friday', () => {
  // Fri 25 Dec 2026; Boxing Day is substituted to Mon 28 Dec, so the next opening is Wed 30 Dec.
  assert.deepEqual(status(seed, '2026-12-25T10:00:00Z'), closed('bank-holiday', '2026-12-30T09:00:00.000Z', 'Christmas Day'));
  assert.deepEqual(status(seed, '2026-12-28T10:00:00Z'), closed('bank-holiday', '2026-12-30T09:00:00.000Z', 'Boxing Day'));
  // Good Friday 3 Apr 2026, Easter Monday 6 Apr: next Wed 8 Apr 09:00 BST.
  assert.deepEqual(status(seed, '2026-04-03T08:30:00Z'), closed('bank-holiday', '2026-04-08T08:00:00.000Z', 'Good Friday'));
  // Wednesday before Easter, at closing time: Good Friday and Easter Monday are skipped.
  assert.deepEqual(status(seed, '2026-04-01T15:30:00Z'), closed('outside-hours', '2026-04-08T08:00:00.000Z'));
});

test('bankHolidays: false, an explicit list, another division', () => {
  assert.deepEqual(status({ ...seed, bankHolidays: false }, '2026-12-25T10:00:00Z'), open('2026-12-25T12:30:00.000Z'));
  assert.deepEqual(
    status({ ...seed, bankHolidays: ['2026-11-18'] }, '2026-11-18T10:00:00Z'),
    closed('bank-holiday', '2026-11-20T09:00:00.000Z', 'Bank holiday'),
  );
  // St Andrew's Day is substituted to Mon 30 Nov 2026 in Scotland only.
  const scotland = { ...seed, bankHolidays: 'scotland' } as const;
  assert.deepEqual(status(scotland, '2026-11-30T10:00:00Z'), closed('bank-holiday', '2026-12-02T09:00:00.000Z', 'St Andrew’s Day'));
  assert.deepEqual(status(seed, '2026-11-30T10:00:00Z'), open('2026-11-30T12:30:00.000Z'));
});

test('term time: last day of term open, then school holiday until the first day of next term', () => {
  assert.deepEqual(status(termly, '2026-10-23T09:00:00Z'), open('2026-10-23T11:30:00.000Z'));
  // Fri 23 Oct 16:30 BST = 15:30Z; the next term starts Mon 2 Nov, 09:00 GMT.
  assert.deepEqual(status(termly, '2026-10-23T15:30:00Z'), closed('outside-hours', '2026-11-02T09:00:00.000Z'));
  assert.deepEqual(status(termly, '2026-10-26T10:00:00Z'), closed('school-holiday', '2026-11-02T09:00:00.000Z'));
  assert.deepEqual(status(termly, '2026-11-02T09:00:00Z'), open('2026-11-02T12:30:00.000Z'));
  // Before the first term too (Tue 1 Sep; Mon 31 Aug is a bank holiday).
  assert.deepEqual(status(termly, '2026-09-01T10:00:00Z'), closed('school-holiday', '2026-09-02T08:00:00.000Z'));
});

test('no more term dates: closed with no next change', () => {
  assert.deepEqual(status(termly, '2026-12-18T15:00:00Z'), open('2026-12-18T16:30:00.000Z'));
  assert.deepEqual(status(termly, '2026-12-18T16:30:00Z'), closed('outside-hours', null));
  assert.deepEqual(status(termly, '2026-12-21T10:00:00Z'), closed('school-holiday', null));
  assert.deepEqual(status({ ...seed, termTime: [] }, '2026-11-16T10:00:00Z'), closed('school-holiday', null));
});

test('a closure with a label; priority closure > bank holiday > school holiday > not a helpline day', () => {
  assert.deepEqual(status(termly, '2026-12-16T10:00:00Z'), closed('closure', '2026-12-18T09:00:00.000Z', 'Staff training'));
  assert.deepEqual(status(termly, '2026-12-14T16:45:00Z'), closed('outside-hours', '2026-12-18T09:00:00.000Z'));
  const unlabelled = { ...seed, closures: [{ date: '2026-12-25' }] };
  assert.deepEqual(status(unlabelled, '2026-12-25T10:00:00Z'), closed('closure', '2026-12-30T09:00:00.000Z'));
  // Christmas is outside term and a bank holiday: the bank holiday is the reason given.
  assert.deepEqual(status(termly, '2026-12-25T10:00:00Z'), closed('bank-holiday', null, 'Christmas Day'));
  // A Tuesday in half term: school holiday, not "not a helpline day".
  assert.deepEqual(status(termly, '2026-10-27T10:00:00Z'), closed('school-holiday', '2026-11-02T09:00:00.000Z'));
});

test('October 2026 clock change (Sun 25 Oct): Friday 16:30 BST is 15:30Z, Monday 09:00 GMT is 09:00Z', () => {
  assert.deepEqual(status(seed, '2026-10-23T15:29:59Z'), open('2026-10-23T15:30:00.000Z'));
  assert.deepEqual(status(seed, '2026-10-23T15:30:00Z'), closed('outside-hours', '2026-10-26T09:00:00.000Z'));
  assert.deepEqual(status(seed, '2026-10-25T01:30:00Z'), closed('not-a-helpline-day', '2026-10-26T09:00:00.000Z'));
  assert.deepEqual(status(seed, '2026-10-26T08:59:59Z'), closed('outside-hours', '2026-10-26T09:00:00.000Z'));
  assert.deepEqual(status(seed, '2026-10-26T09:00:00Z'), open('2026-10-26T12:30:00.000Z'));
});

test('March 2027 clock change (Sun 28 Mar): Monday 29 March 09:00 BST is 08:00Z', () => {
  // Without bank holidays: Friday 26 Mar 16:30 GMT, then Monday 09:00 BST.
  const plain = { ...seed, bankHolidays: false } as const;
  assert.deepEqual(status(plain, '2027-03-26T16:30:00Z'), closed('outside-hours', '2027-03-29T08:00:00.000Z'));
  assert.deepEqual(status(plain, '2027-03-29T08:00:00Z'), open('2027-03-29T11:30:00.000Z'));
  assert.deepEqual(status(plain, '2027-03-29T07:59:59Z'), closed('outside-hours', '2027-03-29T08:00:00.000Z'));
  // With England and Wales holidays 26 and 29 March 2027 are Good Friday and Easter Monday.
  assert.deepEqual(status(seed, '2027-03-24T16:30:00Z'), closed('outside-hours', '2027-03-31T08:00:00.000Z'));
  assert.deepEqual(status(seed, '2027-03-29T08:00:00Z'), closed('bank-holiday', '2027-03-31T08:00:00.000Z', 'Easter Monday'));
});

test('a non-London time zone: weekdays and hours are read in that zone', () => {
  const ny: HelplineConfig = { timeZone: 'America/New_York', weekly: { mon: ['09:00-17:00'] }, bankHolidays: false };
  // Mon 2 Nov 2026, the day after US clocks went back: 09:00 EST = 14:00Z.
  assert.deepEqual(status(ny, '2026-11-02T13:59:59Z'), closed('outside-hours', '2026-11-02T14:00:00.000Z'));
  assert.deepEqual(status(ny, '2026-11-02T14:00:00Z'), open('2026-11-02T22:00:00.000Z'));
  // Mon 26 Oct 2026, still EDT: 09:00 = 13:00Z; at 03:00Z it is still Sunday in New York.
  assert.deepEqual(status(ny, '2026-10-26T03:00:00Z'), closed('not-a-helpline-day', '2026-10-26T13:00:00.000Z'));
  // Sydney (AEDT, +11): Monday 09:00 is Sunday 22:00Z.
  const sydney: HelplineConfig = { ...ny, timeZone: 'Australia/Sydney' };
  assert.deepEqual(status(sydney, '2026-11-15T22:00:00Z'), open('2026-11-16T06:00:00.000Z'));
  // Kolkata (+05:30).
  const kolkata: HelplineConfig = { ...ny, timeZone: 'Asia/Kolkata' };
  assert.deepEqual(status(kolkata, '2026-11-16T03:30:00Z'), open('2026-11-16T11:30:00.000Z'));
});

test('touching and overlapping ranges merge, also across midnight', () => {
  const c: HelplineConfig = {
    timeZone: 'Europe/London',
    weekly: { mon: ['12:00-17:00', '09:00-12:00', '10:00-11:00'], sat: ['20:00-24:00'], sun: ['00:00-02:00'] },
    bankHolidays: false,
  };
  assert.deepEqual(status(c, '2026-11-16T11:59:00Z'), open('2026-11-16T17:00:00.000Z'));
  assert.deepEqual(status(c, '2026-11-21T23:00:00Z'), open('2026-11-22T02:00:00.000Z'));
  assert.deepEqual(status(c, '2026-11-22T01:00:00Z'), open('2026-11-22T02:00:00.000Z'));
});

test('no hours at all: closed, no next change', () => {
  const none: HelplineConfig = { timeZone: 'Europe/London', weekly: {}, bankHolidays: false };
  assert.deepEqual(status(none, '2026-11-16T10:00:00Z'), closed('not-a-helpline-day', null));
});

test('a fresh GOV.UK feed (third argument) adds years beyond the snapshot', () => {
  // Mon 25 Dec 2028 is past the bundled snapshot (2025–2027).
  assert.deepEqual(status(seed, '2028-12-25T10:00:00Z'), open('2028-12-25T12:30:00.000Z'));
  const fresh = { 'england-and-wales': [{ date: '2028-12-25', label: 'Christmas Day' }] };
  assert.deepEqual(status(seed, '2028-12-25T10:00:00Z', fresh), closed('bank-holiday', '2028-12-27T09:00:00.000Z', 'Christmas Day'));
});

test('the input Date and config are not mutated', () => {
  const at = new Date('2026-11-16T10:00:00Z');
  const config = structuredClone(termly);
  helplineStatus(config, at);
  assert.equal(at.toISOString(), '2026-11-16T10:00:00.000Z');
  assert.deepEqual(config, termly);
});
