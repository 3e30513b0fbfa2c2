// Compulsory school age (docs/law.md#compulsory-school-age): worked examples, last Fridays in June, boundaries.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compulsorySchoolAge,
  isIsoDate,
  isOfCompulsorySchoolAge,
  lastFridayInJune,
  schoolAgeStatus,
} from '../../src/core/school-age.js';

/** Adds `days` to an ISO date (test helper, UTC arithmetic). */
const addDays = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('compulsorySchoolAge: the worked examples of docs/law.md', () => {
  it('born 10 Feb 2020 → 31 Mar 2025 to 27 Jun 2036', () => {
    assert.deepEqual(compulsorySchoolAge('2020-02-10'), { starts: '2025-03-31', ends: '2036-06-27' });
  });
  it('born 31 Aug 2020 → 31 Aug 2025 (a prescribed day) to 27 Jun 2036', () => {
    assert.deepEqual(compulsorySchoolAge('2020-08-31'), { starts: '2025-08-31', ends: '2036-06-27' });
  });
  it('born 23 Sep 2007 → ended 28 Jun 2024', () => {
    assert.equal(compulsorySchoolAge('2007-09-23').ends, '2024-06-28');
  });
  it('born 1 Sep 2008 → ended 27 Jun 2025; born 31 Aug 2008 → ended 28 Jun 2024', () => {
    assert.equal(compulsorySchoolAge('2008-09-01').ends, '2025-06-27');
    assert.equal(compulsorySchoolAge('2008-08-31').ends, '2024-06-28');
  });
});

describe('start: first 31 Mar / 31 Aug / 31 Dec on or after the 5th birthday (s8(2))', () => {
  const cases: [string, string][] = [
    ['2020-01-01', '2025-03-31'],
    ['2020-03-31', '2025-03-31'], // the birthday is a prescribed day
    ['2020-04-01', '2025-08-31'],
    ['2020-08-31', '2025-08-31'],
    ['2020-09-01', '2025-12-31'],
    ['2020-12-31', '2025-12-31'],
  ];
  for (const [dob, starts] of cases) it(`born ${dob} → starts ${starts}`, () => assert.equal(compulsorySchoolAge(dob).starts, starts));
});

describe('end: last Friday in June of the school year in which the child turns 16 (s8(3))', () => {
  it('knows the last Fridays in June 2024–2028', () => {
    assert.deepEqual([2024, 2025, 2026, 2027, 2028].map(lastFridayInJune), ['2024-06-28', '2025-06-27', '2026-06-26', '2027-06-25', '2028-06-30']);
  });
  it('every last Friday is a Friday in the last week of June', () => {
    for (let y = 2000; y <= 2100; y++) {
      const d = lastFridayInJune(y);
      assert.equal(new Date(`${d}T00:00:00Z`).getUTCDay(), 5, d);
      assert.ok(d >= `${y}-06-24` && d <= `${y}-06-30`, d);
    }
  });
  it('turning 16 in July or August leaves CSA at the end of June, still 15', () => {
    assert.equal(compulsorySchoolAge('2009-07-15').ends, '2025-06-27');
    assert.equal(compulsorySchoolAge('2010-08-31').ends, '2026-06-26');
  });
  it('turning 16 on 1 September stays in CSA almost another year', () => {
    assert.equal(compulsorySchoolAge('2009-09-01').ends, '2026-06-26');
  });
});

describe('29 February birthdays (1 March in common years)', () => {
  it('born 29 Feb 2020: 5th birthday 1 Mar 2025 → starts 31 Mar 2025; turns 16 on 29 Feb 2036 → ends 27 Jun 2036', () => {
    assert.deepEqual(compulsorySchoolAge('2020-02-29'), { starts: '2025-03-31', ends: '2036-06-27' });
  });
  it('born 29 Feb 2008: turns 16 on 29 Feb 2024 (school year 2023–24) → ends 28 Jun 2024', () => {
    assert.equal(compulsorySchoolAge('2008-02-29').ends, '2024-06-28');
  });
  it('29 Feb in a common year is not a date', () => {
    assert.throws(() => compulsorySchoolAge('2021-02-29'), RangeError);
  });
});

describe('boundary days: the start and end days are inside CSA', () => {
  const examples = ['2020-02-10', '2020-08-31', '2007-09-23', '2008-09-01', '2008-08-31', '2020-02-29', '2019-12-31'];
  for (const dob of examples) {
    it(`born ${dob}`, () => {
      const { starts, ends } = compulsorySchoolAge(dob);
      assert.equal(isOfCompulsorySchoolAge(dob, addDays(starts, -1)), false, 'day before start');
      assert.equal(isOfCompulsorySchoolAge(dob, starts), true, 'start');
      assert.equal(isOfCompulsorySchoolAge(dob, ends), true, 'end');
      assert.equal(isOfCompulsorySchoolAge(dob, addDays(ends, 1)), false, 'day after end');
      assert.equal(schoolAgeStatus(dob, addDays(starts, -1)), 'under');
      assert.equal(schoolAgeStatus(dob, addDays(ends, 1)), 'over');
      assert.equal(schoolAgeStatus(dob, dob), 'under');
    });
  }
  it('born 31 Aug 2020: not CSA on 2025-08-30, CSA on 2025-08-31', () => {
    assert.equal(isOfCompulsorySchoolAge('2020-08-31', '2025-08-30'), false);
    assert.equal(isOfCompulsorySchoolAge('2020-08-31', '2025-08-31'), true);
  });
  it('born 1 Sep 2008: CSA on 2025-06-27, not on 2025-06-28', () => {
    assert.equal(isOfCompulsorySchoolAge('2008-09-01', '2025-06-27'), true);
    assert.equal(isOfCompulsorySchoolAge('2008-09-01', '2025-06-28'), false);
  });
});

describe('invalid dates throw a RangeError naming the value', () => {
  for (const bad of ['2021-02-30', 'abc', '', '2021-13-01', '2021-00-10', '2021-1-5', '2021-01-05T00:00:00Z', ' 2021-01-05', '0050-01-01', '0000-01-01', '1899-12-31', '2200-01-01', '+02021-01-05', '２０２１-01-05']) {
    it(JSON.stringify(bad), () => {
      assert.throws(() => compulsorySchoolAge(bad), (e: unknown) => e instanceof RangeError && e.message.includes(`"${bad}"`));
      assert.throws(() => isOfCompulsorySchoolAge('2015-01-01', bad), RangeError);
      assert.equal(isIsoDate(bad), false);
    });
  }
  it('0050-01-01 throws rather than answering for 1950 (Date.UTC maps years 0–99 to 1900–1999)', () => {
    assert.throws(() => compulsorySchoolAge('0050-01-01'), /"0050-01-01"/);
    assert.throws(() => schoolAgeStatus('0050-01-01', '2026-12-01'), /"0050-01-01"/);
    assert.throws(() => schoolAgeStatus('2015-01-01', '0026-12-01'), /"0026-12-01"/);
  });
  it('the first and last supported days, 1900-01-01 and 2199-12-31, are answered', () => {
    assert.deepEqual(compulsorySchoolAge('1900-01-01'), { starts: '1905-03-31', ends: '1916-06-30' });
    assert.equal(compulsorySchoolAge('2199-12-31').starts, '2204-12-31');
    assert.equal(isOfCompulsorySchoolAge('2190-01-01', '2199-12-31'), true);
  });
  it('non-strings too', () => {
    assert.throws(() => compulsorySchoolAge(undefined as unknown as string), RangeError);
    assert.throws(() => compulsorySchoolAge(20210101 as unknown as string), RangeError);
  });
});

describe('does not depend on the device time zone', () => {
  it('gives the same answers whatever TZ says (UTC getters only)', () => {
    const before = process.env['TZ'];
    const results: string[] = [];
    for (const tz of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Europe/London']) {
      process.env['TZ'] = tz;
      results.push(JSON.stringify([compulsorySchoolAge('2020-02-29'), compulsorySchoolAge('2008-09-01'), lastFridayInJune(2027)]));
    }
    if (before === undefined) delete process.env['TZ'];
    else process.env['TZ'] = before;
    assert.equal(new Set(results).size, 1);
  });
});
