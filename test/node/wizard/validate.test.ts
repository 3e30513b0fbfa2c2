// The flow validator: shipped flows pass; each kind of broken flow is reported with its path.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cmeFlow } from '../../../src/core/wizard/cme-flow.js';
import { loadFlow, parseContent, parseFlow } from '../../../src/core/wizard/schema.js';
import type { Flow, FlowError } from '../../../src/core/wizard/types.js';
import { validateFlow } from '../../../src/core/wizard/validate.js';
import { smallFlow } from './fixtures.js';

/** Every shipped flow; a new flow module must be added here. */
const SHIPPED: Record<string, () => Flow> = { cme: cmeFlow };

const has = (errors: FlowError[], path: string, pattern: RegExp | string): void => {
  const hit = errors.find((e) => e.path === path && (typeof pattern === 'string' ? e.message === pattern : pattern.test(e.message)));
  assert.ok(hit, `expected ${path}: ${pattern}\ngot ${JSON.stringify(errors, null, 1)}`);
};

const broken = (edit: (f: Flow) => void): Flow => {
  const f = smallFlow();
  edit(f);
  return f;
};

describe('shipped flows', () => {
  for (const [name, make] of Object.entries(SHIPPED)) {
    it(`${name}: passes validateFlow and parseFlow (JSON round trip)`, () => {
      assert.deepEqual(validateFlow(make()), []);
      const parsed = parseFlow(JSON.parse(JSON.stringify(make())));
      assert.deepEqual(parsed, { ok: true, value: make() });
    });
  }
  it('the small fixture flow is valid', () => assert.deepEqual(validateFlow(smallFlow()), []));
});

describe('graph errors (validateFlow)', () => {
  it('dangling id', () => {
    const errors = validateFlow(broken((f) => (f.questions[1]!.routes[1]!.next = 'foo')));
    has(errors, 'questions.1.routes.1.next', 'unknown id "foo"');
  });
  it('unknown start', () => {
    has(validateFlow(broken((f) => (f.start = 'nope'))), 'start', 'unknown id "nope"');
    has(validateFlow(broken((f) => (f.start = 'done1'))), 'start', /is an outcome/);
  });
  it('cycle', () => {
    const errors = validateFlow(broken((f) => (f.questions[1]!.routes[0]!.next = 'a')));
    has(errors, 'questions.1.routes.0.next', 'cycle: a → b → a');
  });
  it('self-loop', () => {
    has(validateFlow(broken((f) => (f.questions[1]!.routes[0]!.next = 'b'))), 'questions.1.routes.0.next', 'cycle: b → b');
  });
  it('unreachable question', () => {
    const errors = validateFlow(
      broken((f) =>
        f.questions.push({ id: 'c', type: 'yes-no', title: 'C?', routes: [{ otherwise: true, next: 'done1' }] }),
      ),
    );
    has(errors, 'questions.2', 'question "c" cannot be reached from the start');
  });
  it('orphan outcome', () => {
    const errors = validateFlow(broken((f) => f.outcomes.push({ id: 'lonely', title: 'L', body: [], nextSteps: [] })));
    has(errors, 'outcomes.2', 'outcome "lonely" is not used by any route');
  });
  it('outcome only reachable from an unreachable question', () => {
    const errors = validateFlow(
      broken((f) => {
        f.questions.push({ id: 'c', type: 'yes-no', title: 'C?', routes: [{ otherwise: true, next: 'done3' }] });
        f.outcomes.push({ id: 'done3', title: 'D3', body: [], nextSteps: [] });
      }),
    );
    has(errors, 'outcomes.2', 'outcome "done3" cannot be reached from the start');
  });
  it('path with no outcome: an answer without a route', () => {
    const errors = validateFlow(broken((f) => f.questions[1]!.routes.pop()));
    has(errors, 'questions.1.routes', 'no route for the answer "y", so that path never reaches an outcome');
  });
  it('date-of-birth question without a route for a CSA status', () => {
    const errors = validateFlow(
      broken((f) => {
        f.questions[1] = {
          id: 'b',
          type: 'date-of-birth',
          title: 'DOB?',
          dontKnow: { value: 'unknown', label: "Don't know" },
          routes: [{ when: { csa: ['under', 'over'] }, next: 'done1' }, { when: { answer: 'unknown' }, next: 'done2' }],
        };
      }),
    );
    has(errors, 'questions.1.routes', /no route for children of compulsory school age/);
  });
  it('route that can never be used', () => {
    const errors = validateFlow(broken((f) => f.questions[1]!.routes.push({ when: { answer: 'x' }, next: 'done2' })));
    has(errors, 'questions.1.routes.2', /never used/);
  });
  it('condition on an answer the question does not have', () => {
    const errors = validateFlow(broken((f) => (f.questions[1]!.routes[0] = { when: { answer: ['x', 'z'] }, next: 'done1' })));
    has(errors, 'questions.1.routes.0.when.answer.1', `"z" is not one of this question's answers`);
  });
  it('csa condition on a question that is not a date of birth', () => {
    const errors = validateFlow(broken((f) => (f.questions[1]!.routes[0] = { when: { csa: 'under' }, next: 'done1' })));
    has(errors, 'questions.1.routes.0.when.csa', /only a date-of-birth question/);
  });
  it('duplicate ids (questions and outcomes share one namespace) and duplicate option values', () => {
    const errors = validateFlow(
      broken((f) => {
        f.outcomes[1]!.id = 'b';
        f.questions[1]!.options!.push({ value: 'x', label: 'X again' });
      }),
    );
    has(errors, 'outcomes.1.id', 'duplicate id "b" (also used by questions.1)');
    has(errors, 'questions.1.options.2.value', 'duplicate value "x"');
  });
  it('bad options for the question type', () => {
    has(validateFlow(broken((f) => (f.questions[1]!.options = [{ value: 'x', label: 'X' }]))), 'questions.1.options', /at least two options/);
    has(validateFlow(broken((f) => (f.questions[0]!.options = [{ value: 'y', label: 'Y' }, { value: 'n', label: 'N' }]))), 'questions.0.options', /"yes" then "no"/);
  });
});

describe('schema errors (parseFlow)', () => {
  const parse = (edit: (f: Record<string, unknown>) => void) => {
    const f = JSON.parse(JSON.stringify(smallFlow())) as Record<string, unknown>;
    edit(f);
    const r = parseFlow(f);
    assert.equal(r.ok, false);
    return r.ok ? [] : r.errors;
  };
  const q = (f: Record<string, unknown>, i: number) => (f['questions'] as Record<string, unknown>[])[i]!;

  it('not an object', () => {
    const r = parseFlow('nope');
    assert.deepEqual(r, { ok: false, errors: [{ path: '', message: 'must be an object' }] });
  });
  it('missing and mistyped fields', () => {
    has(parse((f) => delete q(f, 0)['title']), 'questions.0.title', 'is required');
    has(parse((f) => (q(f, 0)['routes'] = 'b')), 'questions.0.routes', 'must be a list');
    has(parse((f) => (q(f, 0)['routes'] = [])), 'questions.0.routes', 'must not be empty');
  });
  it('bad enum value', () => {
    has(parse((f) => (q(f, 0)['type'] = 'checkbox')), 'questions.0.type', 'must be "radios" or "yes-no" or "date-of-birth"');
  });
  it('unknown field (a typo)', () => {
    has(parse((f) => (q(f, 1)['tittle'] = 'B?')), 'questions.1.tittle', /not a recognised field/);
  });
  it('ids with spaces', () => {
    has(parse((f) => (q(f, 1)['id'] = 'b b')), 'questions.1.id', /letters, digits/);
  });
  it('a route with neither when nor otherwise', () => {
    has(parse((f) => ((q(f, 1)['routes'] as unknown[])[0] = { next: 'done1' })), 'questions.1.routes.0', /exactly one of "when" and "otherwise"/);
  });
  it('a malformed block inside a list reports the inner path', () => {
    has(
      parse((f) => ((f['outcomes'] as Record<string, unknown>[])[0]!['body'] = ['ok', { type: 'list', items: [] }])),
      'outcomes.0.body.1.items',
      'must not be empty',
    );
  });
  it('javascript: links are refused', () => {
    has(
      parse((f) => ((f['outcomes'] as Record<string, unknown>[])[0]!['body'] = [{ type: 'link', text: 'x', href: 'javascript:alert(1)' }])),
      'outcomes.0.body.0.href',
      /must start with https/,
    );
  });
  // union, discriminatedUnion and record are written with z.check (src/core/wizard/schema.ts):
  // each branch's errors keep their paths, and a value no branch fits says what would.
  it('a block is text, a list or a link; anything else says so', () => {
    const body = (value: unknown) => parse((f) => ((f['outcomes'] as Record<string, unknown>[])[0]!['body'] = [value]));
    for (const v of [5, null, ['a']]) has(body(v), 'outcomes.0.body.0', /must be text \(a paragraph\), a list/);
    has(body(''), 'outcomes.0.body.0', 'must not be empty');
    has(body({ items: ['a'] }), 'outcomes.0.body.0.type', 'must be "list" or "link"');
    has(body({ type: 'para', text: 'x' }), 'outcomes.0.body.0.type', 'must be "list" or "link"');
    has(body({ type: 'list', items: ['a'], text: 'x' }), 'outcomes.0.body.0.text', /not a recognised field/);
    has(body({ type: 'link', text: 'x' }), 'outcomes.0.body.0.href', 'is required');
  });
  it('an action is chosen by its kind', () => {
    const actions = (value: unknown) => parse((f) => ((f['outcomes'] as Record<string, unknown>[])[0]!['actions'] = [value]));
    has(actions(5), 'outcomes.0.actions.0', 'must be an object');
    has(actions({ label: 'x' }), 'outcomes.0.actions.0.kind', 'must be "referral" or "link"');
    has(actions({ kind: 'link', label: 'x' }), 'outcomes.0.actions.0.href', 'is required');
    has(actions({ kind: 'referral', label: 'x', href: '/a' }), 'outcomes.0.actions.0.href', /not a recognised field/);
  });
  it('a condition answer is a value or a list of them; csa likewise', () => {
    const when = (value: unknown) => parse((f) => ((q(f, 0)['routes'] as Record<string, unknown>[])[0]!['when'] = value));
    has(when({ answer: 5 }), 'questions.0.routes.0.when.answer', 'must be an answer value or a list of them');
    has(when({ answer: ['yes', ''] }), 'questions.0.routes.0.when.answer.1', 'must not be empty');
    has(when({ answer: [] }), 'questions.0.routes.0.when.answer', 'must not be empty');
    has(when({ csa: 'old' }), 'questions.0.routes.0.when.csa', 'must be "under" or "compulsory" or "over"');
    has(when({ csa: ['under', 'old'] }), 'questions.0.routes.0.when.csa.1', 'must be "under" or "compulsory" or "over"');
    has(when({ answer: 'yes', csa: 'under' }), 'questions.0.routes.0.when', 'needs exactly one of "answer" and "csa"');
  });
  it('parsed blocks, actions and conditions come out as they went in', () => {
    const flow = smallFlow();
    flow.outcomes[0]!.body = ['p', { type: 'list', items: ['a', 'b'] }, { type: 'link', text: 'x', href: '/a' }];
    flow.outcomes[0]!.actions = [{ kind: 'referral', label: 'Refer' }, { kind: 'link', label: 'L', href: 'https://example.org' }];
    flow.questions[0]!.routes[0] = { when: { answer: ['yes'] }, next: 'b' };
    assert.deepEqual(parseFlow(JSON.parse(JSON.stringify(flow))), { ok: true, value: flow });
  });
  it('graph errors come through parseFlow too', () => {
    has(parse((f) => (((q(f, 1)['routes'] as Record<string, unknown>[])[1]!)['next'] = 'foo')), 'questions.1.routes.1.next', 'unknown id "foo"');
  });
});

describe('content overrides', () => {
  it('change wording, not logic', () => {
    const r = parseContent(
      {
        registered: { title: 'Is the child registered at a school?', dontKnow: 'Not sure' },
        'immediate-risk': { options: { yes: { label: 'Yes, now' } } },
        cme: { contacts: [{ name: 'CME team', email: 'cme@example.gov.uk' }] },
      },
      cmeFlow(),
    );
    assert.ok(r.ok, JSON.stringify(r));
    const q = r.value.questions.find((x) => x.id === 'registered')!;
    assert.equal(q.title, 'Is the child registered at a school?');
    assert.equal(q.dontKnow?.label, 'Not sure');
    assert.deepEqual(r.value.questions.find((x) => x.id === 'immediate-risk')!.options?.map((o) => [o.value, o.label]), [
      ['yes', 'Yes, now'],
      ['no', 'No'],
    ]);
    assert.equal(r.value.outcomes.find((o) => o.id === 'cme')!.contacts![0]!.email, 'cme@example.gov.uk');
    assert.deepEqual(validateFlow(r.value), []);
    assert.deepEqual(r.value.questions.map((x) => x.routes), cmeFlow().questions.map((x) => x.routes));
  });
  it('reports unknown ids, fields and options with paths', () => {
    const r = parseContent({ nope: { title: 'x' }, cme: { hint: 'x' }, registered: { options: { maybe: { label: 'M' } }, routes: [] } }, cmeFlow());
    assert.equal(r.ok, false);
    const errors = r.ok ? [] : r.errors;
    has(errors, 'content.registered.routes', /not a recognised field/);
    const r2 = parseContent({ nope: { title: 'x' }, cme: { hint: 'x' }, registered: { options: { maybe: { label: 'M' } } } }, cmeFlow());
    const e2 = r2.ok ? [] : r2.errors;
    has(e2, 'content.nope', 'unknown question or outcome id "nope"');
    has(e2, 'content.cme.hint', /an outcome has no "hint"/);
    has(e2, 'content.registered.options.maybe', 'question "registered" has no option "maybe"');
  });
  it('content keys are checked as ids (and option values as text); a __proto__ key is dropped', () => {
    const errors = (input: unknown) => {
      const r = parseContent(input, cmeFlow());
      return r.ok ? [] : r.errors;
    };
    has(errors([]), 'content', 'must be an object');
    has(errors({ 'b b': { title: 'x' } }), 'content.b b', /letters, digits/);
    has(errors({ registered: { options: { '': { label: 'x' } } } }), 'content.registered.options.', 'must not be empty');
    has(errors({ registered: { options: { yes: { labl: 'x' } } } }), 'content.registered.options.yes.labl', /not a recognised field/);
    const r = parseContent(JSON.parse('{"__proto__": {"title": "x"}, "cme": {"title": "T"}}'), cmeFlow());
    assert.ok(r.ok && r.value.outcomes.find((o) => o.id === 'cme')!.title === 'T');
    assert.equal(Object.getPrototypeOf({}).title, undefined);
  });
  it('loadFlow prefixes paths with flow. or content.', () => {
    const bad = loadFlow({ flow: { ...smallFlow(), start: 'zzz' } }, cmeFlow());
    assert.deepEqual(bad, { ok: false, errors: [{ path: 'flow.start', message: 'unknown id "zzz"' }] });
    const badContent = loadFlow({ content: { cme: { title: '' } } }, cmeFlow());
    assert.deepEqual(badContent, { ok: false, errors: [{ path: 'content.cme.title', message: 'must not be empty' }] });
    const custom = loadFlow({ flow: smallFlow(), content: { done1: { title: 'First' } } }, cmeFlow());
    assert.ok(custom.ok && custom.value.outcomes[0]!.title === 'First');
    assert.deepEqual(loadFlow({}, smallFlow()), { ok: true, value: smallFlow() });
  });
});
