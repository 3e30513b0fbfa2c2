// Shared fixtures for the wizard tests.
import { compulsorySchoolAge } from '../../../src/core/school-age.js';
import type { AnswerCase } from '../../../src/core/wizard/engine.js';
import type { Flow } from '../../../src/core/wizard/types.js';

/** A small valid flow: a (yes-no) → b (radios) → outcomes. */
export function smallFlow(): Flow {
  return {
    id: 'small',
    start: 'a',
    questions: [
      { id: 'a', type: 'yes-no', title: 'A?', routes: [{ when: { answer: 'yes' }, next: 'b' }, { when: { answer: 'no' }, next: 'done1' }] },
      {
        id: 'b',
        type: 'radios',
        title: 'B?',
        options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }],
        routes: [{ when: { answer: 'x' }, next: 'done1' }, { otherwise: true, next: 'done2' }],
      },
    ],
    outcomes: [
      { id: 'done1', title: 'Done 1', body: ['One'], nextSteps: [] },
      { id: 'done2', title: 'Done 2', body: ['Two'], nextSteps: [] },
    ],
  };
}

const addYears = (iso: string, years: number): string => `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`;

/**
 * A concrete stored answer for an answer class on `today`: the value itself, or a date of birth
 * with that compulsory-school-age status (checked against school-age.ts).
 */
export function concreteAnswer(c: AnswerCase, today: string): string {
  if ('value' in c) return c.value;
  const base = today.endsWith('-02-29') ? `${today.slice(0, 5)}02-28` : today;
  const dob = addYears(base, c.csa === 'under' ? -2 : c.csa === 'compulsory' ? -10 : -20);
  const { starts, ends } = compulsorySchoolAge(dob);
  const status = today < starts ? 'under' : today > ends ? 'over' : 'compulsory';
  if (status !== c.csa) throw new Error(`fixture: ${dob} is ${status} on ${today}, not ${c.csa}`);
  return dob;
}
