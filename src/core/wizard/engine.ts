/**
 * The flow engine: walks a {@link Flow} over an answers store (GOV.UK Smart Answers style).
 * Pure functions, no DOM; `today` is always an explicit `YYYY-MM-DD` civil date (Europe/London,
 * see `londonDate` in london-date.ts), so results are reproducible.
 */
import { msg } from '@lit/localize';
import { parseIsoDate } from '../iso-date.js';
import { compulsorySchoolAge, isIsoDate, schoolAgeStatus, type IsoDate, type SchoolAgeStatus } from '../school-age.js';
import type { Answers, Block, Condition, Flow, Option, Outcome, Question } from './types.js';

/** The three CSA statuses a date-of-birth route can test (docs/law.md#compulsory-school-age). */
export const CSA_STATUSES: readonly SchoolAgeStatus[] = ['under', 'compulsory', 'over'];

/** The question with this id, if any. */
export const questionOf = (flow: Flow, id: string): Question | undefined => flow.questions.find((q) => q.id === id);

/** The outcome with this id, if any. */
export const outcomeOf = (flow: Flow, id: string): Outcome | undefined => flow.outcomes.find((o) => o.id === id);

/**
 * The choices to render for a question, without its `dontKnow` choice (render that separately,
 * e.g. after an "or" divider). `yes-no` questions without `options` get localised "Yes"/"No";
 * date-of-birth questions have none.
 */
export function optionsOf(question: Question): Option[] {
  if (question.type === 'yes-no' && !question.options) {
    return [
      { value: 'yes', label: msg('Yes') },
      { value: 'no', label: msg('No') },
    ];
  }
  return question.type === 'date-of-birth' ? [] : (question.options ?? []);
}

/**
 * One class of answers to a question, as seen by routing: a stored `value` (an option or the
 * `dontKnow` value), or, for date-of-birth questions, any valid date giving this `csa` status.
 */
export type AnswerCase = { value: string } | { csa: SchoolAgeStatus };

/** Every class of answer a question accepts; routing must cover each one (see `validateFlow`). */
export function answerCases(question: Question): AnswerCase[] {
  const cases: AnswerCase[] =
    question.type === 'date-of-birth' ? CSA_STATUSES.map((csa) => ({ csa })) : optionsOf(question).map((o) => ({ value: o.value }));
  if (question.dontKnow) cases.push({ value: question.dontKnow.value });
  return cases;
}

const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

function holds(when: Condition, c: AnswerCase): boolean {
  if ('answer' in when) return 'value' in c && list(when.answer).includes(c.value);
  return 'csa' in c && list(when.csa).includes(c.csa);
}

/** Index of the first route of `question` that takes answer class `c`, or -1 if none does. */
export function routeIndex(question: Question, c: AnswerCase): number {
  return question.routes.findIndex((r) => 'otherwise' in r || holds(r.when, c));
}

/** Why a stored answer cannot be used, or `null` if it can. */
export type AnswerProblem = 'missing' | 'invalid' | 'future';

/**
 * Checks a stored answer: `missing` (nothing chosen), `invalid` (not one of the choices, or not a
 * real `YYYY-MM-DD` date) or `future` (a date of birth after `today`). Components show their own
 * field-level messages (GOV.UK date input rules); this is the engine's own gate.
 * @throws {RangeError} naming `today` unless it is `YYYY-MM-DD` in 1900–2199.
 */
export function answerProblem(question: Question, value: string | undefined, today: IsoDate): AnswerProblem | null {
  parseIsoDate(today); // a RangeError naming it unless YYYY-MM-DD in 1900–2199
  if (value === undefined || value === '') return 'missing';
  if (question.dontKnow?.value === value) return null;
  if (question.type === 'date-of-birth') return !isIsoDate(value) ? 'invalid' : value > today ? 'future' : null;
  return optionsOf(question).some((o) => o.value === value) ? null : 'invalid';
}

function caseOf(question: Question, value: string, today: IsoDate): AnswerCase {
  return question.type === 'date-of-birth' && value !== question.dontKnow?.value
    ? { csa: schoolAgeStatus(value, today) }
    : { value };
}

/**
 * The node (question or outcome id) that follows `questionId` given the answers, or `null` if the
 * question is unknown, its answer is missing/invalid, or no route matches.
 * @throws {RangeError} naming `today` unless it is `YYYY-MM-DD` in 1900–2199.
 */
export function nextNode(flow: Flow, questionId: string, answers: Answers, today: IsoDate): string | null {
  parseIsoDate(today);
  const q = questionOf(flow, questionId);
  const value = answers[questionId];
  if (!q || answerProblem(q, value, today)) return null;
  return q.routes[routeIndex(q, caseOf(q, value!, today))]?.next ?? null;
}

/**
 * Values for `{placeholders}` in outcome content, all ISO dates (`YYYY-MM-DD`) that the
 * component formats for display before {@link fillBlocks}. Present only when the path holds a
 * valid date of birth:
 * - `dateOfBirth`, `csaStarts` (first day of CSA), `csaEnds` (last day of CSA) — always then;
 * - `reachesCsaOn` = `csaStarts`, only while the child is under CSA on `today`;
 * - `leftCsaOn` = `csaEnds`, only once the child is over CSA on `today`.
 */
export type PlaceholderValues = Partial<Record<'dateOfBirth' | 'csaStarts' | 'csaEnds' | 'reachesCsaOn' | 'leftCsaOn', IsoDate>>;

/** Where the answers lead. */
export interface WalkResult {
  /** Question ids on the current path, in order (the "check your answers" rows). */
  path: string[];
  /** The first question on the path whose answer is missing or unusable; `null` once an outcome is reached. */
  current: string | null;
  /** The outcome reached, or `null` while a question is pending. */
  outcome: string | null;
  /** Placeholder values for the outcome content (see {@link PlaceholderValues}). */
  values: PlaceholderValues;
}

/**
 * Follows the answers from `flow.start`. Answers to questions that are not on the resulting path
 * are ignored (keep them in the store: they apply again if the user changes an earlier answer
 * back). A broken flow (cycle, unknown id) stops with `current` at the question at fault; run
 * `validateFlow` first.
 * @throws {RangeError} naming `today` unless it is `YYYY-MM-DD` in 1900–2199.
 */
export function walk(flow: Flow, answers: Answers, today: IsoDate): WalkResult {
  parseIsoDate(today);
  const path: string[] = [];
  const values: PlaceholderValues = {};
  let node: string | null = flow.start;
  while (node !== null) {
    if (outcomeOf(flow, node)) return { path, current: null, outcome: node, values };
    const q = questionOf(flow, node);
    if (!q || path.includes(node)) break;
    path.push(node);
    const value = answers[node];
    if (q.type === 'date-of-birth' && !answerProblem(q, value, today) && isIsoDate(value)) {
      const { starts, ends } = compulsorySchoolAge(value);
      const status = schoolAgeStatus(value, today);
      Object.assign(values, { dateOfBirth: value, csaStarts: starts, csaEnds: ends });
      if (status === 'under') values.reachesCsaOn = starts;
      if (status === 'over') values.leftCsaOn = ends;
    }
    const next = nextNode(flow, node, answers, today);
    if (next === null) return { path, current: node, outcome: null, values };
    node = next;
  }
  return { path, current: path[path.length - 1] ?? null, outcome: null, values };
}

/** The label shown for a stored answer on "check your answers": the option or "don't know" label, else the value (a date: format it). */
export function answerLabel(question: Question, value: string): string {
  if (question.dontKnow?.value === value) return question.dontKnow.label;
  return optionsOf(question).find((o) => o.value === value)?.label ?? value;
}

/**
 * Replaces `{name}` placeholders in `text`; returns `null` if any placeholder has no value (the
 * caller drops that text). Unknown braces that are not `{word}` are left alone.
 */
export function fillText(text: string, values: Readonly<Record<string, string | undefined>>): string | null {
  let missing = false;
  const out = text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ((missing = true), ''));
  return missing ? null : out;
}

/**
 * Fills placeholders in outcome blocks. A paragraph, list item or link with a placeholder that
 * has no value is left out, so one outcome can carry optional sentences (e.g. "reaches compulsory
 * school age on {reachesCsaOn}" shows only when that date is known). Empty lists are dropped.
 */
export function fillBlocks(blocks: readonly Block[], values: Readonly<Record<string, string | undefined>>): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (typeof b === 'string') {
      const t = fillText(b, values);
      if (t !== null) out.push(t);
    } else if (b.type === 'list') {
      const items = b.items.map((i) => fillText(i, values)).filter((i): i is string => i !== null);
      if (items.length) out.push({ type: 'list', items });
    } else {
      const text = fillText(b.text, values);
      if (text !== null) out.push({ ...b, text });
    }
  }
  return out;
}

/** A static edge of the flow graph: answers of class `cases` to question `from` lead to `to`. */
export interface Edge {
  from: string;
  to: string;
  cases: AnswerCase[];
}

/** All edges, grouped by (question, next node) in route order. Unrouted answers produce no edge. */
export function edges(flow: Flow): Edge[] {
  const out: Edge[] = [];
  for (const q of flow.questions) {
    const byTarget = new Map<string, Edge>();
    for (const c of answerCases(q)) {
      const to = q.routes[routeIndex(q, c)]?.next;
      if (to === undefined) continue;
      const e = byTarget.get(to) ?? { from: q.id, to, cases: [] };
      e.cases.push(c);
      byTarget.set(to, e);
    }
    out.push(...byTarget.values());
  }
  return out;
}

/** For each question id, the ids of the nodes its answers can lead to (for tests and review). */
export function reachability(flow: Flow): Record<string, string[]> {
  const out: Record<string, string[]> = Object.fromEntries(flow.questions.map((q) => [q.id, [] as string[]]));
  for (const e of edges(flow)) out[e.from]!.push(e.to);
  return out;
}
