// Smart Answers style: for every question node, each of its next nodes is reachable, proven by
// constructing answers that reach the node and then taking each route through the real engine.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cmeFlow } from '../../../src/core/wizard/cme-flow.js';
import { edges, outcomeOf, reachability, walk } from '../../../src/core/wizard/engine.js';
import type { Answers, Flow } from '../../../src/core/wizard/types.js';
import { concreteAnswer, smallFlow } from './fixtures.js';

const TODAY = '2025-10-01';

/** Answers that lead from the start to each question (breadth-first over the static edges). */
function answersReaching(flow: Flow, today: string): Map<string, Answers> {
  const found = new Map<string, Answers>([[flow.start, {}]]);
  const queue = [flow.start];
  while (queue.length) {
    const from = queue.shift()!;
    for (const e of edges(flow).filter((x) => x.from === from)) {
      if (found.has(e.to) || outcomeOf(flow, e.to)) continue;
      found.set(e.to, { ...found.get(from), [from]: concreteAnswer(e.cases[0]!, today) });
      queue.push(e.to);
    }
  }
  return found;
}

for (const [name, flow] of [['cme', cmeFlow()], ['small', smallFlow()]] as const) {
  describe(`${name} flow: every next node of every question is reachable`, () => {
    const reaching = answersReaching(flow, TODAY);
    const table = reachability(flow);
    for (const q of flow.questions) {
      describe(q.id, () => {
        it('is reachable from the start', () => {
          const answers = reaching.get(q.id);
          assert.ok(answers, `no answers reach ${q.id}`);
          assert.equal(walk(flow, answers, TODAY).current, q.id);
        });
        const declared = [...new Set(q.routes.map((r) => r.next))].sort();
        it(`its routes' targets are exactly its reachable next nodes (${declared.join(', ')})`, () => {
          assert.deepEqual([...new Set(table[q.id])].sort(), declared);
        });
        for (const e of edges(flow).filter((x) => x.from === q.id)) {
          for (const c of e.cases) {
            it(`${JSON.stringify(c)} → ${e.to}`, () => {
              const answers = { ...reaching.get(q.id), [q.id]: concreteAnswer(c, TODAY) };
              const r = walk(flow, answers, TODAY);
              assert.ok(r.path.includes(q.id));
              assert.equal(outcomeOf(flow, e.to) ? r.outcome : r.current, e.to);
            });
          }
        }
      });
    }
    it('every outcome is some edge target', () => {
      const targets = new Set(edges(flow).map((e) => e.to));
      for (const o of flow.outcomes) assert.ok(targets.has(o.id), o.id);
    });
  });
}
