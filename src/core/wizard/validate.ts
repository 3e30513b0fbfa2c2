/**
 * The flow validator: the graph rules every flow must satisfy, whether shipped or written by a
 * council's web editor. Run by a test on every shipped flow and by `parseFlow` on custom ones.
 * Messages are plain English for the editor, each with the dotted path at fault.
 */
import { answerCases, edges, optionsOf, routeIndex, type AnswerCase } from './engine.js';
import type { Flow, FlowError, Question } from './types.js';

const describe = (c: AnswerCase): string =>
  'value' in c ? `the answer "${c.value}"` : { under: 'children under', compulsory: 'children of', over: 'children over' }[c.csa] + ' compulsory school age';

function checkQuestion(q: Question, at: string, ids: Set<string>, errors: FlowError[]): void {
  const err = (path: string, message: string) => errors.push({ path: `${at}${path}`, message });
  if (q.type === 'radios' && (q.options?.length ?? 0) < 2) err('.options', 'a radios question needs at least two options');
  if (q.type === 'yes-no' && q.options && q.options.map((o) => o.value).join() !== 'yes,no') {
    err('.options', 'a yes-no question has exactly two options, with the values "yes" then "no"');
  }
  if (q.type === 'date-of-birth' && q.options) err('.options', 'a date-of-birth question has no options (use "dontKnow" for "I do not know")');
  const seen = new Set<string>();
  optionsOf(q).forEach((o, j) => {
    if (seen.has(o.value)) err(`.options.${j}.value`, `duplicate value "${o.value}"`);
    seen.add(o.value);
  });
  if (q.dontKnow && seen.has(q.dontKnow.value)) err('.dontKnow.value', `"${q.dontKnow.value}" is already the value of an option`);
  if (q.dontKnow) seen.add(q.dontKnow.value);

  const cases = answerCases(q);
  const used = new Set(cases.map((c) => routeIndex(q, c)));
  q.routes.forEach((r, j) => {
    const rp = `.routes.${j}`;
    if (!ids.has(r.next)) err(`${rp}.next`, `unknown id "${r.next}"`);
    if ('when' in r && 'answer' in r.when) {
      const many = Array.isArray(r.when.answer);
      (many ? (r.when.answer as string[]) : [r.when.answer as string]).forEach((v, k) => {
        if (!seen.has(v)) err(`${rp}.when.answer${many ? `.${k}` : ''}`, `"${v}" is not one of this question's answers`);
      });
    } else if ('when' in r && q.type !== 'date-of-birth') {
      err(`${rp}.when.csa`, 'only a date-of-birth question can route on compulsory school age');
    }
    if (!used.has(j)) err(rp, 'this route is never used: earlier routes already take every answer it matches');
  });
  cases.forEach((c) => {
    if (routeIndex(q, c) < 0) err('.routes', `no route for ${describe(c)}, so that path never reaches an outcome`);
  });
}

/**
 * Checks a flow's graph: unique ids; `start` is a question; every `next` exists; every answer to
 * every question has a route (so every path ends in an outcome); no route is dead; no cycles;
 * every question and outcome can be reached from `start`. Returns `[]` for a valid flow.
 * Assumes the shape is right (use `parseFlow` for untrusted JSON).
 *
 * @example validateFlow(flow) // [{ path: 'questions.3.routes.1.next', message: 'unknown id "foo"' }]
 */
export function validateFlow(flow: Flow): FlowError[] {
  const errors: FlowError[] = [];
  const where = new Map<string, string>();
  const nodes = [...flow.questions.map((q, i) => [q.id, `questions.${i}`]), ...flow.outcomes.map((o, i) => [o.id, `outcomes.${i}`])];
  for (const [id, at] of nodes) {
    if (where.has(id!)) errors.push({ path: `${at}.id`, message: `duplicate id "${id}" (also used by ${where.get(id!)})` });
    else where.set(id!, at!);
  }
  const ids = new Set(where.keys());
  const isQuestion = new Set(flow.questions.map((q) => q.id));
  if (!ids.has(flow.start)) errors.push({ path: 'start', message: `unknown id "${flow.start}"` });
  else if (!isQuestion.has(flow.start)) errors.push({ path: 'start', message: `"${flow.start}" is an outcome; a flow starts with a question` });

  flow.questions.forEach((q, i) => checkQuestion(q, `questions.${i}`, ids, errors));

  // The static graph (answers → next node), keeping only edges to known nodes.
  const next = new Map<string, string[]>();
  for (const e of edges(flow)) if (ids.has(e.to)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);

  // Cycles: depth-first search from every question; report each back edge once.
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 1);
    stack.push(id);
    for (const to of next.get(id) ?? []) {
      if (state.get(to) === 1) {
        const q = flow.questions.findIndex((x) => x.id === id);
        const r = flow.questions[q]!.routes.findIndex((x) => x.next === to);
        errors.push({ path: `questions.${q}.routes.${r}.next`, message: `cycle: ${[...stack.slice(stack.indexOf(to)), to].join(' → ')}` });
      } else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const q of flow.questions) if (!state.has(q.id)) visit(q.id);

  // Reachability from the start (skipped when the start itself is wrong: everything would be reported).
  if (!isQuestion.has(flow.start)) return errors;
  const reached = new Set<string>();
  const todo = [flow.start];
  while (todo.length) {
    const id = todo.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    todo.push(...(next.get(id) ?? []));
  }
  flow.questions.forEach((q, i) => {
    if (!reached.has(q.id) && where.get(q.id) === `questions.${i}`) {
      errors.push({ path: `questions.${i}`, message: `question "${q.id}" cannot be reached from the start` });
    }
  });
  flow.outcomes.forEach((o, i) => {
    if (!reached.has(o.id) && where.get(o.id) === `outcomes.${i}`) {
      const linked = flow.questions.some((q) => q.routes.some((r) => r.next === o.id));
      errors.push({ path: `outcomes.${i}`, message: linked ? `outcome "${o.id}" cannot be reached from the start` : `outcome "${o.id}" is not used by any route` });
    }
  });
  return errors;
}
