/**
 * The flow data model: a decision flow is plain JSON-serialisable data (GOV.UK Smart Answers
 * style). Questions route to other questions or to outcomes; answers are stored by question id.
 * See README "Wizard flows" and `engine.ts` for how a component drives it.
 */
import type { SchoolAgeStatus } from '../school-age.js';

/**
 * A block of outcome text. A plain string is a paragraph; `list` is a bulleted list; `link` a
 * single link (`href` is `https:`, `http:`, `mailto:`, `tel:`, or a path/fragment on this site).
 * Text may carry `{placeholders}` (see {@link fillBlocks}).
 */
export type Block = string | { type: 'list'; items: string[] } | { type: 'link'; text: string; href: string };

/** One choice of a `radios` or `yes-no` question. `value` is what is stored in the answers. */
export interface Option {
  value: string;
  label: string;
  hint?: string;
}

/**
 * A routing condition, evaluated against this question's own answer only (which keeps the graph
 * static, so the validator can check it exhaustively).
 * - `answer`: the stored value equals this value (or one of these values). Also matches the
 *   `dontKnow` value of any question type.
 * - `csa`: date-of-birth questions only; the child's compulsory-school-age status on `today`
 *   (computed by `school-age.ts`, docs/law.md#compulsory-school-age) is this status (or one of these).
 */
export type Condition = { answer: string | string[] } | { csa: SchoolAgeStatus | SchoolAgeStatus[] };

/**
 * A route: the first route (in order) whose condition holds decides the next node. A route with
 * `otherwise: true` always holds and must be last.
 */
export type Route = { when: Condition; next: string } | { otherwise: true; next: string };

/**
 * A question.
 * - `radios`: one of `options` (required, at least two).
 * - `yes-no`: values `yes` and `no`; `options` may be omitted (the component shows "Yes"/"No")
 *   or given to relabel them (values must stay `yes` and `no`).
 * - `date-of-birth`: a date `YYYY-MM-DD` (three fields in the component), not after today.
 * `dontKnow` adds an "I don't know" choice whose `value` is stored like any other answer.
 */
export interface Question {
  id: string;
  type: 'radios' | 'yes-no' | 'date-of-birth';
  title: string;
  hint?: string;
  options?: Option[];
  dontKnow?: { value: string; label: string };
  routes: Route[];
}

import type { Contact } from '../contact.js';

export type { Contact };

/**
 * Something the user can do from an outcome: `referral` opens the CME referral form (the
 * component decides how: a link to `referral-href` or an event); `link` is a plain link.
 */
export type Action = { kind: 'referral'; label: string } | { kind: 'link'; label: string; href: string };

/** An end point of the flow with its content. */
export interface Outcome {
  id: string;
  title: string;
  /** `urgent` outcomes (e.g. emergency) are styled as a warning. */
  tone?: 'urgent' | 'info';
  body: Block[];
  /** Shown under a "What to do next" heading. */
  nextSteps: Block[];
  contacts?: Contact[];
  actions?: Action[];
}

/** A whole flow. Question and outcome ids share one namespace; `start` is a question id. */
export interface Flow {
  id: string;
  start: string;
  questions: Question[];
  outcomes: Outcome[];
}

/** The answers store: question id → stored value (option value, `dontKnow` value, or ISO date). */
export type Answers = Readonly<Record<string, string | undefined>>;

/** A problem found in a flow or its config: a dotted path (`questions.3.routes.1.next`) and plain English. */
export interface FlowError {
  path: string;
  message: string;
}
