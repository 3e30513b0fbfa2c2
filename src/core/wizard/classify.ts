/**
 * `classifyCase` (docs/architecture.md#contracts): the outcome of the default CME flow for a set of facts.
 * The facts are mapped to answers and the same flow data that `<cme-wizard>` renders is walked:
 * there is no second decision tree.
 */
import { isIsoDate, parseIsoDate } from '../iso-date.js';
import { cmeFlow } from './cme-flow.js';
import { walk } from './engine.js';
import type { Answers } from './types.js';

/** What is known about a case (docs/architecture.md#contracts). */
export interface CaseFacts {
  immediateRisk: boolean;
  /** `YYYY-MM-DD`, or `null` if unknown (then `ageBand` is used). */
  dateOfBirth: string | null;
  ageBand?: 'under' | 'compulsory' | 'over' | 'unknown';
  registeredAtSchool: 'yes' | 'no' | 'unknown';
  /** Whether anyone knows where a registered child is; `undefined` = not known either way. */
  whereaboutsKnown?: boolean;
  education?: 'home-education' | 'alternative-provision' | 'awaiting-place' | 'none' | 'unknown';
  /** `true` only once the LA has assessed home education as unsuitable; `undefined` = not yet / not known. */
  homeEducationAssessedUnsuitable?: boolean;
}

/** The default flow's outcomes (docs/architecture.md#contracts). */
export type OutcomeId =
  | 'emergency'
  | 'not-compulsory-school-age'
  | 'attendance'
  | 'school-enquiries'
  | 'alternative-provision'
  | 'ehe'
  | 'cme';

const yesNo = (b: boolean | undefined): string => (b === undefined ? 'unknown' : b ? 'yes' : 'no');

/**
 * Maps facts to answers of the default flow, keyed by its question ids. Missing optional facts
 * become the question's "I do not know" answer: unknown whereabouts of a registered child stay
 * an attendance matter, unassessed home education stays EHE (docs/law.md#who-is-cme).
 */
export function caseAnswers(facts: CaseFacts): Answers {
  return {
    'immediate-risk': facts.immediateRisk ? 'yes' : 'no',
    'date-of-birth': facts.dateOfBirth ?? 'unknown',
    'age-band': facts.ageBand ?? 'unknown',
    registered: facts.registeredAtSchool,
    whereabouts: yesNo(facts.whereaboutsKnown),
    education: facts.education ?? 'unknown',
    'home-education-assessed': yesNo(facts.homeEducationAssessedUnsuitable),
  };
}

/**
 * Classifies a case on the civil date `today` (`YYYY-MM-DD`, Europe/London) by walking the
 * default flow (`cmeFlow()`) over {@link caseAnswers}.
 *
 * @throws {RangeError} naming the value if `today` or `dateOfBirth` is not a real date, or if the
 *   date of birth is after `today`.
 * @example classifyCase({ immediateRisk: false, dateOfBirth: '2015-05-01', registeredAtSchool: 'no', education: 'none' }, '2025-09-10') // 'cme'
 */
export function classifyCase(facts: CaseFacts, today: string): OutcomeId {
  parseIsoDate(today); // RangeError naming it unless YYYY-MM-DD in 1900–2199
  const answers = caseAnswers(facts);
  const { outcome, current } = walk(cmeFlow(), answers, today);
  if (outcome) return outcome as OutcomeId;
  const dob = facts.dateOfBirth;
  throw new RangeError(
    current === 'date-of-birth' && isIsoDate(dob)
      ? `Date of birth "${dob}" is after today (${today})`
      : current === 'date-of-birth'
        ? `Invalid date "${String(dob)}": expected a real calendar date as YYYY-MM-DD`
        : `Invalid value "${String(answers[current!])}" for the "${current}" question`,
  );
}
