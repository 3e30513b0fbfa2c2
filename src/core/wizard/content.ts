/**
 * Content overrides: a council edits the wording of a flow (titles, hints, option labels, outcome
 * text, contacts, actions) without touching its logic (ids, types, option values, routes).
 */
import { optionsOf } from './engine.js';
import type { Action, Block, Contact, Flow, FlowError } from './types.js';

/** Text overrides for a question. `options` is keyed by option value; `dontKnow` relabels the "I don't know" choice. */
export interface QuestionContent {
  title?: string;
  hint?: string;
  options?: Record<string, { label?: string; hint?: string }>;
  dontKnow?: string;
}

/** Content overrides for an outcome; each given field replaces the default one. */
export interface OutcomeContent {
  title?: string;
  body?: Block[];
  nextSteps?: Block[];
  contacts?: Contact[];
  actions?: Action[];
}

/** Overrides keyed by question or outcome id, e.g. `{ "cme": { "contacts": [...] } }`. */
export type ContentOverrides = Record<string, QuestionContent & OutcomeContent>;

const QUESTION_FIELDS = ['title', 'hint', 'options', 'dontKnow'];
const OUTCOME_FIELDS = ['title', 'body', 'nextSteps', 'contacts', 'actions'];

/**
 * Returns a copy of `flow` with `overrides` merged over its text, and the overrides that could
 * not apply (unknown id, a field the node does not have, an unknown option value), as
 * `content.<id>.<field>` paths. Valid parts still apply. Call it at render time over the
 * localised default flow (`cmeFlow()`), so untouched text stays translated.
 */
export function applyContent(flow: Flow, overrides: ContentOverrides): { flow: Flow; errors: FlowError[] } {
  const errors: FlowError[] = [];
  const copy: Flow = structuredClone(flow);
  for (const [id, o] of Object.entries(overrides)) {
    const q = copy.questions.find((x) => x.id === id);
    const out = copy.outcomes.find((x) => x.id === id);
    if (!q && !out) {
      errors.push({ path: `content.${id}`, message: `unknown question or outcome id "${id}"` });
      continue;
    }
    const allowed = q ? QUESTION_FIELDS : OUTCOME_FIELDS;
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) errors.push({ path: `content.${id}.${key}`, message: `a${q ? ' question' : 'n outcome'} has no "${key}" to override (it has ${allowed.join(', ')})` });
    }
    if (q) {
      if (o.title !== undefined) q.title = o.title;
      if (o.hint !== undefined) q.hint = o.hint;
      if (o.dontKnow !== undefined) {
        if (q.dontKnow) q.dontKnow.label = o.dontKnow;
        else errors.push({ path: `content.${id}.dontKnow`, message: `question "${id}" has no "I don't know" choice` });
      }
      for (const [value, text] of Object.entries(o.options ?? {})) {
        if (q.type === 'yes-no' && !q.options) q.options = optionsOf(q);
        const opt = q.options?.find((x) => x.value === value);
        if (opt) Object.assign(opt, text);
        else errors.push({ path: `content.${id}.options.${value}`, message: `question "${id}" has no option "${value}"` });
      }
    } else if (out) {
      for (const key of OUTCOME_FIELDS) if (key in o) Object.assign(out, { [key]: o[key as keyof OutcomeContent] });
    }
  }
  return { flow: copy, errors };
}
