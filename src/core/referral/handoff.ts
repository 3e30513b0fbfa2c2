/**
 * The hand-off from the CME decision helper (`<cme-wizard>`) to the referral form, as a typed
 * contract in core: the wizard builds a `WizardPrefill`, the form applies it with
 * `applyPrefill()`. Neither component imports the other.
 */
import type { CaseFacts } from '../wizard/classify.js';
import { typedDate } from '../iso-date.js';
import { getAt, hasDate, setAt, type Answers } from './answers.js';

/**
 * What the wizard hands to the referral form: the answers on the path that led to the outcome,
 * under the names of `CaseFacts`. A field is `undefined` when its question was not on the path
 * or was answered "I do not know" (for `registeredAtSchool`/`education`, "unknown" is kept as
 * the value). It holds personal data (the date of birth), so it is passed by a direct method call
 * only: never in an event, the URL or storage.
 */
export interface WizardPrefill {
  /** The outcome reached, e.g. `cme`. */
  outcomeId: string;
  /** Every answer on the path, keyed by question id (for custom flows; dates are `YYYY-MM-DD`). */
  answers: Record<string, string>;
  /** "Is the child at immediate risk of harm?" → referral `safeguarding.immediateRisk`. */
  immediateRisk: boolean | undefined;
  /** `YYYY-MM-DD` → referral `child.dateOfBirth`. */
  dateOfBirth: string | undefined;
  /** → referral `education.registeredAtSchool`. */
  registeredAtSchool: CaseFacts['registeredAtSchool'] | undefined;
  /** → referral `child.whereaboutsKnown`. */
  whereaboutsKnown: boolean | undefined;
  /** → referral `education.provision` (same values). */
  education: CaseFacts['education'];
  homeEducationAssessedUnsuitable: boolean | undefined;
}

/** Where each hand-off value goes in the referral. */
export const PREFILL_PATHS = {
  immediateRisk: 'safeguarding.immediateRisk',
  dateOfBirth: 'child.dateOfBirth',
  whereaboutsKnown: 'child.whereaboutsKnown',
  registeredAtSchool: 'education.registeredAtSchool',
  education: 'education.provision',
} as const satisfies Partial<Record<keyof WizardPrefill, string>>;

/**
 * Fills the answers (in place) from the hand-off, only where the person has not answered yet
 * (an empty typed date counts as not answered). Returns the paths filled.
 */
export function applyPrefill(answers: Answers, data: WizardPrefill): string[] {
  const filled: string[] = [];
  for (const [key, path] of Object.entries(PREFILL_PATHS) as [keyof typeof PREFILL_PATHS, string][]) {
    const raw = data[key];
    const value = key === 'dateOfBirth' ? (raw === undefined ? undefined : typedDate(raw as string)) : raw;
    if (value === undefined || (key === 'dateOfBirth' && !hasDate(value))) continue;
    const now = getAt(answers, path);
    if (now !== undefined && !(key === 'dateOfBirth' && !hasDate(now))) continue;
    setAt(answers, path, value);
    filled.push(path);
  }
  return filled;
}
