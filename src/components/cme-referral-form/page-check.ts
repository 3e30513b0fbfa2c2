import { checkDate } from '../../internal/date-input.js';
import { isObject } from '../../core/is-object.js';
import type { TypedDate } from '../../core/iso-date.js';
import { dateValue, getAt, type Answers } from '../../core/referral/answers.js';
import { pruneAnswers, type HideableSection, type JourneyPage } from '../../core/referral/journey.js';
import type { ReferralError } from '../../core/referral/schema.js';
import { labelOf } from './text.js';

type Schema = Pick<typeof import('../../core/referral/schema.js'), 'parseSections'>;

/**
 * The errors of one page on "Continue": the browser's own date check first (GOV.UK's "must
 * include a month" messages and the parts at fault), then the schema's for the page's sections,
 * one per field, in the order the fields are on the page. `names` are the form's control names.
 */
export function checkPage(schema: Schema, answers: Answers, hidden: readonly HideableSection[], page: JourneyPage, names: readonly string[]): { errors: ReferralError[]; faults: Record<string, readonly string[]> } {
  const paths = names.map((n) => n.replace(/-(day|month|year)$/, '')).filter(Boolean);
  const at = (path: string) => paths.findIndex((n) => n === path || n.startsWith(`${path}.`));
  const own: ReferralError[] = [];
  const faults: Record<string, readonly string[]> = {};
  for (const path of new Set(paths)) {
    const v = getAt(answers, path);
    if (!isObject(v) || !dateValue(v)) continue;
    const parts = { day: '', month: '', year: '', ...v } as TypedDate;
    const r = checkDate({ day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() }, labelOf(path), '');
    if ('error' in r) {
      own.push({ path, message: r.error });
      faults[path] = r.parts;
    }
  }
  const r = schema.parseSections(pruneAnswers(answers, hidden), page.sections);
  const seen = new Set<string>();
  const errors = [...own, ...(r.ok ? [] : r.errors)]
    .filter((e) => at(e.path) >= 0 && !seen.has(e.path) && seen.add(e.path))
    .sort((a, b) => at(a.path) - at(b.path));
  return { errors, faults };
}
