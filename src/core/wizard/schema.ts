/**
 * zod/mini schemas for flows and content overrides, and the parse functions a component uses on
 * editor-supplied config. Kept apart from the engine so a page that only shows the default flow
 * need not load zod (import it lazily when config carries `flow` or `content`).
 */
import * as z from 'zod/mini';
import { applyContent, type ContentOverrides } from './content.js';
import type { Flow, FlowError } from './types.js';
import { validateFlow } from './validate.js';

const text = z.string().check(z.minLength(1, { error: 'must not be empty' }));
const id = z.string().check(z.regex(/^[A-Za-z0-9_-]+$/, { error: 'must be letters, digits, "-" or "_" (no spaces)' }));
const href = z.string().check(
  z.regex(/^(https?:|mailto:|tel:|\/(?!\/)|#)/i, { error: 'must start with https://, http://, mailto:, tel:, / or #' }),
);
const nonEmpty = <T extends z.ZodMiniType>(t: T) => z.array(t).check(z.minLength(1, { error: 'must not be empty' }));

const block = z.union(
  [
    text,
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('list'), items: nonEmpty(text) }),
      z.strictObject({ type: z.literal('link'), text, href }),
    ]),
  ],
  { error: 'must be text (a paragraph), a list {"type": "list", …} or a link {"type": "link", …}' },
);
const option = z.strictObject({ value: text, label: text, hint: z.optional(text) });
const csa = z.enum(['under', 'compulsory', 'over']);
/** Exactly one of two optional keys (zod/mini has no "oneOf keys"; a union would blur the errors). */
const oneOf = (a: string, b: string) =>
  z.refine((o) => (a in (o as object)) !== (b in (o as object)), { error: `needs exactly one of "${a}" and "${b}"` });
const condition = z
  .strictObject({ answer: z.optional(z.union([text, nonEmpty(text)], { error: 'must be an answer value or a list of them' })), csa: z.optional(z.union([csa, nonEmpty(csa)])) })
  .check(oneOf('answer', 'csa'));
const route = z
  .strictObject({ when: z.optional(condition), otherwise: z.optional(z.literal(true)), next: id })
  .check(oneOf('when', 'otherwise'));
const contact = z.strictObject({
  name: text,
  phone: z.optional(text),
  email: z.optional(text),
  href: z.optional(href),
  note: z.optional(text),
});
const action = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('referral'), label: text }),
  z.strictObject({ kind: z.literal('link'), label: text, href }),
]);

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
export const contentSchema = z.record(
  id,
  z.strictObject({
    title: z.optional(text),
    hint: z.optional(text),
    options: z.optional(z.record(text, z.strictObject({ label: z.optional(text), hint: z.optional(text) }))),
    dontKnow: z.optional(text),
    body: z.optional(z.array(block)),
    nextSteps: z.optional(z.array(block)),
    contacts: z.optional(z.array(contact)),
    actions: z.optional(z.array(action)),
  }),
) as unknown as z.ZodMiniType<ContentOverrides>;

const NAMES: Record<string, string> = { string: 'text', array: 'a list', object: 'an object', record: 'an object', boolean: 'true or false', number: 'a number' };

/** Turns zod issues into `{path, message}` in plain English, diving into the union branch that fits best. */
function explain(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): FlowError[] {
  return issues.flatMap((i): FlowError[] => {
    const at = [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const path = at.join('.');
    const custom = i.message && i.message !== 'Invalid input' ? i.message : null;
    switch (i.code) {
      case 'invalid_union': {
        // A wrong discriminator ("type", "kind"): name the allowed values.
        const options = (i as { options?: unknown[] }).options;
        if (options?.length) return [{ path, message: `must be ${options.map((v) => JSON.stringify(v)).join(' or ')}` }];
        // Text or object: the branch whose errors are not "wrong type at the top" is the one meant.
        const close = i.errors.filter((b) => !b.some((e) => e.path.length === 0 && e.code === 'invalid_type'));
        return close.length === 1 ? explain(close[0]!, at) : [{ path, message: custom ?? 'is not valid' }];
      }
      case 'unrecognized_keys':
        return i.keys.map((k) => ({ path: [...at, k].join('.'), message: 'is not a recognised field (check the spelling)' }));
      case 'invalid_type':
        return [{ path, message: i.input === undefined ? 'is required' : `must be ${NAMES[i.expected] ?? i.expected}` }];
      case 'invalid_value':
        return [{ path, message: `must be ${i.values.map((v) => JSON.stringify(v)).join(' or ')}` }];
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
