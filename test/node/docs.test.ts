// The editor docs promise two things generated from code; these tests keep the promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
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

// ── The docs stand alone ─────────────────────────────────────────────────────────────────────
// README.md and docs/*.md link only to files that exist, anchors included; no tracked file cites
// a file outside the repository; every `docs/<page>.md#anchor` a file cites is a heading there;
// and docs/law.md names only files and functions that exist, so a rule can be found in src/.

const docPages = ['README.md', ...readdirSync(resolve(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Markdown with fenced code blocks and inline code removed (their examples are not links or headings). */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The anchors GitHub gives a page's headings (lower case, punctuation dropped, spaces to hyphens, -1 -2 for repeats). */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, text] of withoutFences.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = text!
      .replace(/<[^>]*>/g, (tag) => (/^<\/?[a-z][\w-]*>$/i.test(tag) ? tag.replace(/[<>/]/g, '') : '')) // `<cme-x>` keeps its name
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

const anchorsOf = new Map<string, Set<string>>();
const anchorsIn = (file: string) => {
  if (!anchorsOf.has(file)) anchorsOf.set(file, anchors(readFileSync(resolve(root, file), 'utf8')));
  return anchorsOf.get(file)!;
};

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((f) => f && existsSync(resolve(root, f)) && !/\.(png|ico|jpg|woff2?|pem|key|crt|der|p12)$/.test(f));
}

test('every relative link in README.md and docs/*.md points to a file that exists (and to a heading there)', () => {
  const broken: string[] = [];
  let links = 0;
  for (const page of docPages) {
    const text = prose(readFileSync(resolve(root, page), 'utf8'));
    for (const [, target] of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (/^[a-z][a-z\d+.-]*:/i.test(target!)) continue; // https:, mailto:, tel:
      links += 1;
      const [path, anchor] = target!.split('#') as [string, string | undefined];
      const file = path ? posix.normalize(posix.join(posix.dirname(page), decodeURIComponent(path))) : page;
      if (!existsSync(resolve(root, file))) broken.push(`${page}: ${target} (no file ${file})`);
      else if (anchor && file.endsWith('.md') && !anchorsIn(file).has(anchor)) broken.push(`${page}: ${target} (no heading #${anchor} in ${file})`);
    }
  }
  assert.ok(links >= 10, `found ${links} relative links`);
  assert.deepEqual(broken, []);
});

test('no tracked file cites a file outside the repository', () => {
  // Built from parts so that this file does not match itself.
  const outside = new RegExp(`\\b(${['DOMAIN', 'DESIGN', 'TOOLCHAIN'].join('|')})\\.md\\b|\\.\\./${'shared'}/|/work/${'shared'}`);
  const hits: string[] = [];
  for (const file of trackedFiles()) {
    const lines = readFileSync(resolve(root, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (outside.test(line)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(hits, [], 'cite docs/law.md (rules), docs/architecture.md (contracts, toolchain) or docs/relay.md instead');
});

test('every docs/<page>.md#anchor cited in a tracked file is a heading of that page', () => {
  const missing: string[] = [];
  let cited = 0;
  for (const file of trackedFiles()) {
    for (const [, page, anchor] of readFileSync(resolve(root, file), 'utf8').matchAll(/\bdocs\/([\w-]+\.md)#([\w-]+)/g)) {
      const doc = `docs/${page}`;
      cited += 1;
      if (!existsSync(resolve(root, doc))) missing.push(`${file}: ${doc} does not exist`);
      else if (!anchorsIn(doc).has(anchor!)) missing.push(`${file}: ${doc}#${anchor}`);
    }
  }
  assert.ok(cited >= 20, `found ${cited} citations`);
  assert.deepEqual(missing, []);
});

test('docs/law.md names only source files and functions that exist', () => {
  const law = readFileSync(resolve(root, 'docs/law.md'), 'utf8');
  const files = [...new Set([...law.matchAll(/`((?:src|test)\/[\w./-]+\.(?:ts|mjs|json))`/g)].map((m) => m[1]!))];
  assert.ok(files.length > 10, 'docs/law.md points into the code');
  assert.deepEqual(files.filter((f) => !existsSync(resolve(root, f))), [], 'files named in docs/law.md');
  // Every `name()` must be declared somewhere under src/ (a function, a const, or a method).
  const source = trackedFiles().filter((f) => f.startsWith('src/') && f.endsWith('.ts'));
  const untracked = execFileSync('git', ['ls-files', '-o', '--exclude-standard', 'src'], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.ts'));
  const code = [...source, ...untracked].map((f) => readFileSync(resolve(root, f), 'utf8')).join('\n');
  const names = [...new Set([...law.matchAll(/`(\w+)\(\)`/g)].map((m) => m[1]!))];
  const undeclared = names.filter((n) => !new RegExp(`(function\\*?\\s+${n}\\b|\\b${n}\\s*[=(:]|\\b${n}\\s*<)`).test(code.replace(new RegExp(`\\b${n}\\(\\)`, 'g'), '')));
  assert.deepEqual(undeclared, [], 'functions named in docs/law.md');
});
