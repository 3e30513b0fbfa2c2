// The bundled GOV.UK snapshot and the fresh-feed reader (docs/law.md#bank-holidays).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { BANK_HOLIDAY_DIVISIONS, bankHolidays, snapshotBankHolidays } from '../../../src/core/helpline/bank-holidays.js';
import { parseBankHolidayFeed } from '../../../src/core/helpline/bank-holidays-feed.js';

// A verbatim copy of https://www.gov.uk/bank-holidays.json (Open Government Licence v3.0).
const FEED = resolve(import.meta.dirname, '../../fixtures/bank-holidays.json');
const FIRST_YEAR = '2025';

test('the snapshot equals the GOV.UK feed copy from 2025 on', () => {
  const feed = JSON.parse(readFileSync(FEED, 'utf8')) as Record<string, { events: { title: string; date: string }[] }>;
  assert.deepEqual(BANK_HOLIDAY_DIVISIONS, Object.keys(feed));
  for (const division of BANK_HOLIDAY_DIVISIONS) {
    const expected = feed[division]!.events
      .filter((e) => e.date >= FIRST_YEAR)
      .map((e) => ({ date: e.date, label: e.title }));
    assert.deepEqual(snapshotBankHolidays(division), expected, division);
  }
  // And the reader gives the same records for the same years.
  const parsed = parseBankHolidayFeed(feed);
  assert.deepEqual(
    parsed['england-and-wales']!.filter((h) => h.date >= FIRST_YEAR),
    snapshotBankHolidays('england-and-wales'),
  );
});

test('known England and Wales dates are in the snapshot', () => {
  const ew = new Map(snapshotBankHolidays('england-and-wales').map((h) => [h.date, h.label]));
  assert.equal(ew.get('2026-12-25'), 'Christmas Day');
  assert.equal(ew.get('2026-12-28'), 'Boxing Day');
  assert.equal(ew.get('2026-04-03'), 'Good Friday');
  assert.equal(ew.get('2027-03-29'), 'Easter Monday');
  assert.equal(ew.get('2026-11-30'), undefined);
  assert.equal(snapshotBankHolidays('england-and-wales'), snapshotBankHolidays('england-and-wales'), 'decoded once');
});

test('a fresh feed replaces the years it covers and keeps the snapshot for the others', () => {
  const fresh = parseBankHolidayFeed({
    'england-and-wales': {
      division: 'england-and-wales',
      events: [
        { title: 'Christmas Day', date: '2027-12-27', notes: '', bunting: true }, // moved, say
        { title: 'New Year’s Day', date: '2028-01-03', notes: 'Substitute day', bunting: true },
      ],
    },
  });
  assert.deepEqual(Object.keys(fresh), ['england-and-wales']);
  const merged = bankHolidays('england-and-wales', fresh);
  const dates = merged.map((h) => h.date);
  assert.ok(dates.includes('2026-12-25'), 'snapshot 2026 kept');
  assert.ok(!dates.includes('2027-03-29'), 'snapshot 2027 replaced by the fresh 2027');
  assert.deepEqual(dates.slice(-2), ['2027-12-27', '2028-01-03']);
  assert.deepEqual(dates, [...dates].sort());
  // Other divisions and an empty fresh list fall back to the snapshot.
  assert.equal(bankHolidays('scotland', fresh), snapshotBankHolidays('scotland'));
  assert.equal(bankHolidays('scotland', { scotland: [] }), snapshotBankHolidays('scotland'));
});

test('a bad feed throws a TypeError naming the fault, so the caller keeps the snapshot', () => {
  const bad: [unknown, RegExp][] = [
    [null, /no division/],
    ['<html>', /no division/],
    [{}, /no division/],
    [{ 'england-and-wales': { events: 'x' } }, /england-and-wales\.events is not a list/],
    [{ 'england-and-wales': { events: [{ title: 'X', date: '2026-02-30' }] } }, /england-and-wales\.events\.0/],
    [{ scotland: { events: [{ title: 'X', date: '2026-01-01' }, null] } }, /scotland\.events\.1/],
    [{ 'northern-ireland': { events: [{ date: '2026-01-01' }] } }, /northern-ireland\.events\.0/],
  ];
  for (const [feed, message] of bad) assert.throws(() => parseBankHolidayFeed(feed), { name: 'TypeError', message }, JSON.stringify(feed));
});
