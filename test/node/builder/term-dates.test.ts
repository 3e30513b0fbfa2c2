import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCellDate, parseIcs, parseSpreadsheet } from '../../../src/builder/term-dates.js';

test('iCalendar: all-day events become inclusive ranges (DTEND is exclusive), folded lines and escapes read, timed events left out and said so', () => {
  const r = parseIcs(readFileSync('test/fixtures/term-dates.ics', 'utf8'));
  assert.deepEqual(r.ranges, [
    { from: '2026-09-02', to: '2026-10-23', label: 'Autumn term 1' },
    { from: '2026-11-02', to: '2026-12-18', label: 'Autumn term 2, before Christmas' },
    { from: '2027-01-05', to: '2027-02-12', label: 'Spring term 1' },
  ]);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!, /Staff meeting.*time of day/);
});

test('iCalendar: a one-day event without DTEND, a month end, a file that is not a calendar, a bad date', () => {
  const one = parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270301\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270226\nDTEND;VALUE=DATE:20270301\nEND:VEVENT\nEND:VCALENDAR');
  assert.deepEqual(one.ranges, [
    { from: '2027-02-26', to: '2027-02-28' },
    { from: '2027-03-01', to: '2027-03-01' },
  ]);
  assert.match(parseIcs('Term,From,To').problems[0]!, /no events/);
  assert.match(parseIcs('BEGIN:VEVENT\nSUMMARY:X\nDTSTART;VALUE=DATE:20270230\nEND:VEVENT').problems[0]!, /“X”: it has no start date/);
});

test('spreadsheet cells: ISO, UK day-first, two-digit years and written months; impossible dates refused', () => {
  assert.equal(parseCellDate('2026-09-02'), '2026-09-02');
  assert.equal(parseCellDate('02/09/2026'), '2026-09-02');
  assert.equal(parseCellDate('2/9/26'), '2026-09-02');
  assert.equal(parseCellDate('Wed 2 September 2026'), '2026-09-02');
  assert.equal(parseCellDate('23rd Oct 2026'), '2026-10-23');
  assert.equal(parseCellDate('31/02/2026'), null);
  assert.equal(parseCellDate('Autumn'), null);
});

test('spreadsheet paste: tab-separated rows with a heading row and labels; a row with one date is one day; problems per row', () => {
  const r = parseSpreadsheet('Term\tStarts\tEnds\nAutumn 1\t02/09/2026\t23/10/2026\nAutumn 2\t2 November 2026\t18 December 2026\nINSET\t04/01/2027\n\nSpring\t20/02/2027\t05/01/2027\nbroken row\n');
  assert.deepEqual(r.ranges, [
    { from: '2026-09-02', to: '2026-10-23', label: 'Autumn 1' },
    { from: '2026-11-02', to: '2026-12-18', label: 'Autumn 2' },
    { from: '2027-01-04', to: '2027-01-04', label: 'INSET' },
  ]);
  assert.deepEqual(r.problems, [
    'Row 6: the term ends (2027-01-05) before it starts (2027-02-20).',
    'Row 7: no date we can read in “broken row”. Use dates like 2026-09-02 or 02/09/2026.',
  ]);
  assert.deepEqual(parseSpreadsheet('2026-09-02,2026-10-23').ranges, [{ from: '2026-09-02', to: '2026-10-23' }]);
});
