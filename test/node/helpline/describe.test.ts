// The component's view-model and the JSON-LD: the wording decisions live in core, not in the component.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HelplineConfig } from '../../../src/core/helpline/config.js';
import { seed, termly } from './fixtures.js';
import { describeHelpline, groupedWeeklyHours, weeklyHours } from '../../../src/core/helpline/describe.js';
import { openingHoursJsonLd, upcomingExceptions } from '../../../src/core/helpline/json-ld.js';

const view = (config: HelplineConfig, at: string) => JSON.parse(JSON.stringify(describeHelpline(config, new Date(at))));

test('open: closes at the end of the range', () => {
  assert.deepEqual(view(seed, '2026-11-16T10:00:00Z'), {
    state: 'open',
    closesAt: '2026-11-16T12:30:00.000Z',
    lastDay: '2026-11-16',
    daysLeft: 0,
    atMidnight: false,
    refreshAt: '2026-11-16T12:30:00.000Z',
  });
});

const allWeek = (ranges: string[]) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ranges]));

test('open 24 hours: no closing time at all, refreshed at midnight', () => {
  const always: HelplineConfig = { timeZone: 'Europe/London', weekly: allWeek(['00:00-24:00']), bankHolidays: false };
  assert.deepEqual(view(always, '2026-11-16T10:00:00Z'), {
    state: 'open',
    closesAt: null,
    lastDay: '2026-11-16',
    daysLeft: 0,
    atMidnight: false,
    refreshAt: '2026-11-17T00:00:00.000Z',
  });
});

test('open for days: the last open day is named, a close at 00:00 ends the day before', () => {
  // 24 hours every day but bank holidays: open until Christmas Day begins, i.e. to the end of Thu 24 Dec.
  const dutyTeam: HelplineConfig = { timeZone: 'Europe/London', weekly: allWeek(['00:00-24:00']), bankHolidays: 'england-and-wales' };
  assert.deepEqual(view(dutyTeam, '2026-12-20T10:00:00Z'), {
    state: 'open',
    closesAt: '2026-12-25T00:00:00.000Z',
    lastDay: '2026-12-24',
    daysLeft: 4,
    atMidnight: true,
    refreshAt: '2026-12-21T00:00:00.000Z',
  });
  // Weeks away (from 4 Sep 2026 to Christmas, in BST then GMT).
  const far = describeHelpline(dutyTeam, new Date('2026-09-04T10:00:00Z'));
  assert.ok(far.state === 'open' && far.daysLeft === 111 && far.lastDay === '2026-12-24' && far.atMidnight);
  // Friday 17:00 after a weekend line: Fri 17:00 to Mon 09:00 (out of hours), seen on Saturday.
  const weekend: HelplineConfig = {
    timeZone: 'Europe/London',
    weekly: { fri: ['17:00-24:00'], sat: ['00:00-24:00'], sun: ['00:00-24:00'], mon: ['00:00-09:00'] },
    bankHolidays: false,
  };
  assert.deepEqual(view(weekend, '2026-11-21T10:00:00Z'), {
    state: 'open',
    closesAt: '2026-11-23T09:00:00.000Z',
    lastDay: '2026-11-23',
    daysLeft: 2,
    atMidnight: false,
    refreshAt: '2026-11-22T00:00:00.000Z',
  });
  // Open until midnight today: daysLeft 0 with atMidnight.
  const late: HelplineConfig = { timeZone: 'Europe/London', weekly: { mon: ['18:00-24:00'] }, bankHolidays: false };
  const v = describeHelpline(late, new Date('2026-11-16T20:00:00Z'));
  assert.ok(v.state === 'open' && v.daysLeft === 0 && v.atMidnight && v.lastDay === '2026-11-16');
});

test('closed from now on: no opening date is made up', () => {
  const none: HelplineConfig = { timeZone: 'Europe/London', weekly: {}, bankHolidays: false };
  assert.deepEqual(view(none, '2026-11-16T10:00:00Z'), {
    state: 'closed',
    reason: 'not-a-helpline-day',
    opensAt: null,
    opensToday: false,
    refreshAt: '2026-11-17T00:00:00.000Z',
  });
});

test('break: closed between two ranges of the same day (lunch)', () => {
  assert.deepEqual(view(seed, '2026-11-16T12:30:00Z'), {
    state: 'break',
    reopensAt: '2026-11-16T13:00:00.000Z',
    refreshAt: '2026-11-16T13:00:00.000Z',
  });
});

test('closed before opening today: opensToday', () => {
  assert.deepEqual(view(seed, '2026-11-16T07:00:00Z'), {
    state: 'closed',
    reason: 'outside-hours',
    opensAt: '2026-11-16T09:00:00.000Z',
    opensToday: true,
    refreshAt: '2026-11-16T09:00:00.000Z',
  });
});

test('closed for the day: refresh at the next London midnight (BST: 23:00Z)', () => {
  assert.deepEqual(view(seed, '2026-06-17T16:00:00Z'), {
    state: 'closed',
    reason: 'outside-hours',
    opensAt: '2026-06-19T08:00:00.000Z',
    opensToday: false,
    refreshAt: '2026-06-17T23:00:00.000Z',
  });
  assert.deepEqual(view(seed, '2026-11-17T10:00:00Z'), {
    state: 'closed',
    reason: 'not-a-helpline-day',
    opensAt: '2026-11-18T09:00:00.000Z',
    opensToday: false,
    refreshAt: '2026-11-18T00:00:00.000Z',
  });
});

test('closed with a label, and with no next opening', () => {
  assert.deepEqual(view(seed, '2026-12-25T10:00:00Z'), {
    state: 'closed',
    reason: 'bank-holiday',
    label: 'Christmas Day',
    opensAt: '2026-12-30T09:00:00.000Z',
    opensToday: false,
    refreshAt: '2026-12-26T00:00:00.000Z',
  });
  assert.deepEqual(view(termly, '2026-12-16T08:00:00Z'), {
    state: 'closed',
    reason: 'closure',
    label: 'Staff training',
    opensAt: '2026-12-18T09:00:00.000Z',
    opensToday: false,
    refreshAt: '2026-12-17T00:00:00.000Z',
  });
  assert.deepEqual(view(termly, '2026-12-21T10:00:00Z'), {
    state: 'closed',
    reason: 'school-holiday',
    opensAt: null,
    opensToday: false,
    refreshAt: '2026-12-22T00:00:00.000Z',
  });
});

test('weeklyHours: Monday first, merged, days without hours left out; grouped by identical hours', () => {
  const hours = [{ from: '09:00', to: '12:30' }, { from: '13:00', to: '16:30' }];
  assert.deepEqual(weeklyHours(seed), [
    { day: 'mon', ranges: hours },
    { day: 'wed', ranges: hours },
    { day: 'fri', ranges: hours },
  ]);
  assert.deepEqual(groupedWeeklyHours(seed), [{ days: ['mon', 'wed', 'fri'], ranges: hours }]);
  const mixed: HelplineConfig = {
    ...seed,
    weekly: { sun: ['10:00-11:00'], tue: ['13:00-14:00', '09:00-12:00', '12:00-13:00'], mon: ['10:00-11:00'] },
  };
  assert.deepEqual(groupedWeeklyHours(mixed), [
    { days: ['mon', 'sun'], ranges: [{ from: '10:00', to: '11:00' }] },
    { days: ['tue'], ranges: [{ from: '09:00', to: '14:00' }] },
  ]);
});

test('upcomingExceptions: closed helpline days ahead, in date order', () => {
  assert.deepEqual(upcomingExceptions(seed, new Date('2026-12-01T12:00:00Z'), 35), [
    { date: '2026-12-25', reason: 'bank-holiday', label: 'Christmas Day' },
    { date: '2026-12-28', reason: 'bank-holiday', label: 'Boxing Day' },
    { date: '2027-01-01', reason: 'bank-holiday', label: 'New Year’s Day' },
  ]);
  // (Sat 26 Dec, the real Boxing Day, is not a helpline day: not listed.) A closure is listed.
  assert.deepEqual(upcomingExceptions(termly, new Date('2026-12-14T12:00:00Z'), 7), [
    { date: '2026-12-16', reason: 'closure', label: 'Staff training' },
  ]);
  // With term dates, helpline days in the holidays are listed too (half term, 26–30 Oct).
  assert.deepEqual(
    upcomingExceptions(termly, new Date('2026-10-22T12:00:00Z'), 10).map((e) => `${e.date} ${e.reason}`),
    ['2026-10-26 school-holiday', '2026-10-28 school-holiday', '2026-10-30 school-holiday'],
  );
});

test('openingHoursJsonLd: weekly specs per range and closed special days', () => {
  const ld = openingHoursJsonLd(seed, new Date('2026-12-01T12:00:00Z'), {
    name: 'School attendance helpline',
    telephone: '01905 844 440',
    email: 'cme@worcestershire.gov.uk',
    weeks: 5,
  });
  assert.equal(ld['@context'], 'https://schema.org');
  assert.equal(ld['@type'], 'GovernmentService');
  assert.equal(ld.name, 'School attendance helpline');
  assert.equal(ld.availableChannel.servicePhone.telephone, '01905 844 440');
  assert.equal(ld.availableChannel.servicePhone.email, 'cme@worcestershire.gov.uk');
  assert.equal(ld.hoursAvailable.length, 6 + 3);
  assert.deepEqual(ld.hoursAvailable[0], {
    '@type': 'OpeningHoursSpecification',
    dayOfWeek: 'https://schema.org/Monday',
    opens: '09:00',
    closes: '12:30',
  });
  assert.deepEqual(
    ld.hoursAvailable.slice(0, 6).map((s) => s.dayOfWeek),
    ['Monday', 'Monday', 'Wednesday', 'Wednesday', 'Friday', 'Friday'].map((d) => `https://schema.org/${d}`),
  );
  assert.deepEqual(ld.hoursAvailable[6], {
    '@type': 'OpeningHoursSpecification',
    validFrom: '2026-12-25',
    validThrough: '2026-12-25',
    opens: '00:00',
    closes: '00:00',
    description: 'Christmas Day',
  });
  // Default window: 8 weeks. It serialises cleanly.
  const json = JSON.stringify(openingHoursJsonLd(seed, new Date('2026-12-01T12:00:00Z'), { name: 'x', telephone: '1' }));
  assert.ok(json.includes('"validFrom":"2027-01-01"'));
});

test('openingHoursJsonLd: a range to midnight closes at 23:59:59 (24:00 is no schema.org Time); a whole day is 00:00:00–23:59:59', () => {
  const specs = (config: HelplineConfig) =>
    openingHoursJsonLd(config, new Date('2026-12-01T12:00:00Z'), { name: 'x', telephone: '1', weeks: 0 }).hoursAvailable.map(
      (s) => `${s.dayOfWeek?.slice(19)} ${s.opens}-${s.closes}`,
    );
  assert.deepEqual(specs({ ...seed, weekly: { mon: ['18:00-24:00'], tue: ['00:00-02:00', '09:00-17:00'] } }), [
    'Monday 18:00-23:59:59',
    'Tuesday 00:00:00-02:00',
    'Tuesday 09:00-17:00',
  ]);
  const always = ['00:00-24:00'];
  const open247: HelplineConfig = {
    ...seed,
    bankHolidays: false,
    weekly: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always },
  };
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  assert.deepEqual(specs(open247), days.map((d) => `${d} 00:00:00-23:59:59`));
  // Nothing anywhere says 24:00.
  assert.ok(!JSON.stringify(openingHoursJsonLd(open247, new Date(), { name: 'x', telephone: '1' })).includes('24:00'));
});
