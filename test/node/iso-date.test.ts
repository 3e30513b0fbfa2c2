// One date rule for every core function: exactly YYYY-MM-DD, a real day, years 1900–2199; anything
// else is a RangeError naming the value (never a quiet answer for the wrong year).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayNumber, isIsoDate, parseIsoDate } from '../../src/core/iso-date.js';
import { londonDate } from '../../src/core/london-date.js';
import { compulsorySchoolAge, isOfCompulsorySchoolAge, schoolAgeStatus } from '../../src/core/school-age.js';
import { classifyCase } from '../../src/core/wizard/classify.js';
import { cmeFlow } from '../../src/core/wizard/cme-flow.js';
import { answerProblem, nextNode, walk } from '../../src/core/wizard/engine.js';
import { isRealDate } from '../../src/core/referral/rules.js';
import { helplineStatus } from '../../src/core/helpline/status.js';
import { describeHelpline } from '../../src/core/helpline/describe.js';
import { upcomingExceptions } from '../../src/core/helpline/json-ld.js';
import { addDays, isoDate, weekdayOf, weekdayOfDay, zonedInstant } from '../../src/core/helpline/zoned-time.js';
import { defaultHelplineConfig, type HelplineConfig } from '../../src/core/helpline/config.js';

const BAD = ['0050-01-01', '0099-12-31', '1899-12-31', '2200-01-01', '9999-12-31', '2026-02-29', '2026-13-01', '2026-9-2', '26-09-02', '2026-09-02T00:00:00Z', ' 2026-09-02', '2026/09/02', '', 'abc'];
/** Asserts a RangeError whose message names the value. */
const throwsNaming = (f: () => unknown, value: string) =>
  assert.throws(f, (e: unknown) => e instanceof RangeError && e.message.includes(`"${value}"`), value);

describe('iso-date', () => {
  it('reads real dates in 1900–2199 as day numbers and back', () => {
    assert.equal(dayNumber('1970-01-01'), 0);
    assert.equal(dayNumber('1900-01-01'), -25567);
    assert.equal(isoDate(dayNumber('2199-12-31')), '2199-12-31');
    assert.equal(isoDate(dayNumber('2028-02-29')), '2028-02-29');
    assert.equal(weekdayOfDay(dayNumber('2026-12-01')), 1); // Tuesday
    assert.equal(weekdayOfDay(dayNumber('1900-01-01')), 0); // Monday
    assert.equal(isIsoDate('2000-02-29'), true);
    assert.equal(isIsoDate('1900-02-29'), false); // 1900 was not a leap year
  });
  for (const bad of BAD) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      assert.equal(isIsoDate(bad), false);
      assert.ok(Number.isNaN(dayNumber(bad)));
      throwsNaming(() => parseIsoDate(bad), bad);
    });
  }
  it('non-strings are not dates', () => {
    for (const v of [undefined, null, 20260902, new Date('2026-09-02')]) {
      assert.equal(isIsoDate(v), false);
      assert.throws(() => parseIsoDate(v), RangeError);
    }
  });
});

describe('every core function taking a date throws a RangeError naming a bad one', () => {
  for (const bad of BAD) {
    it(JSON.stringify(bad), () => {
      throwsNaming(() => compulsorySchoolAge(bad), bad);
      throwsNaming(() => schoolAgeStatus(bad, '2026-12-01'), bad);
      throwsNaming(() => isOfCompulsorySchoolAge('2015-01-01', bad), bad);
      throwsNaming(() => classifyCase({ immediateRisk: false, dateOfBirth: '2015-05-01', registeredAtSchool: 'no', education: 'none' }, bad), bad);
      throwsNaming(() => classifyCase({ immediateRisk: false, dateOfBirth: bad, registeredAtSchool: 'no', education: 'none' }, '2026-12-01'), bad);
      const flow = cmeFlow();
      throwsNaming(() => walk(flow, {}, bad), bad);
      throwsNaming(() => nextNode(flow, flow.start, {}, bad), bad);
      throwsNaming(() => answerProblem(flow.questions[0]!, undefined, bad), bad);
      assert.equal(isRealDate(bad), false);
      throwsNaming(() => zonedInstant(bad, 0, 'Europe/London'), bad);
      throwsNaming(() => addDays(bad, 1), bad);
      throwsNaming(() => weekdayOf(bad), bad);
      // A hand-built helpline config (the schema would have named the field first).
      const at = new Date('2026-12-01T10:00:00Z');
      const configs: HelplineConfig[] = [
        { ...defaultHelplineConfig, termTime: [{ from: bad, to: '2026-12-18' }] },
        { ...defaultHelplineConfig, closures: [{ date: bad }] },
        { ...defaultHelplineConfig, bankHolidays: [bad] },
      ];
      for (const config of configs) {
        throwsNaming(() => helplineStatus(config, at), bad);
        throwsNaming(() => describeHelpline(config, at), bad);
        throwsNaming(() => upcomingExceptions(config, at, 7), bad);
      }
      // A fresh bank-holiday list handed straight in, bypassing parseBankHolidayFeed.
      throwsNaming(() => helplineStatus(defaultHelplineConfig, at, { 'england-and-wales': [{ date: bad, label: 'x' }] }), bad);
    });
  }
  it('the wizard answers for good dates at both ends of the range', () => {
    const facts = { immediateRisk: false, registeredAtSchool: 'no', education: 'none' } as const;
    assert.equal(classifyCase({ ...facts, dateOfBirth: '2015-05-01' }, '2026-12-01'), 'cme');
    assert.equal(classifyCase({ ...facts, dateOfBirth: '1900-01-01' }, '2026-12-01'), 'not-compulsory-school-age');
  });
  it('helplineStatus refuses an invalid instant', () => {
    assert.throws(() => helplineStatus(defaultHelplineConfig, new Date('nope')), RangeError);
  });
});

describe('londonDate', () => {
  it('uses Europe/London civil dates (BST and GMT)', () => {
    assert.equal(londonDate(new Date('2025-06-27T22:59:59Z')), '2025-06-27');
    assert.equal(londonDate(new Date('2025-06-27T23:00:00Z')), '2025-06-28'); // BST: midnight
    assert.equal(londonDate(new Date('2025-12-31T23:59:59Z')), '2025-12-31'); // GMT
    assert.equal(londonDate(new Date('2026-01-01T00:00:00Z')), '2026-01-01');
  });
});
