// classifyCase against docs/law.md (who is CME, school age, home education, attendance): statutory examples, CSA boundaries, every outcome.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyCase, type CaseFacts, type OutcomeId } from '../../../src/core/wizard/classify.js';
import { cmeFlow } from '../../../src/core/wizard/cme-flow.js';

const TODAY = '2025-10-01';
/** A child of compulsory school age on TODAY (born 2015). */
const base: CaseFacts = { immediateRisk: false, dateOfBirth: '2015-05-01', registeredAtSchool: 'no', education: 'none' };
const classify = (facts: Partial<CaseFacts>, today = TODAY): OutcomeId => classifyCase({ ...base, ...facts }, today);

describe('classifyCase', () => {
  it('the default flow has exactly the OutcomeIds of the contract', () => {
    assert.deepEqual(
      cmeFlow().outcomes.map((o) => o.id).sort(),
      ['alternative-provision', 'attendance', 'cme', 'ehe', 'emergency', 'not-compulsory-school-age', 'school-enquiries'],
    );
  });

  describe('immediate risk overrides everything (docs/law.md#safeguarding-first, Education Act 2002 s175)', () => {
    const others: Partial<CaseFacts>[] = [
      {},
      { dateOfBirth: '2024-01-01' }, // under CSA
      { dateOfBirth: '2000-01-01' }, // over CSA
      { dateOfBirth: null, ageBand: 'unknown' },
      { registeredAtSchool: 'yes', whereaboutsKnown: true },
      { registeredAtSchool: 'yes', whereaboutsKnown: false },
      { education: 'home-education' },
      { education: 'alternative-provision' },
    ];
    for (const f of others) it(JSON.stringify(f), () => assert.equal(classify({ ...f, immediateRisk: true }), 'emergency'));
  });

  describe('compulsory school age (docs/law.md#compulsory-school-age), on the day', () => {
    it('born 31 Aug 2020: not CSA on 2025-08-30, CSA on 2025-08-31', () => {
      assert.equal(classify({ dateOfBirth: '2020-08-31' }, '2025-08-30'), 'not-compulsory-school-age');
      assert.equal(classify({ dateOfBirth: '2020-08-31' }, '2025-08-31'), 'cme');
    });
    it('born 1 Sep 2008: CSA on 2025-06-27, not on 2025-06-28', () => {
      assert.equal(classify({ dateOfBirth: '2008-09-01' }, '2025-06-27'), 'cme');
      assert.equal(classify({ dateOfBirth: '2008-09-01' }, '2025-06-28'), 'not-compulsory-school-age');
    });
    it('born 31 Aug 2008: CSA ended 28 Jun 2024', () => {
      assert.equal(classify({ dateOfBirth: '2008-08-31' }, '2024-06-28'), 'cme');
      assert.equal(classify({ dateOfBirth: '2008-08-31' }, '2024-06-29'), 'not-compulsory-school-age');
    });
    it('born 10 Feb 2020: from 31 Mar 2025', () => {
      assert.equal(classify({ dateOfBirth: '2020-02-10' }, '2025-03-30'), 'not-compulsory-school-age');
      assert.equal(classify({ dateOfBirth: '2020-02-10' }, '2025-03-31'), 'cme');
    });
    it('born 23 Sep 2007: CSA ended 28 Jun 2024', () => {
      assert.equal(classify({ dateOfBirth: '2007-09-23', registeredAtSchool: 'yes' }, '2024-06-28'), 'attendance');
      assert.equal(classify({ dateOfBirth: '2007-09-23', registeredAtSchool: 'yes' }, '2024-06-29'), 'not-compulsory-school-age');
    });
    it('outside CSA wins over registration and education facts', () => {
      assert.equal(classify({ dateOfBirth: '2022-01-01', registeredAtSchool: 'yes', whereaboutsKnown: false }), 'not-compulsory-school-age');
    });
  });

  describe('date of birth unknown: the age band decides', () => {
    it('under or over → not-compulsory-school-age', () => {
      assert.equal(classify({ dateOfBirth: null, ageBand: 'under' }), 'not-compulsory-school-age');
      assert.equal(classify({ dateOfBirth: null, ageBand: 'over' }), 'not-compulsory-school-age');
    });
    it('compulsory, unknown or missing → carries on', () => {
      assert.equal(classify({ dateOfBirth: null, ageBand: 'compulsory' }), 'cme');
      assert.equal(classify({ dateOfBirth: null, ageBand: 'unknown' }), 'cme');
      assert.equal(classify({ dateOfBirth: null }), 'cme');
      assert.equal(classify({ dateOfBirth: null, ageBand: 'unknown', registeredAtSchool: 'yes' }), 'attendance');
    });
    it('ageBand is ignored when the date of birth is known', () => {
      assert.equal(classify({ dateOfBirth: '2015-05-01', ageBand: 'over' }), 'cme');
    });
  });

  describe('registered pupils are the school’s responsibility (docs/law.md#school-attendance)', () => {
    it('attendance, even when persistently or severely absent (whereabouts known)', () => {
      assert.equal(classify({ registeredAtSchool: 'yes', whereaboutsKnown: true }), 'attendance');
    });
    it('attendance when whereabouts are not stated', () => {
      assert.equal(classify({ registeredAtSchool: 'yes' }), 'attendance');
    });
    it('whereabouts unknown → joint school and LA enquiries', () => {
      assert.equal(classify({ registeredAtSchool: 'yes', whereaboutsKnown: false }), 'school-enquiries');
    });
    it('education facts do not matter for registered pupils', () => {
      assert.equal(classify({ registeredAtSchool: 'yes', whereaboutsKnown: true, education: 'home-education', homeEducationAssessedUnsuitable: true }), 'attendance');
    });
  });

  describe('not registered, or nobody knows (docs/law.md#who-is-cme)', () => {
    for (const registeredAtSchool of ['no', 'unknown'] as const) {
      describe(`registeredAtSchool: ${registeredAtSchool}`, () => {
        const cases: [Partial<CaseFacts>, OutcomeId][] = [
          [{ education: 'awaiting-place' }, 'cme'],
          [{ education: 'none' }, 'cme'],
          [{ education: 'unknown' }, 'cme'],
          [{ education: undefined }, 'cme'],
          [{ education: 'alternative-provision' }, 'alternative-provision'],
          [{ education: 'home-education', homeEducationAssessedUnsuitable: true }, 'cme'],
          [{ education: 'home-education', homeEducationAssessedUnsuitable: false }, 'ehe'],
          [{ education: 'home-education' }, 'ehe'], // not yet assessed
        ];
        for (const [f, expected] of cases) {
          it(`${JSON.stringify(f)} → ${expected}`, () => assert.equal(classify({ ...f, registeredAtSchool }), expected));
        }
      });
    }
    it('whereaboutsKnown is ignored when not registered', () => {
      assert.equal(classify({ registeredAtSchool: 'no', whereaboutsKnown: false, education: 'alternative-provision' }), 'alternative-provision');
    });
  });

  it('reaches every outcome', () => {
    const reached = new Set<OutcomeId>([
      classify({ immediateRisk: true }),
      classify({ dateOfBirth: '2024-01-01' }),
      classify({ registeredAtSchool: 'yes' }),
      classify({ registeredAtSchool: 'yes', whereaboutsKnown: false }),
      classify({ education: 'alternative-provision' }),
      classify({ education: 'home-education' }),
      classify({ education: 'awaiting-place' }),
    ]);
    assert.deepEqual([...reached].sort(), cmeFlow().outcomes.map((o) => o.id).sort());
  });

  describe('bad input throws a RangeError naming the value', () => {
    it('invalid date of birth', () => {
      assert.throws(() => classify({ dateOfBirth: '2021-02-30' }), (e: unknown) => e instanceof RangeError && e.message.includes('"2021-02-30"'));
      assert.throws(() => classify({ dateOfBirth: 'abc' }), /"abc"/);
    });
    it('invalid today', () => {
      assert.throws(() => classify({}, '2025-13-01'), (e: unknown) => e instanceof RangeError && e.message.includes('"2025-13-01"'));
    });
    it('date of birth after today', () => {
      assert.throws(() => classify({ dateOfBirth: '2026-01-01' }), (e: unknown) => e instanceof RangeError && e.message.includes('"2026-01-01"'));
    });
    it('a value outside the CaseFacts types', () => {
      assert.throws(() => classify({ registeredAtSchool: 'maybe' as 'yes' }), /"maybe".*registered/);
    });
    it('but an invalid date is not looked at when immediate risk decides', () => {
      assert.equal(classify({ immediateRisk: true, dateOfBirth: 'abc' }), 'emergency');
    });
  });
});
