/**
 * `npm run flow:diagram` — prints the default CME flow as a Mermaid `flowchart TD` graph for
 * policy review (paste into https://mermaid.live or a Markdown ```mermaid block).
 * `npm run flow:diagram -- --json` prints the flow data instead: a starting point for a
 * council's custom flow (`<cme-wizard>` config `flow`).
 */
import { cmeFlow } from '../src/core/wizard/cme-flow.js';
import { flowToMermaid } from '../src/core/wizard/mermaid.js';

const flow = cmeFlow();
process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(flow, null, 2)}\n` : flowToMermaid(flow));
