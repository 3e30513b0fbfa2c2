/**
 * Graph export for policy review (GOV.UK Smart Answers style): a flow as a Mermaid
 * `flowchart TD`. Questions are boxes, outcomes rounded; edges carry the answers that take them.
 */
import { answerLabel, edges, questionOf } from './engine.js';
import type { Flow } from './types.js';

const CSA_LABEL = { under: 'under CSA', compulsory: 'compulsory school age', over: 'over CSA' } as const;

/** Mermaid-safe label text inside `"..."`. */
const label = (s: string): string => s.replace(/["<>#]/g, (c) => `#${c.charCodeAt(0)};`);

/** Mermaid node name: prefixed so ids like `end` or `o-x` cannot clash with the syntax. */
const node = (kind: 'q' | 'o', id: string): string => `${kind}_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;

/**
 * The flow as Mermaid source (`flowchart TD`). Each node shows its title and, in brackets, its
 * id; each edge is labelled with the answers that take it.
 */
export function flowToMermaid(flow: Flow): string {
  const lines = ['flowchart TD'];
  for (const q of flow.questions) lines.push(`  ${node('q', q.id)}["${label(q.title)}<br/>(${q.id})"]`);
  for (const o of flow.outcomes) lines.push(`  ${node('o', o.id)}(["${label(o.title)}<br/>(${o.id})"])`);
  const isQuestion = new Set(flow.questions.map((q) => q.id));
  for (const e of edges(flow)) {
    const q = questionOf(flow, e.from)!;
    const text = e.cases.map((c) => ('value' in c ? answerLabel(q, c.value) : CSA_LABEL[c.csa])).join(' / ');
    lines.push(`  ${node('q', e.from)} -->|"${label(text)}"| ${node(isQuestion.has(e.to) ? 'q' : 'o', e.to)}`);
  }
  lines.push(`  classDef outcome fill:#e8f1f8,stroke:#1d70b8`);
  if (flow.outcomes.length) lines.push(`  class ${flow.outcomes.map((o) => node('o', o.id)).join(',')} outcome`);
  return `${lines.join('\n')}\n`;
}
