// Bundle-size budgets: min+gzip -9 of the JavaScript a page loads from dist/ (the figures are in
// docs/architecture.md, "Budgets"; none may grow past its cap).
//
// Three ways of counting, all measured rather than guessed:
// - `page`: the budget page is opened in the system Chromium and every JavaScript file it
//   fetches from dist/ is counted (static imports and whatever loads lazily as it settles).
// - `closure`: everything the entry can ever load (static and dynamic imports), for pages whose
//   lazy parts load as the user goes on (the referral form's schema and DOMPurify).
// - `firstPaint`: a `page` count of only what arrived before the component first showed its
//   state, for the helpline, which is on every page of a site: what it loads after painting (the
//   JSON-LD for search engines) is printed beside it and counted in the script-tag rows.
// Never counted: other locales' chunks (these are en-GB pages) and, where a budget says so,
// code only an editor's unusual configuration loads: the broken-config box, editor HTML for the
// definition (DOMPurify), a council's own wizard flow (the flow schema). The config sources and
// the council profile's check are counted: every site with a profile loads them.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { findBrowsers } from '../test/support/browsers.mjs';

const DIST = 'dist';
const LOCALE_CHUNK = /^chunks\/(pl|ur|cy)-[\w-]+\.js$/;
const RARE_CHUNK = /^chunks\/(error-box|definition-config|flow-schema|purify\.es|sanitize)-[\w-]+\.js$/;
const FORM_RARE_CHUNK = /^chunks\/(error-box|definition-config|flow-schema)-[\w-]+\.js$/;
const TERMS = '{"termTime":[{"from":"2026-09-02","to":"2026-10-23"},{"from":"2026-11-02","to":"2026-12-18"}],"closures":[{"date":"2026-12-16","label":"Staff training"}]}';
const HELPLINE = `<cme-helpline><script type="application/json">${TERMS}</script></cme-helpline>`;

export const BUDGETS = [
  { name: 'only <cme-definition>', entry: 'components/cme-definition.js', kb: 10.7, body: '<cme-definition></cme-definition>' },
  { name: 'only <cme-helpline> (with term dates)', entry: 'components/cme-helpline.js', kb: 15.0, body: HELPLINE, firstPaint: 'cme-helpline' },
  { name: 'only <cme-wizard>', entry: 'components/cme-wizard.js', kb: 19.5, body: '<cme-wizard></cme-wizard>' },
  { name: 'only <cme-referral-form> (all it can load)', entry: 'components/cme-referral-form.js', kb: 51, body: '<cme-referral-form></cme-referral-form>', closure: FORM_RARE_CHUNK },
  // The script-tag bundle loads only what a page uses: the form's first page, not its schema
  // and DOMPurify (they load as the user goes on).
  { name: 'only <cme-referral-form> from dist/cme-widgets.js (first load)', entry: 'cme-widgets.js', kb: 26, body: '<cme-referral-form></cme-referral-form>' },
  { name: 'only <cme-helpline> from dist/cme-widgets.js', entry: 'cme-widgets.js', kb: 18, body: HELPLINE },
  { name: 'all four from dist/cme-widgets.js (all they load in use)', entry: 'cme-widgets.js', kb: 54,
    body: `<cme-definition></cme-definition>${HELPLINE}<cme-wizard></cme-wizard><cme-referral-form></cme-referral-form>`, closure: RARE_CHUNK },
];

const gz = (file) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
const IMPORT_RE = /(?:import|export)\s*(?:[\w*${}\s,]*?from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]|import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;

/** Every dist file an entry can load, following static and dynamic import specifiers. */
function closure(entry, skip) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(join(DIST, file), 'utf8').matchAll(IMPORT_RE)) {
      const target = normalize(join(dirname(file), m[1] ?? m[2]));
      if (!LOCALE_CHUNK.test(target) && !skip.test(target) && existsSync(join(DIST, target))) stack.push(target);
    }
  }
  return [...seen];
}

function serve() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const page = BUDGETS.find((_, i) => url.pathname === `/page/${i}`);
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html lang="en-GB"><head><title>budget</title><script type="module" src="/dist/${page.entry}"></script></head><body>${page.body}</body></html>`);
      return;
    }
    const file = normalize(url.pathname).replace(/^\/dist\//, '');
    if (url.pathname.startsWith('/dist/') && existsSync(join(DIST, file))) {
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
      res.end(readFileSync(join(DIST, file)));
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * The dist/ JavaScript files a real page fetches, after it has settled. With `firstPaint` (a
 * tag), also `after`: the files whose response ended after that element's shadow root first
 * showed its status text (a MutationObserver on the root notes the moment).
 */
async function loadedBy(browser, origin, index, firstPaint) {
  const page = await browser.newPage();
  const files = new Set();
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/dist/') && path.endsWith('.js')) files.add(path.slice('/dist/'.length));
  });
  if (firstPaint) {
    await page.evaluateOnNewDocument((tag) => {
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        if (this.localName === tag) {
          const seen = () => {
            if (globalThis.__firstPaint === undefined && root.querySelector('[part="status"]')?.textContent?.trim()) globalThis.__firstPaint = performance.now();
          };
          new MutationObserver(seen).observe(root, { childList: true, subtree: true, characterData: true });
        }
        return root;
      };
    }, firstPaint);
  }
  await page.goto(`${origin}/page/${index}`, { waitUntil: 'networkidle0' });
  await new Promise((r) => setTimeout(r, 300));
  let after = [];
  if (firstPaint) {
    const ends = await page.evaluate(() => ({
      at: globalThis.__firstPaint,
      files: performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.responseEnd]),
    }));
    if (ends.at === undefined) throw new Error(`<${firstPaint}> never showed its status`);
    after = ends.files.filter(([path, end]) => path.startsWith('/dist/') && end > ends.at).map(([path]) => path.slice('/dist/'.length));
  }
  await page.close();
  return { files: [...files].filter((f) => !after.includes(f)), after };
}

export async function checkBudgets() {
  const { chromium } = findBrowsers();
  if (!chromium) throw new Error('Chromium is needed to measure what pages load: apt-get install chromium');
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  let failed = 0;
  try {
    for (const [i, budget] of BUDGETS.entries()) {
      if (!existsSync(join(DIST, budget.entry))) {
        console.log(`  – ${budget.name}: not built yet`);
        continue;
      }
      const { files, after } = budget.closure ? { files: closure(budget.entry, budget.closure), after: [] } : await loadedBy(browser, origin, i, budget.firstPaint);
      const bytes = files.reduce((sum, f) => sum + gz(f), 0);
      const ok = bytes <= budget.kb * 1024;
      if (!ok) failed += 1;
      const first = budget.firstPaint ? ' before first paint' : '';
      console.log(`  ${ok ? '✔' : '✖'} ${budget.name}: ${(bytes / 1024).toFixed(2)} KB of ${budget.kb} KB${first} (${files.length} files)${ok ? '' : ' OVER THE CAP'}`);
      if (!ok || process.env.BUDGET_DETAIL) for (const f of files.sort()) console.log(`      ${f} ${(gz(f) / 1024).toFixed(1)} KB`);
      // For information, not budgeted: what the page loads after that first paint.
      if (budget.firstPaint) {
        console.log(`    then after first paint: ${(after.reduce((sum, f) => sum + gz(f), 0) / 1024).toFixed(2)} KB (${after.length} files: ${after.sort().join(', ')})`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return failed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(join(DIST, 'cme-widgets.js'))) {
    console.error('dist/ is missing: run "npm run build" first.');
    process.exit(1);
  }
  console.log('Bundle budgets (min+gzip -9 of the JavaScript loaded from dist/):');
  process.exit((await checkBudgets()) > 0 ? 1 : 0);
}
