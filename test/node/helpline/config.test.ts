// Helpline config validation: errors name the field at fault (dotted path) in plain English.
// parseHelplineConfig (zod/mini) and checkHelplineConfig (no zod, for the page budget) must agree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as z from 'zod/mini';
import { checkHelplineConfig } from '../../../src/core/helpline/check-config.js';
import {
  defaultHelplineConfig,
  helplineConfigSchema,
  parseHelplineConfig,
  type HelplineConfig,
} from '../../../src/core/helpline/config.js';

const errorsOf = (input: unknown) => {
  const r = parseHelplineConfig(input);
  assert.equal(r.ok, false, 'expected invalid');
  return r.ok ? [] : r.errors;
};
const pathsOf = (input: unknown) => errorsOf(input).map((e) => e.path);

test('the seed config: Mon/Wed/Fri 09:00-12:30 and 13:00-16:30, England and Wales, London, no term dates', () => {
  assert.deepEqual(defaultHelplineConfig, {
    timeZone: 'Europe/London',
    weekly: { mon: ['09:00-12:30', '13:00-16:30'], wed: ['09:00-12:30', '13:00-16:30'], fri: ['09:00-12:30', '13:00-16:30'] },
    bankHolidays: 'england-and-wales',
  });
  assert.deepEqual(parseHelplineConfig(defaultHelplineConfig), { ok: true, value: defaultHelplineConfig });
});

test('missing fields take the seed defaults, so term dates alone are a config', () => {
  const termTime = [{ from: '2026-09-02', to: '2026-10-23' }];
  assert.deepEqual(parseHelplineConfig({ termTime }), { ok: true, value: { ...defaultHelplineConfig, termTime } });
  assert.deepEqual(parseHelplineConfig({}), { ok: true, value: defaultHelplineConfig });
});

test('the documented example is valid as written', () => {
  const example: HelplineConfig = {
    timeZone: 'Europe/London',
    weekly: { mon: ['09:00-12:30', '13:00-16:30'], wed: ['09:00-12:30', '13:00-16:30'], fri: ['09:00-12:30', '13:00-16:30'] },
    termTime: [{ from: '2026-09-02', to: '2026-10-23' }],
    bankHolidays: 'england-and-wales',
    closures: [{ date: '2026-12-16', label: 'Staff training' }],
  };
  assert.deepEqual(parseHelplineConfig(example), { ok: true, value: example });
  assert.deepEqual(z.safeParse(helplineConfigSchema, example).data, example);
});

test('a bad range names weekly.<day>.<index>', () => {
  assert.deepEqual(errorsOf({ weekly: { mon: ['9-12:30'] } }), [
    { path: 'weekly.mon.0', message: 'Use 24-hour times like "09:00-12:30"' },
  ]);
  assert.deepEqual(pathsOf({ weekly: { fri: ['09:00-12:30', '13:00-16:60'] } }), ['weekly.fri.1']);
  assert.deepEqual(pathsOf({ weekly: { mon: '09:00-12:30' } }), ['weekly.mon']);
  assert.deepEqual(pathsOf({ weekly: { mon: [930] } }), ['weekly.mon.0']);
});

test('an end before (or at) the start is an error', () => {
  assert.deepEqual(errorsOf({ weekly: { tue: ['13:00-12:00'] } }), [
    { path: 'weekly.tue.0', message: 'The closing time must be after the opening time' },
  ]);
  assert.deepEqual(pathsOf({ weekly: { tue: ['13:00-13:00'] } }), ['weekly.tue.0']);
  assert.equal(parseHelplineConfig({ weekly: { sun: ['00:00-24:00'] } }).ok, true);
});

test('an unknown time zone names timeZone', () => {
  assert.deepEqual(errorsOf({ timeZone: 'Mars/Base' }), [{ path: 'timeZone', message: 'Use a time zone name like "Europe/London"' }]);
  assert.deepEqual(pathsOf({ timeZone: 0 }), ['timeZone']);
  assert.equal(parseHelplineConfig({ timeZone: 'America/New_York' }).ok, true);
});

test('bad dates name the field: real calendar dates only, term from <= to', () => {
  assert.deepEqual(pathsOf({ termTime: [{ from: '2026-02-30', to: '2026-03-01' }] }), ['termTime.0.from']);
  assert.deepEqual(errorsOf({ termTime: [{ from: '2026-09-02', to: '2026-10-23' }, { from: '2026-11-02', to: '2026-11-01' }] }), [
    { path: 'termTime.1.to', message: 'The end of the term must not be before its start' },
  ]);
  assert.equal(parseHelplineConfig({ termTime: [{ from: '2026-11-02', to: '2026-11-02' }] }).ok, true);
  assert.deepEqual(pathsOf({ termTime: [{ from: '2026-09-02' }] }), ['termTime.0.to']);
  assert.deepEqual(pathsOf({ termTime: { from: '2026-09-02', to: '2026-10-23' } }), ['termTime']);
  assert.deepEqual(pathsOf({ closures: [{ date: '16/12/2026', label: 'Staff training' }] }), ['closures.0.date']);
  assert.deepEqual(pathsOf({ closures: [{ date: '2026-12-16', label: 7 }] }), ['closures.0.label']);
  assert.deepEqual(pathsOf({ bankHolidays: ['2026-12-25', '2026-12-32'] }), ['bankHolidays.1']);
});

test('bankHolidays: a division, dates or false; anything else is named', () => {
  for (const ok of ['england-and-wales', 'scotland', 'northern-ireland', false, [], ['2026-12-25']]) {
    assert.equal(parseHelplineConfig({ bankHolidays: ok }).ok, true, JSON.stringify(ok));
  }
  for (const bad of ['wales', true, null, 3]) {
    assert.deepEqual(errorsOf({ bankHolidays: bad }), [
      { path: 'bankHolidays', message: 'Use "england-and-wales", "scotland", "northern-ireland", a list of dates, or false' },
    ]);
  }
});

test('unknown keys are errors (a typo must not be silently ignored)', () => {
  assert.deepEqual(errorsOf({ closure: [] }), [{ path: 'closure', message: 'Unknown setting "closure": check the spelling' }]);
  assert.deepEqual(errorsOf({ weekly: { monday: ['09:00-12:30'] } }), [
    { path: 'weekly.monday', message: 'Unknown setting "monday": use mon, tue, wed, thu, fri, sat, sun' },
  ]);
  assert.deepEqual(pathsOf({ closures: [{ date: '2026-12-16', note: 'x' }] }), ['closures.0.note']);
});

test('not an object at all', () => {
  for (const bad of [null, 5, 'x', []]) {
    assert.deepEqual(errorsOf(bad), [{ path: '', message: 'The helpline settings must be a JSON object' }]);
  }
});

test('every error is reported, in field order', () => {
  assert.deepEqual(
    pathsOf({
      timeZone: 'Mars/Base',
      weekly: { mon: ['9-12:30'], tue: ['13:00-12:00'], monday: [] },
      termTime: [{ from: '2026-02-30', to: '2026-01-01' }],
      bankHolidays: 'wales',
      closures: [{ date: 'x' }],
      extra: 1,
    }),
    ['timeZone', 'weekly.mon.0', 'weekly.tue.0', 'weekly.monday', 'termTime.0.from', 'bankHolidays', 'closures.0.date', 'extra'],
  );
});

test('checkHelplineConfig (no zod) gives exactly what parseHelplineConfig gives', () => {
  const corpus: unknown[] = [
    undefined, null, 0, 'x', [], {}, defaultHelplineConfig,
    { timeZone: 'Mars/Base' }, { timeZone: 5 }, { timeZone: 'Asia/Kolkata' },
    { weekly: null }, { weekly: [] }, { weekly: {} }, { weekly: { mon: null } }, { weekly: { mon: ['9-12:30'] } },
    { weekly: { mon: ['13:00-12:00', '24:00-24:30', '00:00-24:00', 5] }, sunday: 1 },
    { weekly: { sat: ['20:00-24:00'], sun: ['00:00-02:00'], xyz: [] } },
    { termTime: [] }, { termTime: 'x' }, { termTime: [null, 'x', {}, { from: '2026-09-02', to: '2026-10-23', x: 1 }] },
    { termTime: [{ from: '2026-11-02', to: '2026-11-01' }, { from: '2026-02-29', to: '2026-01-01' }, { from: 1, to: 2 }] },
    { bankHolidays: 'scotland' }, { bankHolidays: false }, { bankHolidays: true }, { bankHolidays: null },
    { bankHolidays: ['2026-12-25', 'x', 3] }, { bankHolidays: {} },
    { closures: [] }, { closures: {} }, { closures: [{ date: '2026-12-16' }, { date: '2026-12-17', label: 'Training' }] },
    { closures: [{}, null, { label: 3 }, { date: '2026-12-16', label: null }] },
    { extra: 1, other: 2, timeZone: 'Mars/Base' },
    {
      timeZone: 'Mars/Base', weekly: { mon: ['9-12:30'], tue: ['13:00-12:00'], monday: [] },
      termTime: [{ from: '2026-02-30', to: '2026-01-01' }], bankHolidays: 'wales', closures: [{ date: 'x' }], extra: 1,
    },
  ];
  for (const input of corpus) {
    assert.deepEqual(checkHelplineConfig(input), parseHelplineConfig(input), JSON.stringify(input));
  }
});

test('24-hour days (00:00-24:00) and ranges to midnight are accepted by both checkers', () => {
  const week = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const inputs = [
    { weekly: Object.fromEntries(week.map((d) => [d, ['00:00-24:00']])), bankHolidays: false },
    { weekly: { sun: ['00:00-24:00'], mon: ['00:00-24:00'] } },
    { weekly: { fri: ['17:00-24:00'], sat: ['00:00-12:00', '12:00-24:00'] } },
  ];
  for (const input of inputs) {
    const zod = parseHelplineConfig(input);
    assert.equal(zod.ok, true, JSON.stringify(input));
    assert.deepEqual(checkHelplineConfig(input), zod);
  }
  // Past midnight is not a time: 24:01, 25:00 and 00:00-00:00 are named errors in both.
  for (const bad of ['00:00-24:01', '23:00-25:00', '24:00-24:00', '00:00-00:00']) {
    const input = { weekly: { mon: [bad] } };
    assert.deepEqual(pathsOf(input), ['weekly.mon.0'], bad);
    assert.deepEqual(checkHelplineConfig(input), parseHelplineConfig(input), bad);
  }
});

test('dates outside 1900–2199 or not exactly YYYY-MM-DD are named errors in both checkers', () => {
  for (const bad of ['0050-01-01', '1899-12-31', '2200-01-01', '2026-9-2', '2026-09-02T00:00', ' 2026-09-02']) {
    const inputs = [
      { termTime: [{ from: bad, to: '2026-10-23' }] },
      { closures: [{ date: bad }] },
      { bankHolidays: [bad] },
    ];
    for (const input of inputs) {
      assert.deepEqual(pathsOf(input).length, 1, JSON.stringify(input));
      assert.deepEqual(checkHelplineConfig(input), parseHelplineConfig(input), JSON.stringify(input));
    }
  }
  assert.equal(parseHelplineConfig({ closures: [{ date: '1900-01-01' }, { date: '2199-12-31' }] }).ok, true);
});

test('a valid result is a copy: changing it does not change the input', () => {
  const input = { weekly: { mon: ['09:00-12:30'] }, closures: [{ date: '2026-12-16' }] };
  for (const parse of [parseHelplineConfig, checkHelplineConfig]) {
    const r = parse(input);
    assert.ok(r.ok);
    r.value.weekly.mon!.push('13:00-14:00');
    r.value.closures![0]!.date = '2027-01-01';
    assert.deepEqual(input, { weekly: { mon: ['09:00-12:30'] }, closures: [{ date: '2026-12-16' }] });
  }
  // Nor do two defaults share arrays.
  const a = parseHelplineConfig({}), b = checkHelplineConfig({});
  assert.ok(a.ok && b.ok);
  a.value.weekly.mon!.push('x');
  assert.deepEqual(b.value.weekly.mon, ['09:00-12:30', '13:00-16:30']);
  assert.deepEqual(defaultHelplineConfig.weekly.mon, ['09:00-12:30', '13:00-16:30']);
});
