// The editor docs promise two things generated from code; these tests keep the promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flowToMermaid } from '../../src/core/wizard/mermaid.js';
import { cmeFlow } from '../../src/core/wizard/cme-flow.js';
// @ts-expect-error: a plain .mjs build script without type declarations
import { readmeWithSettings } from '../../scripts/settings-table.mjs';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(resolve(root, 'docs/editors.md'), 'utf8');

test('the editor docs show the default wizard flow exactly as the code defines it', () => {
  const block = /```mermaid\n([\s\S]*?)\n```/.exec(readme)?.[1];
  assert.ok(block, 'docs/editors.md has a mermaid block');
  assert.equal(block.trim(), flowToMermaid(cmeFlow()).trim(), 'run: npm run flow:diagram and paste it into docs/editors.md');
});

test('the editor docs settings tables match custom-elements.json', (t) => {
  const manifestPath = resolve(root, 'dist/custom-elements.json');
  if (!existsSync(manifestPath)) {
    t.skip('dist/ is missing: run "npm run build" first');
    return;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  assert.equal(readme, readmeWithSettings(readme, manifest), 'run: npm run build && npm run docs');
});
