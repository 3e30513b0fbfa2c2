// The engine: walking answers, "Change" keeping later answers, answer checks, placeholders.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cmeFlow } from '../../../src/core/wizard/cme-flow.js';
import {
  answerLabel,
  answerProblem,
  fillBlocks,
  fillText,
  nextNode,
  optionsOf,
  outcomeOf,
  questionOf,
  walk,
} from '../../../src/core/wizard/engine.js';
import type { Answers } from '../../../src/core/wizard/types.js';

const TODAY = '2025-10-01';
const flow = cmeFlow();

describe('walk', () => {
  it('starts at the start question with no answers', () => {
    assert.deepEqual(walk(flow, {}, TODAY), { path: ['immediate-risk'], current: 'immediate-risk', outcome: null, values: {} });
  });
  it('stops at the first unanswered or unusable answer', () => {
    assert.equal(walk(flow, { 'immediate-risk': 'no', 'date-of-birth': '2015-02-30' }, TODAY).current, 'date-of-birth');
    assert.equal(walk(flow, { 'immediate-risk': 'no', 'date-of-birth': '2026-01-01' }, TODAY).current, 'date-of-birth');
    assert.equal(walk(flow, { 'immediate-risk': 'maybe' }, TODAY).current, 'immediate-risk');
  });
  it('gives the path for "check your answers" and the outcome', () => {
    const answers = { 'immediate-risk': 'no', 'date-of-birth': '2015-05-01', registered: 'no', education: 'none' };
    const r = walk(flow, answers, TODAY);
    assert.deepEqual(r.path, ['immediate-risk', 'date-of-birth', 'registered', 'education']);
    assert.equal(r.current, null);
    assert.equal(r.outcome, 'cme');
    assert.deepEqual(
      r.path.map((id) => answerLabel(questionOf(flow, id)!, answers[id as keyof typeof answers])),
      ['No', '2015-05-01', 'No', 'None'],
    );
  });

  describe('changing an earlier answer keeps later answers that still apply', () => {
    const ehe: Answers = {
      'immediate-risk': 'no',
      'date-of-birth': '2015-05-01',
      registered: 'no',
      education: 'home-education',
      'home-education-assessed': 'no',
    };
    it('registered no → yes → no: the education answers come back without re-answering', () => {
      assert.equal(walk(flow, ehe, TODAY).outcome, 'ehe');
      const changed: Answers = { ...ehe, registered: 'yes' };
      const r = walk(flow, changed, TODAY);
      assert.equal(r.current, 'whereabouts');
      assert.deepEqual(r.path, ['immediate-risk', 'date-of-birth', 'registered', 'whereabouts']);
      // The store still holds the education answers; they are off the path, so ignored.
      assert.equal(changed['education'], 'home-education');
      assert.equal(walk(flow, { ...changed, whereabouts: 'yes' }, TODAY).outcome, 'attendance');
      assert.equal(walk(flow, { ...changed, whereabouts: 'yes', registered: 'no' }, TODAY).outcome, 'ehe');
    });
    it('date of birth → "I do not know": only the new age-band question needs an answer', () => {
      const r = walk(flow, { ...ehe, 'date-of-birth': 'unknown' }, TODAY);
      assert.equal(r.current, 'age-band');
      const done = walk(flow, { ...ehe, 'date-of-birth': 'unknown', 'age-band': 'compulsory' }, TODAY);
      assert.equal(done.outcome, 'ehe');
      assert.deepEqual(done.path, ['immediate-risk', 'date-of-birth', 'age-band', 'registered', 'education', 'home-education-assessed']);
    });
    it('an answer made stale by a change is skipped, later answers still used', () => {
      // Date of birth known again: the age band stays in the store but is off the path.
      const r = walk(flow, { ...ehe, 'age-band': 'over' }, TODAY);
      assert.equal(r.outcome, 'ehe');
      assert.ok(!r.path.includes('age-band'));
    });
    it('immediate risk yes → straight to emergency; no → back to the stored outcome', () => {
      assert.deepEqual(walk(flow, { ...ehe, 'immediate-risk': 'yes' }, TODAY).path, ['immediate-risk']);
      assert.equal(walk(flow, { ...ehe, 'immediate-risk': 'yes' }, TODAY).outcome, 'emergency');
      assert.equal(walk(flow, { ...ehe, 'immediate-risk': 'no' }, TODAY).outcome, 'ehe');
    });
    it('the same answers can give a different outcome on another day (CSA is on today)', () => {
      const answers = { ...ehe, 'date-of-birth': '2020-08-31' };
      assert.equal(walk(flow, answers, '2025-08-30').outcome, 'not-compulsory-school-age');
      assert.equal(walk(flow, answers, '2025-08-31').outcome, 'ehe');
    });
  });
});

describe('nextNode', () => {
  it('routes one question', () => {
    assert.equal(nextNode(flow, 'immediate-risk', { 'immediate-risk': 'yes' }, TODAY), 'emergency');
    assert.equal(nextNode(flow, 'date-of-birth', { 'date-of-birth': '2015-05-01' }, TODAY), 'registered');
    assert.equal(nextNode(flow, 'date-of-birth', { 'date-of-birth': 'unknown' }, TODAY), 'age-band');
    assert.equal(nextNode(flow, 'date-of-birth', {}, TODAY), null);
    assert.equal(nextNode(flow, 'no-such-question', {}, TODAY), null);
  });
});

describe('answerProblem', () => {
  const dob = questionOf(flow, 'date-of-birth')!;
  const edu = questionOf(flow, 'education')!;
  it('date of birth', () => {
    assert.equal(answerProblem(dob, undefined, TODAY), 'missing');
    assert.equal(answerProblem(dob, '', TODAY), 'missing');
    assert.equal(answerProblem(dob, '2015-02-30', TODAY), 'invalid');
    assert.equal(answerProblem(dob, '2025-10-02', TODAY), 'future');
    assert.equal(answerProblem(dob, TODAY, TODAY), null);
    assert.equal(answerProblem(dob, 'unknown', TODAY), null);
  });
  it('radios and yes-no', () => {
    assert.equal(answerProblem(edu, 'none', TODAY), null);
    assert.equal(answerProblem(edu, 'unknown', TODAY), null);
    assert.equal(answerProblem(edu, 'school', TODAY), 'invalid');
    assert.equal(answerProblem(questionOf(flow, 'immediate-risk')!, 'unknown', TODAY), 'invalid'); // no "don't know" here
  });
  it('yes-no questions get localised Yes/No when they set no options', () => {
    assert.deepEqual(optionsOf(questionOf(flow, 'immediate-risk')!), [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ]);
    assert.deepEqual(optionsOf(dob), []);
  });
});

describe('outcome placeholders', () => {
  const body = (answers: Answers) => {
    const r = walk(flow, { 'immediate-risk': 'no', ...answers }, TODAY);
    assert.equal(r.outcome, 'not-compulsory-school-age');
    return { values: r.values, text: fillBlocks(outcomeOf(flow, r.outcome!)!.body, r.values).join('\n') };
  };
  it('under CSA: says when CSA starts', () => {
    const { values, text } = body({ 'date-of-birth': '2022-01-15' });
    assert.deepEqual(values, { dateOfBirth: '2022-01-15', csaStarts: '2027-03-31', csaEnds: '2038-06-25', reachesCsaOn: '2027-03-31' });
    assert.match(text, /reaches compulsory school age on 2027-03-31\./);
    assert.doesNotMatch(text, /ended on|\{/);
  });
  it('over CSA: says when CSA ended', () => {
    const { values, text } = body({ 'date-of-birth': '2008-08-31' });
    assert.equal(values.leftCsaOn, '2024-06-28');
    assert.equal(values.reachesCsaOn, undefined);
    assert.match(text, /compulsory school age ended on 2024-06-28\./);
    assert.doesNotMatch(text, /reaches|\{/);
  });
  it('age band only: no dates, the general explanation stays', () => {
    const { values, text } = body({ 'date-of-birth': 'unknown', 'age-band': 'under' });
    assert.deepEqual(values, {});
    assert.doesNotMatch(text, /reaches|ended on|\{/);
    assert.match(text, /31 March, 31 August or 31 December/);
  });
  it('fillText and fillBlocks', () => {
    assert.equal(fillText('on {a}, not {b}', { a: '1', b: '2' }), 'on 1, not 2');
    assert.equal(fillText('on {a}', {}), null);
    assert.equal(fillText('braces { like this } stay', {}), 'braces { like this } stay');
    assert.deepEqual(
      fillBlocks(['keep', 'drop {x}', { type: 'list', items: ['a {y}', 'b {x}'] }, { type: 'list', items: ['{x}'] }, { type: 'link', text: 'go {y}', href: '/a' }], { y: 'Y' }),
      ['keep', { type: 'list', items: ['a Y'] }, { type: 'link', text: 'go Y', href: '/a' }],
    );
  });
  it('every placeholder in the default flow is one the engine can fill', () => {
    const known = ['dateOfBirth', 'csaStarts', 'csaEnds', 'reachesCsaOn', 'leftCsaOn'];
    for (const m of JSON.stringify(flow).matchAll(/\{(\w+)\}/g)) assert.ok(known.includes(m[1]!), m[0]);
  });
});

describe('cmeFlow()', () => {
  it('builds a fresh flow on every call (text is read through msg() at render time)', () => {
    const a = cmeFlow();
    a.questions[0]!.title = 'changed';
    assert.notEqual(cmeFlow().questions[0]!.title, 'changed');
    assert.equal(cmeFlow().questions[0]!.title, 'Is the child at immediate risk of harm?');
  });
  it('is JSON-serialisable', () => assert.deepEqual(JSON.parse(JSON.stringify(cmeFlow())), cmeFlow()));
});
