/**
 * zod/mini schemas for flows and content overrides, and the parse functions a component uses on
 * editor-supplied config. Kept apart from the engine so a page that only shows the default flow
 * need not load zod (import it lazily when config carries `flow` or `content`).
 *
 * Built from the zod pieces the referral schema already uses, with `z.check`: no `union`,
 * `discriminatedUnion`, `record` or `refine`. zod is one module, so whatever any schema uses
 * ships in the referral check that every referral form loads; those four would add about
 * 1.5 KB gzipped to it for the few councils that write their own flow (docs/architecture.md,
 * "Budgets"). `oneOf` and `recordOf` below do their work and keep their error paths.
 */
import * as z from 'zod/mini';
import { isObject } from '../is-object.js';
import { applyContent, type ContentOverrides } from './content.js';
import type { Flow, FlowError } from './types.js';
import { validateFlow } from './validate.js';

/** Why a value has no schema that fits: a message (at `path` below it), or "not an object". */
type Refusal = { message: string; path?: string[] } | { expected: 'object' };

/** A nested parse's issues as this value's, `at` before their paths (a parsed issue is a raw one with its message set). */
const lift = (issues: readonly z.core.$ZodIssue[], at: PropertyKey[] = []) => issues.map((i) => ({ ...i, path: [...at, ...i.path] }) as z.core.$ZodRawIssue);

const mustBe = (values: readonly unknown[]) => `must be ${values.map((v) => JSON.stringify(v)).join(' or ')}`;

/**
 * A value checked by the schema `pick` chooses for it (by its type, or by an object's "type" or
 * "kind"), or refused as `pick` says: zod's `union` and `discriminatedUnion`. The chosen
 * schema's errors keep their paths, below this value's.
 */
function oneOf(pick: (v: unknown) => z.ZodMiniType | Refusal) {
  return z.unknown().check(
    z.check((p) => {
      const chosen = pick(p.value);
      if ('expected' in chosen) p.issues.push({ code: 'invalid_type', expected: chosen.expected, input: p.value, path: [] });
      else if ('message' in chosen) p.issues.push({ code: 'custom', input: p.value, path: chosen.path ?? [], message: chosen.message });
      else {
        const r = chosen.safeParse(p.value, { reportInput: true });
        if (r.success) p.value = r.data;
        else p.issues.push(...lift(r.error.issues));
      }
    }),
  );
}

/** The branch an object's `key` names, as zod's `discriminatedUnion` picks it. */
const byTag = (v: unknown, key: string, branches: Record<string, z.ZodMiniType>): z.ZodMiniType | Refusal => {
  if (!isObject(v)) return { expected: 'object' };
  const tag = v[key];
  return typeof tag === 'string' && Object.hasOwn(branches, tag) ? branches[tag]! : { path: [key], message: mustBe(Object.keys(branches)) };
};

/**
 * An object whose keys pass `key` and whose values pass `value`: zod's `record`. A key named
 * `__proto__` (which `JSON.parse` can make) is dropped, as zod drops it.
 */
function recordOf(key: z.ZodMiniType, value: z.ZodMiniType) {
  return z.unknown().check(
    z.check((p) => {
      const input = p.value;
      if (!isObject(input)) return void p.issues.push({ code: 'invalid_type', expected: 'record', input, path: [] });
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(input)) {
        if (k === '__proto__') continue;
        const keyCheck = key.safeParse(k);
        if (!keyCheck.success) {
          p.issues.push({ code: 'custom', input: k, path: [k], message: keyCheck.error.issues[0]!.message });
          continue;
        }
        const r = value.safeParse(input[k], { reportInput: true });
        if (r.success) out[k] = r.data;
        else p.issues.push(...lift(r.error.issues, [k]));
      }
      p.value = out;
    }),
  );
}

const text = z.string().check(z.minLength(1, { error: 'must not be empty' }));
const id = z.string().check(z.regex(/^[A-Za-z0-9_-]+$/, { error: 'must be letters, digits, "-" or "_" (no spaces)' }));
const href = z.string().check(
  z.regex(/^(https?:|mailto:|tel:|\/(?!\/)|#)/i, { error: 'must start with https://, http://, mailto:, tel:, / or #' }),
);
const nonEmpty = <T extends z.ZodMiniType>(t: T) => z.array(t).check(z.minLength(1, { error: 'must not be empty' }));

const blocks = {
  list: z.strictObject({ type: z.literal('list'), items: nonEmpty(text) }),
  link: z.strictObject({ type: z.literal('link'), text, href }),
};
/** A paragraph (text), or an object whose "type" says what it is. */
const block = oneOf((v) =>
  typeof v === 'string'
    ? text
    : isObject(v)
      ? byTag(v, 'type', blocks)
      : { message: 'must be text (a paragraph), a list {"type": "list", …} or a link {"type": "link", …}' },
);
const option = z.strictObject({ value: text, label: text, hint: z.optional(text) });
const csa = z.enum(['under', 'compulsory', 'over']);
/** Exactly one of two optional keys (zod/mini has no "oneOf keys"; a union would blur the errors). */
const exactlyOne = (a: string, b: string) =>
  z.check<Record<string, unknown>>((p) => {
    if ((a in p.value) === (b in p.value)) p.issues.push({ code: 'custom', input: p.value, path: [], message: `needs exactly one of "${a}" and "${b}"` });
  });
const condition = z
  .strictObject({
    answer: z.optional(oneOf((v) => (typeof v === 'string' ? text : Array.isArray(v) ? nonEmpty(text) : { message: 'must be an answer value or a list of them' }))),
    csa: z.optional(oneOf((v) => (Array.isArray(v) ? nonEmpty(csa) : csa))),
  })
  .check(exactlyOne('answer', 'csa'));
const route = z
  .strictObject({ when: z.optional(condition), otherwise: z.optional(z.literal(true)), next: id })
  .check(exactlyOne('when', 'otherwise'));
const contact = z.strictObject({
  name: text,
  phone: z.optional(text),
  email: z.optional(text),
  href: z.optional(href),
  note: z.optional(text),
});
const actions = {
  referral: z.strictObject({ kind: z.literal('referral'), label: text }),
  link: z.strictObject({ kind: z.literal('link'), label: text, href }),
};
const action = oneOf((v) => byTag(v, 'kind', actions));

/** The shape of a {@link Flow} (graph rules are checked by `validateFlow`). */
// Cast: `route` and `condition` are one object with exactly-one-of checks, typed as the `Route` union.
export const flowSchema = z.strictObject({
  id,
  start: id,
  questions: nonEmpty(
    z.strictObject({
      id,
      type: z.enum(['radios', 'yes-no', 'date-of-birth']),
      title: text,
      hint: z.optional(text),
      options: z.optional(z.array(option)),
      dontKnow: z.optional(z.strictObject({ value: text, label: text })),
      routes: nonEmpty(route),
    }),
  ),
  outcomes: nonEmpty(
    z.strictObject({
      id,
      title: text,
      tone: z.optional(z.enum(['urgent', 'info'])),
      body: z.array(block),
      nextSteps: z.array(block),
      contacts: z.optional(z.array(contact)),
      actions: z.optional(z.array(action)),
    }),
  ),
}) as unknown as z.ZodMiniType<Flow>;

/** The shape of {@link ContentOverrides}. */
export const contentSchema = recordOf(
  id,
  z.strictObject({
    title: z.optional(text),
    hint: z.optional(text),
    options: z.optional(recordOf(text, z.strictObject({ label: z.optional(text), hint: z.optional(text) }))),
    dontKnow: z.optional(text),
    body: z.optional(z.array(block)),
    nextSteps: z.optional(z.array(block)),
    contacts: z.optional(z.array(contact)),
    actions: z.optional(z.array(action)),
  }),
) as unknown as z.ZodMiniType<ContentOverrides>;

const NAMES: Record<string, string> = { string: 'text', array: 'a list', object: 'an object', record: 'an object', boolean: 'true or false', number: 'a number' };

/** Turns zod issues into `{path, message}` in plain English. */
function explain(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): FlowError[] {
  return issues.flatMap((i): FlowError[] => {
    const at = [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const path = at.join('.');
    const custom = i.message && i.message !== 'Invalid input' ? i.message : null;
    switch (i.code) {
      case 'unrecognized_keys':
        return i.keys.map((k) => ({ path: [...at, k].join('.'), message: 'is not a recognised field (check the spelling)' }));
      case 'invalid_type':
        return [{ path, message: i.input === undefined ? 'is required' : `must be ${NAMES[i.expected] ?? i.expected}` }];
      case 'invalid_value':
        return [{ path, message: mustBe(i.values) }];
      default:
        return [{ path, message: custom ?? 'is not valid' }];
    }
  });
}

/** Result of parsing editor config: the value, or every problem with the path at fault. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FlowError[] };

/**
 * Parses untrusted JSON as a flow: shape first (zod/mini), then the graph rules of
 * `validateFlow`. Errors are `{path, message}` in plain English, e.g.
 * `{ path: 'questions.3.routes.1.next', message: 'unknown id "foo"' }`.
 */
export function parseFlow(input: unknown): Parsed<Flow> {
  const r = flowSchema.safeParse(input, { reportInput: true });
  if (!r.success) return { ok: false, errors: explain(r.error.issues) };
  const errors = validateFlow(r.data);
  return errors.length ? { ok: false, errors } : { ok: true, value: r.data };
}

/**
 * Parses content overrides and applies them to `flow` (see `applyContent`); errors have paths
 * starting `content.`.
 */
export function parseContent(input: unknown, flow: Flow): Parsed<Flow> {
  const r = contentSchema.safeParse(input, { reportInput: true });
  if (!r.success) return { ok: false, errors: explain(r.error.issues, ['content']) };
  const applied = applyContent(flow, r.data);
  return applied.errors.length ? { ok: false, errors: applied.errors } : { ok: true, value: applied.flow };
}

/**
 * What `<cme-wizard>` does with its config: `flow` (a whole custom flow) replaces `fallback`,
 * then `content` overrides are applied. Paths start `flow.` or `content.`. Call it at render
 * time with `cmeFlow()` as the fallback so untouched text follows the active locale.
 */
export function loadFlow(config: { flow?: unknown; content?: unknown }, fallback: Flow): Parsed<Flow> {
  let flow = fallback;
  if (config.flow !== undefined) {
    const r = parseFlow(config.flow);
    if (!r.ok) return { ok: false, errors: r.errors.map((e) => ({ ...e, path: e.path ? `flow.${e.path}` : 'flow' })) };
    flow = r.value;
  }
  return config.content === undefined ? { ok: true, value: flow } : parseContent(config.content, flow);
}
