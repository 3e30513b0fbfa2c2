// flowToMermaid: every question, outcome and edge appears (the policy-review graph export).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cmeFlow } from '../../../src/core/wizard/cme-flow.js';
import { edges } from '../../../src/core/wizard/engine.js';
import { flowToMermaid } from '../../../src/core/wizard/mermaid.js';
import { smallFlow } from './fixtures.js';

const nodeName = (id: string, outcome: boolean) => `${outcome ? 'o' : 'q'}_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;

for (const flow of [cmeFlow(), smallFlow()]) {
  describe(`flowToMermaid(${flow.id})`, () => {
    const out = flowToMermaid(flow);
    const lines = out.split('\n');
    it('is a top-down flowchart', () => assert.equal(lines[0], 'flowchart TD'));
    it('contains every question and outcome id, as a node with its title', () => {
      for (const q of flow.questions) {
        assert.ok(out.includes(`(${q.id})`), q.id);
        assert.ok(lines.some((l) => l.trim().startsWith(`${nodeName(q.id, false)}["`)), q.id);
      }
      for (const o of flow.outcomes) {
        assert.ok(out.includes(`(${o.id})`), o.id);
        assert.ok(lines.some((l) => l.trim().startsWith(`${nodeName(o.id, true)}(["`)), o.id);
      }
    });
    it('contains every edge', () => {
      const outcomes = new Set(flow.outcomes.map((o) => o.id));
      const arrows = lines.filter((l) => l.includes('-->'));
      assert.equal(arrows.length, edges(flow).length);
      for (const e of edges(flow)) {
        const re = new RegExp(`^\\s*${nodeName(e.from, false)} -->\\|"[^"]+"\\| ${nodeName(e.to, outcomes.has(e.to))}$`);
        assert.ok(arrows.some((l) => re.test(l)), `${e.from} → ${e.to}`);
      }
    });
  });
}

describe('mermaid escaping and the npm script', () => {
  it('escapes quotes and angle brackets in labels', () => {
    const f = smallFlow();
    f.questions[0]!.title = 'Say "hi" <b>';
    assert.ok(flowToMermaid(f).includes('Say #34;hi#34; #60;b#62;'));
  });
  it('npm run flow:diagram prints the default flow', () => {
    const printed = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/flow-diagram.ts'], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('../../../', import.meta.url)),
    });
    assert.equal(printed, flowToMermaid(cmeFlow()));
  });
});
