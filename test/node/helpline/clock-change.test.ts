// The clock-change rule ("compatible", as Temporal and RFC 5545) and the reason order, at the
// real 2026 and 2027 UK changes. device-zone.test.ts re-runs this file under other device zones.
// London: spring forward at 01:00 GMT (wall 01:00–01:59 does not exist), fall back at 02:00 BST
// (wall 01:00–01:59 happens twice, first BST then GMT).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HelplineConfig } from '../../../src/core/helpline/config.js';
import { helplineStatus } from '../../../src/core/helpline/status.js';
import { zonedInstant } from '../../../src/core/helpline/zoned-time.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;
function status(config: HelplineConfig, at: string) {
  const s = helplineStatus(config, new Date(at));
  return { ...s, nextChange: iso(s.nextChange) };
}
const open = (nextChange: string | null) => ({ open: true, reason: 'open', nextChange });
const closed = (reason: string, nextChange: string | null, label?: string) => ({
  open: false,
  reason,
  nextChange,
  ...(label === undefined ? {} : { label }),
});
const sunday = (ranges: string[]): HelplineConfig => ({ timeZone: 'Europe/London', weekly: { sun: ranges }, bankHolidays: false });

const SPRING = ['2026-03-29', '2027-03-28'];
const AUTUMN = ['2026-10-25', '2027-10-31'];

test('zonedInstant: a wall time in the spring gap moves forward by the gap; in the autumn overlap the earlier instant', () => {
  for (const day of SPRING) {
    assert.equal(iso(zonedInstant(day, 59, 'Europe/London')), `${day}T00:59:00.000Z`); // 00:59 GMT
    assert.equal(iso(zonedInstant(day, 60, 'Europe/London')), `${day}T01:00:00.000Z`); // 01:00 → 02:00 BST
    assert.equal(iso(zonedInstant(day, 90, 'Europe/London')), `${day}T01:30:00.000Z`); // 01:30 → 02:30 BST
    assert.equal(iso(zonedInstant(day, 120, 'Europe/London')), `${day}T01:00:00.000Z`); // 02:00 BST
  }
  for (const day of AUTUMN) {
    assert.equal(iso(zonedInstant(day, 60, 'Europe/London')), `${day}T00:00:00.000Z`); // 01:00 BST, not GMT
    assert.equal(iso(zonedInstant(day, 90, 'Europe/London')), `${day}T00:30:00.000Z`); // 01:30 BST
    assert.equal(iso(zonedInstant(day, 120, 'Europe/London')), `${day}T02:00:00.000Z`); // 02:00 GMT
  }
  // The same rule elsewhere: New York springs forward at 02:00 on 8 Mar 2026, falls back 1 Nov 2026.
  assert.equal(iso(zonedInstant('2026-03-08', 150, 'America/New_York')), '2026-03-08T07:30:00.000Z'); // 03:30 EDT
  assert.equal(iso(zonedInstant('2026-11-01', 90, 'America/New_York')), '2026-11-01T05:30:00.000Z'); // 01:30 EDT
});

test('a range opening inside the spring gap opens when the clocks have jumped (29 Mar 2026, 28 Mar 2027)', () => {
  const c = sunday(['01:30-03:00']);
  for (const day of SPRING) {
    // 01:30 does not exist: it opens at 02:30 BST (01:30Z) and closes at 03:00 BST (02:00Z).
    assert.deepEqual(status(c, `${day}T00:59:59Z`), closed('outside-hours', `${day}T01:30:00.000Z`), day);
    assert.deepEqual(status(c, `${day}T01:00:00Z`), closed('outside-hours', `${day}T01:30:00.000Z`), day);
    assert.deepEqual(status(c, `${day}T01:30:00Z`), open(`${day}T02:00:00.000Z`), day);
  }
});

test('a range wholly inside the spring gap is empty, and a break inside it closes nothing', () => {
  // 01:00–02:00 never happens on those Sundays: the next opening is the Sunday after (01:00 BST = 00:00Z).
  assert.deepEqual(status(sunday(['01:00-02:00']), '2026-03-28T12:00:00Z'), closed('not-a-helpline-day', '2026-04-05T00:00:00.000Z'));
  assert.deepEqual(status(sunday(['01:00-02:00']), '2027-03-28T00:30:00Z'), closed('outside-hours', '2027-04-04T00:00:00.000Z'));
  // 00:00–01:00 and 02:00–05:00 touch once 01:00 is read as 02:00 BST: open from midnight to 05:00 BST.
  const split = sunday(['00:00-01:00', '02:00-05:00']);
  assert.deepEqual(status(split, '2026-03-29T00:30:00Z'), open('2026-03-29T04:00:00.000Z'));
  assert.deepEqual(status(split, '2027-03-28T00:59:59Z'), open('2027-03-28T04:00:00.000Z'));
});

test('a boundary inside the autumn overlap is its first (BST) occurrence (25 Oct 2026, 31 Oct 2027)', () => {
  for (const day of AUTUMN) {
    // Opens at 01:30 BST (00:30Z), closes at 03:00 GMT (03:00Z): open through the repeated hour.
    const late = sunday(['01:30-03:00']);
    assert.deepEqual(status(late, `${day}T00:29:59Z`), closed('outside-hours', `${day}T00:30:00.000Z`), day);
    assert.deepEqual(status(late, `${day}T00:30:00Z`), open(`${day}T03:00:00.000Z`), day);
    assert.deepEqual(status(late, `${day}T01:15:00Z`), open(`${day}T03:00:00.000Z`), day); // 01:15 GMT
    // Closes at 01:30 BST (00:30Z): at 01:15 GMT the wall clock reads inside the range, but it has closed.
    const early = sunday(['00:00-01:30']);
    assert.deepEqual(status(early, `${day}T00:29:59Z`), open(`${day}T00:30:00.000Z`), day);
    assert.deepEqual(status(early, `${day}T00:30:00Z`).open, false, day);
    assert.deepEqual(status(early, `${day}T01:15:00Z`).open, false, day);
  }
});

test('a 24-hour line is unaffected by the clock changes (23- and 25-hour days)', () => {
  const c: HelplineConfig = { timeZone: 'Europe/London', weekly: { sat: ['00:00-24:00'], sun: ['00:00-24:00'] }, bankHolidays: false };
  // Sat 00:00 GMT to Mon 00:00 BST (Sun 23:00Z): 47 hours.
  assert.deepEqual(status(c, '2026-03-29T01:30:00Z'), open('2026-03-29T23:00:00.000Z'));
  assert.deepEqual(status(c, '2027-03-27T00:00:00Z'), open('2027-03-28T23:00:00.000Z'));
  // Sat 00:00 BST (Fri 23:00Z) to Mon 00:00 GMT: 49 hours.
  assert.deepEqual(status(c, '2026-10-25T01:30:00Z'), open('2026-10-26T00:00:00.000Z'));
  assert.deepEqual(status(c, '2027-10-29T23:00:00Z'), open('2027-11-01T00:00:00.000Z'));
  assert.deepEqual(status(c, '2027-10-29T22:59:59Z').open, false);
});

test('reason order: closure, bank-holiday, school-holiday, not-a-helpline-day, outside-hours', () => {
  // Each clock-change Sunday is made, one by one, everything at once.
  for (const day of [...SPRING, ...AUTUMN]) {
    const at = `${day}T12:00:00Z`;
    const base: HelplineConfig = {
      timeZone: 'Europe/London',
      weekly: { mon: ['09:00-17:00'] },
      bankHolidays: [day],
      termTime: [{ from: '2030-01-07', to: '2030-03-29' }], // the day is outside every term
      closures: [{ date: day, label: 'Clocks change' }],
    };
    assert.equal(status(base, at).reason, 'closure', day);
    assert.equal(status(base, at).label, 'Clocks change', day);
    const { closures: _c, ...noClosure } = base;
    assert.deepEqual(status(noClosure, at), closed('bank-holiday', '2030-01-07T09:00:00.000Z', 'Bank holiday'), day);
    const noHoliday = { ...noClosure, bankHolidays: false as const };
    assert.deepEqual(status(noHoliday, at), closed('school-holiday', '2030-01-07T09:00:00.000Z'), day);
    const { termTime: _t, ...noTerm } = noHoliday;
    assert.equal(status(noTerm, at).reason, 'not-a-helpline-day', day);
    const sundayHours = { ...noTerm, weekly: { sun: ['06:00-08:00'] } };
    assert.equal(status(sundayHours, at).reason, 'outside-hours', day);
    // And open wins over nothing: in its hours the day is open.
    assert.equal(status(sundayHours, `${day}T06:30:00Z`).open, true, day);
  }
});
