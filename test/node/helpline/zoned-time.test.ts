// Wall-clock arithmetic in IANA zones, through Intl only (the device zone must never matter).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays,
  formatMinutes,
  isIsoDate,
  isValidTimeZone,
  parseRange,
  weekdayOf,
  zonedInstant,
  zonedParts,
} from '../../../src/core/helpline/zoned-time.js';

const iso = (d: Date) => d.toISOString();

test('zonedParts reads the date, minutes and weekday in the given zone', () => {
  assert.deepEqual(zonedParts(new Date('2026-06-17T23:30:00Z'), 'Europe/London'), { date: '2026-06-18', minutes: 30, weekday: 3 });
  assert.deepEqual(zonedParts(new Date('2026-12-17T23:30:00Z'), 'Europe/London'), { date: '2026-12-17', minutes: 1410, weekday: 3 });
  assert.deepEqual(zonedParts(new Date('2026-11-15T22:00:00Z'), 'Australia/Sydney'), { date: '2026-11-16', minutes: 540, weekday: 0 });
  assert.deepEqual(zonedParts(Date.parse('2026-11-16T00:00:00Z'), 'Europe/London'), { date: '2026-11-16', minutes: 0, weekday: 0 });
});

test('zonedInstant: ordinary times in GMT and BST', () => {
  assert.equal(iso(zonedInstant('2026-11-16', 540, 'Europe/London')), '2026-11-16T09:00:00.000Z');
  assert.equal(iso(zonedInstant('2026-06-17', 540, 'Europe/London')), '2026-06-17T08:00:00.000Z');
  assert.equal(iso(zonedInstant('2026-06-17', 1440, 'Europe/London')), '2026-06-17T23:00:00.000Z');
  assert.equal(iso(zonedInstant('2026-11-16', 570, 'Asia/Kolkata')), '2026-11-16T04:00:00.000Z');
});

test('zonedInstant: in a DST gap the time moves forward by the gap', () => {
  // 28 Mar 2027: 01:00 GMT becomes 02:00 BST. 01:30 does not exist: it means 02:30 BST.
  assert.equal(iso(zonedInstant('2027-03-28', 90, 'Europe/London')), '2027-03-28T01:30:00.000Z');
  assert.equal(iso(zonedInstant('2027-03-28', 60, 'Europe/London')), '2027-03-28T01:00:00.000Z');
  assert.equal(iso(zonedInstant('2027-03-28', 120, 'Europe/London')), '2027-03-28T01:00:00.000Z');
  assert.equal(iso(zonedInstant('2027-03-28', 59, 'Europe/London')), '2027-03-28T00:59:00.000Z');
});

test('zonedInstant: in a DST overlap the earlier instant wins', () => {
  // 25 Oct 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice (00:30Z and 01:30Z).
  assert.equal(iso(zonedInstant('2026-10-25', 90, 'Europe/London')), '2026-10-25T00:30:00.000Z');
  assert.equal(zonedParts(new Date('2026-10-25T00:30:00Z'), 'Europe/London').minutes, 90);
  assert.equal(zonedParts(new Date('2026-10-25T01:30:00Z'), 'Europe/London').minutes, 90);
  assert.equal(iso(zonedInstant('2026-10-25', 120, 'Europe/London')), '2026-10-25T02:00:00.000Z');
});

test('zonedInstant round-trips every quarter hour across both 2026/27 London clock changes', () => {
  for (const date of ['2026-10-24', '2026-10-25', '2026-10-26', '2027-03-27', '2027-03-28', '2027-03-29']) {
    for (let m = 0; m < 1440; m += 15) {
      const at = zonedInstant(date, m, 'Europe/London');
      const back = zonedParts(at, 'Europe/London');
      const inGap = date === '2027-03-28' && m >= 60 && m < 120;
      assert.deepEqual([back.date, back.minutes], [date, inGap ? m + 60 : m], `${date} ${formatMinutes(m)}`);
    }
  }
});

test('civil date helpers', () => {
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2028-03-01', -1), '2028-02-29');
  assert.equal(addDays('2026-10-25', 1), '2026-10-26');
  assert.equal(weekdayOf('2026-11-16'), 0);
  assert.equal(weekdayOf('2026-11-22'), 6);
  assert.equal(isIsoDate('2028-02-29'), true);
  for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '26-01-01', 'abc', '', '2026-01-01T00:00']) {
    assert.equal(isIsoDate(bad), false, bad);
  }
  assert.equal(isValidTimeZone('Europe/London'), true);
  assert.equal(isValidTimeZone('Mars/Base'), false);
  assert.equal(isValidTimeZone(''), false);
});

test('parseRange reads HH:MM-HH:MM between 00:00 and 24:00', () => {
  assert.deepEqual(parseRange('09:00-12:30'), [540, 750]);
  assert.deepEqual(parseRange('00:00-24:00'), [0, 1440]);
  for (const bad of ['9-12:30', '9:00-12:30', '09:00–12:30', '09:00 - 12:30', '24:01-24:30', '09:60-10:00', '25:00-26:00']) {
    assert.equal(parseRange(bad), undefined, bad);
  }
  assert.equal(formatMinutes(540), '09:00');
  assert.equal(formatMinutes(1440), '24:00');
});
