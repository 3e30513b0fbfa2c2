// The wizard → form hand-off contract (src/core/referral/handoff.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyPrefill, PREFILL_PATHS, type WizardPrefill } from '../../../src/core/referral/handoff.js';
import { typedDate } from '../../../src/core/iso-date.js';
import { dateValue, getAt, toPayload, type Answers } from '../../../src/core/referral/answers.js';
import { pageOfPath } from '../../../src/core/referral/journey.js';
import { PROVISIONS, YES_NO_UNKNOWN } from '../../../src/core/referral/schema.js';

const data: WizardPrefill = {
  outcomeId: 'cme',
  answers: {},
  immediateRisk: false,
  dateOfBirth: '2014-03-04',
  registeredAtSchool: 'no',
  whereaboutsKnown: true,
  education: 'none',
  homeEducationAssessedUnsuitable: undefined,
};

describe('wizard hand-off', () => {
  it('fills an empty draft with typed dates, on the pages that ask those questions', () => {
    const a: Answers = { parents: [{}] };
    assert.deepEqual(applyPrefill(a, data).sort(), Object.values(PREFILL_PATHS).sort());
    assert.deepEqual(getAt(a, 'child.dateOfBirth'), { year: '2014', month: '3', day: '4' });
    assert.equal(toPayload(a).child && (toPayload(a).child as Answers).dateOfBirth, '2014-03-04');
    assert.equal(getAt(a, 'education.provision'), 'none');
    assert.deepEqual(
      Object.values(PREFILL_PATHS).map(pageOfPath),
      ['safeguarding', 'child', 'child', 'education', 'education'],
    );
  });

  it('never overwrites an answer; an empty typed date counts as not answered', () => {
    const a: Answers = { safeguarding: { immediateRisk: true }, child: { dateOfBirth: { day: '', month: '', year: '' } }, education: { registeredAtSchool: 'yes' } };
    applyPrefill(a, data);
    assert.equal(getAt(a, 'safeguarding.immediateRisk'), true);
    assert.equal(getAt(a, 'education.registeredAtSchool'), 'yes');
    assert.equal(dateValue(getAt(a, 'child.dateOfBirth') as object), '2014-03-04');
    const typed: Answers = { child: { dateOfBirth: { day: '1', month: '2', year: '2015' } } };
    applyPrefill(typed, data);
    assert.equal(dateValue(getAt(typed, 'child.dateOfBirth') as object), '2015-02-01');
  });

  it('skips what the wizard does not know', () => {
    const a: Answers = {};
    assert.deepEqual(applyPrefill(a, { ...data, immediateRisk: undefined, dateOfBirth: 'not a date', registeredAtSchool: undefined, whereaboutsKnown: undefined, education: undefined }), []);
    assert.deepEqual(a, {});
  });

  it('the wizard’s values are the referral’s own', () => {
    for (const v of ['yes', 'no', 'unknown'] as const) assert.ok(YES_NO_UNKNOWN.includes(v));
    for (const v of ['home-education', 'alternative-provision', 'awaiting-place', 'none', 'unknown'] as const) assert.ok(PROVISIONS.includes(v));
    assert.deepEqual(typedDate('2024-02-30'), {});
    assert.equal(dateValue({ day: '31', month: '2', year: '2024' }), '2024-2-31');
    assert.equal(dateValue({ day: ' 5', month: '11 ', year: '2024' }), '2024-11-05');
  });
});
