// npm run check:pages (node test/e2e/check-pages.mjs): page-level gates on the production build
// of the demo site, after `npm run build` (demo/twice.html loads dist/cme-widgets.js).
//   1. build every demo page (vite.demo.config.ts) into .tmp/demo-dist/
//   2. serve it on 127.0.0.1 with /api proxied to a real relay (test/support/relay.mjs, own DATA_DIR)
//   3. axe on every page at 320 px and desktop width (+ the wizard's and the referral form's
//      error states on index.html); no horizontal scroll at 320 px; the referral form when its
//      lazy check cannot be fetched once (it says so, then checks on the next press)
//   4. a keyboard-only run on index.html: definition → helpline → wizard (to `cme`) → referral
//   5. Lighthouse 12 (mobile), 3 runs of index.html: a11y 100, best practices 100, SEO ≥ 90,
//      performance median ≥ 90, CLS ≤ 0.01
// Ends with "N passed, N failed"; exits non-zero on any failure.
// PAGES_SKIP_LIGHTHOUSE=1 skips step 5 (local iteration only).
import { spawnSync } from 'node:child_process';
import { createServer, request } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findBrowsers } from '../support/browsers.mjs';
import { STRICT_CSP } from '../support/csp.mjs';
import { freePort, startRelay } from '../support/relay.mjs';
import { activate, chooseRadio, focused, settle, tabUntil } from './keyboard.mjs';
import { completeReferral } from './referral-keyboard.mjs';

// Every path below is relative to the repository root, wherever this is started from.
process.chdir(resolve(import.meta.dirname, '../..'));

const OUT = '.tmp/demo-dist';
const started = Date.now();
const secs = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
let passed = 0;
let failed = 0;
const failures = [];
function result(name, ok, detail = '') {
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
  console.log(`  ${ok ? '✔' : '✖'} ${name}${detail ? `: ${detail}` : ''}`);
}
async function check(name, fn) {
  try {
    const detail = await fn();
    result(name, true, detail);
  } catch (error) {
    result(name, false, error.message);
  }
}

// ── 1. build ────────────────────────────────────────────────────────────────────────────────
console.log('━━ page-level gates ━━');
if (!existsSync('dist/cme-widgets.js')) console.warn('  ! dist/ is missing: demo/twice.html needs "npm run build" first');
const build = spawnSync('npx', ['vite', 'build', '--config', 'vite.demo.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
result('demo site builds (vite.demo.config.ts)', build.status === 0);
if (build.status !== 0) {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(1);
}
const PAGES = ['index.html', ...readdirSync(join(OUT, 'demo')).filter((f) => f.endsWith('.html')).sort().map((f) => `demo/${f}`)];

// ── 2. relay + static server ────────────────────────────────────────────────────────────────
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain' };
// PAGES_PORT=n serves the pages on n and the relay on n + 1 (machines that hand out ports); else any free ports.
const fixedPort = Number(process.env.PAGES_PORT) || 0;
const relayPort = fixedPort ? fixedPort + 1 : await freePort();
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname.startsWith('/api/')) {
    const upstream = request({ host: '127.0.0.1', port: relayPort, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end('relay unavailable'));
    req.pipe(upstream);
    return;
  }
  let file = join(OUT, normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
  // demo/csp.html carries its policy as a meta tag; send it as a header as well, like a real site.
  if (file.endsWith('csp.html')) {
    headers['content-security-policy'] = STRICT_CSP;
  }
  res.writeHead(200, headers).end(readFileSync(file));
});
await new Promise((r) => server.listen(fixedPort, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const dataDir = mkdtempSync(join(tmpdir(), 'cme-pages-relay-'));
let relay;
async function relayReady() {
  relay = await startRelay({ port: relayPort, dataDir, origins: [origin], logLevel: 'warn' });
  for (let i = 0; i < 100; i++) {
    if (relay.child.exitCode !== null) throw new Error(`relay exited (${relay.child.exitCode}): ${relay.output()}`);
    try {
      const r = await fetch(`${origin}/api/health`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`relay did not answer /api/health through the proxy: ${relay.output()}`);
}

let browser;
async function cleanUp() {
  await browser?.close().catch(() => {});
  server.close();
  await relay?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

try {
  await check('relay starts and is proxied at /api', relayReady);

  const { chromium } = findBrowsers();
  if (!chromium) throw new Error('Chromium is needed: apt-get install chromium (or set CHROME_PATH)');
  const chromeArgs = ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'];
  browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: chromeArgs });
  const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

  /** Open a page and wait until every cme-* element on it has defined and rendered. */
  async function open(path, width) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewport({ width, height: 900 });
    await page.goto(`${origin}/${path}`, { waitUntil: 'load' });
    await page.evaluate(async () => {
      const timeout = (ms) => new Promise((r) => setTimeout(r, ms));
      const tags = [...new Set([...document.querySelectorAll('*')].map((e) => e.localName).filter((t) => t.startsWith('cme-')))];
      await Promise.race([Promise.all(tags.map((t) => customElements.whenDefined(t))), timeout(5000)]);
      await Promise.all([...document.querySelectorAll(tags.join(',') || 'cme-none')].map((e) => e.updateComplete));
    });
    // Lazy chunks (locales, schema) and the re-render they cause.
    await page.waitForNetworkIdle({ idleTime: 150, timeout: 5000 }).catch(() => {});
    await settle(page, 150);
    return { page, errors };
  }

  async function axe(page) {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
    const r = await page.evaluate(async () => {
      const res = await window.axe.run(document, { resultTypes: ['violations'] });
      return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' >>> ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`) }));
    });
    return r;
  }
  const describe = (violations) =>
    violations.map((v) => `\n      [${v.impact}] ${v.id}: ${v.help}\n        ${v.nodes.slice(0, 4).join('\n        ')}${v.nodes.length > 4 ? `\n        … ${v.nodes.length - 4} more` : ''}`).join('');

  // ── 3. axe + no horizontal scroll ──────────────────────────────────────────────────────────
  // Error states on index.html: buttons pressed from script (this is about the state, not keys).
  const ERROR_SUMMARY = '[role="alert"], .govuk-error-summary, .error-summary, [part~="error-summary"]';
  const pressContinue = (page, tag) =>
    page.evaluate(
      async (tag, sel) => {
        const el = document.querySelector(tag);
        if (!el) return `no <${tag}> on the page`;
        const b = [...el.shadowRoot.querySelectorAll('button')].find((x) => /^\s*continue\s*$/i.test(x.textContent));
        if (!b) return 'no Continue button';
        b.click();
        for (let i = 0; i < 30; i++) {
          await el.updateComplete;
          await new Promise((r) => setTimeout(r, 100));
          if (el.shadowRoot.querySelector(sel)) return 'shown';
        }
        return 'missing';
      },
      tag,
      ERROR_SUMMARY,
    );
  const STATES = { 'index.html': [['wizard error state', 'cme-wizard'], ['referral form error state (first page)', 'cme-referral-form']] };

  console.log(`\n  axe-core ${JSON.parse(readFileSync('node_modules/axe-core/package.json', 'utf8')).version}, every built page at 320 px and 1280 px:`);
  for (const path of PAGES) {
    for (const width of [320, 1280]) {
      let page;
      await check(`axe ${path} @${width}px`, async () => {
        const opened = await open(path, width);
        page = opened.page;
        const v = await axe(page);
        const overflow = width === 320 ? await page.evaluate(() => document.documentElement.scrollWidth) : 0;
        const problems = [];
        if (v.length) problems.push(`${v.length} violation(s)${describe(v)}`);
        if (overflow > 320) problems.push(`horizontal scroll at 320 px (scrollWidth ${overflow})`);
        if (opened.errors.length) problems.push(`page errors: ${opened.errors.join('; ')}`);
        if (problems.length) throw new Error(problems.join('\n      '));
        return width === 320 ? 'no violations, no horizontal scroll' : 'no violations';
      });
      for (const [state, tag] of (page && STATES[path]) || []) {
        await check(`axe ${path} ${state} @${width}px`, async () => {
          const shown = await pressContinue(page, tag);
          if (shown !== 'shown') throw new Error(`pressing Continue with nothing filled in: error summary ${shown}`);
          const v = await axe(page);
          const overflow = width === 320 ? await page.evaluate(() => document.documentElement.scrollWidth) : 0;
          if (v.length) throw new Error(`${v.length} violation(s)${describe(v)}`);
          if (overflow > 320) throw new Error(`horizontal scroll at 320 px (scrollWidth ${overflow})`);
          return 'error summary shown, no violations';
        });
      }
      await page?.close();
    }
  }

  // ── 3b. the form's check cannot load (the connection drops before the first Continue) ────────
  console.log('\n  The referral form when the code that checks its answers cannot be fetched:');
  {
    const { page, errors } = await open('demo/referral.html', 1280);
    let blocked = 0;
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      // The first fetch of the lazy check's entry chunk fails, as on a dropped connection.
      if (/\/(chunks|assets)\/later-[\w-]+\.js$/.test(new URL(r.url()).pathname) && blocked === 0) {
        blocked += 1;
        void r.abort('internetdisconnected');
      } else void r.continue();
    });
    /** Presses Continue and returns the error summary's text once it differs from `before`. */
    const summaryAfterContinue = (before) =>
      page.evaluate(async (before) => {
        const el = document.querySelector('cme-referral-form');
        [...el.shadowRoot.querySelectorAll('button')].find((b) => /^\s*continue\s*$/i.test(b.textContent)).click();
        for (let i = 0; i < 50; i++) {
          await el.updateComplete;
          await new Promise((r) => setTimeout(r, 100));
          const text = el.shadowRoot.querySelector('.error-summary')?.textContent.replace(/\s+/g, ' ').trim() ?? '';
          if (text && text !== before) return { text, focused: el.shadowRoot.activeElement?.className ?? '' };
        }
        return { text: '', focused: '' };
      }, before);
    try {
      let first = '';
      await check('referral: Continue without the check says the service cannot be reached, in the error summary', async () => {
        const r = await summaryAfterContinue('');
        if (blocked !== 1) throw new Error(`the check's chunk was not requested (${blocked})`);
        if (!/could not reach the referral service/.test(r.text) || !/answers are still here/.test(r.text)) throw new Error(`summary: "${r.text}"`);
        if (!r.focused.includes('error-summary')) throw new Error(`focus on "${r.focused}", not the error summary`);
        first = r.text;
        const v = await axe(page);
        if (v.length) throw new Error(`${v.length} violation(s)${describe(v)}`);
        return 'said so, focused, no axe violations';
      });
      await check('referral: the next Continue fetches the check again and checks the page', async () => {
        const r = await summaryAfterContinue(first);
        if (!/Select yes if the child is at immediate risk of harm/.test(r.text)) throw new Error(`summary: "${r.text}"`);
        if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
        return 'the page’s own error shown';
      });
    } finally {
      await page.close();
    }
  }

  // ── 4. keyboard only ───────────────────────────────────────────────────────────────────────
  console.log('\n  Keyboard-only run on index.html (Tab, Shift+Tab, Space, Enter, arrows, typing; no clicks):');
  {
    const { page, errors } = await open('index.html', 1280);
    await page.evaluate(() => {
      window.__referrals = [];
      document.addEventListener('cme-wizard-referral', (e) => window.__referrals.push(e.detail));
    });
    const inside = (tag) => (f) => f.hosts.includes(tag);
    let wizardDone = false;
    try {
      await check('keyboard: skip link is the first Tab stop', async () => {
        const f = await tabUntil(page, () => true, 'anything', { max: 1 });
        if (!(f.tag === 'a' && f.href === '#main')) throw new Error(`first Tab stop is ${f.tag} "${f.label}"`);
        return 'focus on "Skip to main content"';
      });
      await check('keyboard: Tab reaches the email link in <cme-definition>', async () => {
        const f = await tabUntil(page, (f) => inside('cme-definition')(f) && f.tag === 'a' && f.href.startsWith('mailto:'), 'the definition’s email link');
        // Shift+Tab away and back: focus order works both ways.
        await tabUntil(page, (x) => !(x.tag === 'a' && x.href === f.href), 'the element before', { max: 1, back: true });
        await tabUntil(page, (x) => x.tag === 'a' && x.href === f.href, 'the email link again', { max: 1 });
        return `${f.href} has focus`;
      });
      await check('keyboard: helpline shows its open/closed state in words', async () => {
        const status = await page.evaluate(() => document.querySelector('cme-helpline')?.shadowRoot?.querySelector('[part~="status"]')?.textContent?.trim());
        if (!status) throw new Error('no status text in <cme-helpline>');
        if (!/open|closed/i.test(status)) throw new Error(`unexpected status "${status}"`);
        return `"${status}"`;
      });
      await check('keyboard: wizard completed to the "cme" outcome', async () => {
        if (!(await page.evaluate(() => !!document.querySelector('cme-wizard')))) throw new Error('no <cme-wizard> on index.html');
        await tabUntil(page, inside('cme-wizard'), 'the wizard', { max: 80 });
        // Tabbed into the wizard: go back one stop so each question starts from just before it.
        await tabUntil(page, () => true, 'before the wizard', { max: 1, back: true });
        const seen = [];
        for (let step = 0; step < 12; step++) {
          await settle(page, 200);
          const title = await page.evaluate(() => {
            const root = document.querySelector('cme-wizard').shadowRoot;
            const t = root.querySelector('legend h1, legend h2, legend h3, legend, h1, h2, h3');
            return t?.textContent.replace(/\s+/g, ' ').trim() ?? '';
          });
          seen.push(title);
          const answer = async (re) => {
            await tabUntil(page, (f) => inside('cme-wizard')(f) && f.type === 'radio', `an option of "${title}"`);
            await chooseRadio(page, re);
            await activate(page, /^continue$/i, 'Continue');
          };
          if (/immediate risk/i.test(title)) await answer(/^no$/i);
          else if (/date of birth/i.test(title)) {
            for (const [part, v] of [['Day', '12'], ['Month', '3'], ['Year', '2016']]) {
              await tabUntil(page, (f) => inside('cme-wizard')(f) && f.tag === 'input' && f.label.startsWith(part), `the ${part} field`);
              await page.keyboard.type(v);
            }
            await activate(page, /^continue$/i, 'Continue');
          } else if (/roughly how old/i.test(title)) await answer(/^compulsory/i);
          else if (/on the roll/i.test(title)) await answer(/^no$/i);
          else if (/know where the child is/i.test(title)) await answer(/^yes$/i);
          else if (/what education/i.test(title)) await answer(/^none$/i);
          else if (/check your answers/i.test(title)) await activate(page, /^continue$/i, 'Continue');
          else if (/may be missing education/i.test(title)) {
            wizardDone = true;
            return `${seen.length - 1} pages: ${seen.join(' → ')}`;
          } else throw new Error(`unexpected wizard page "${title}" after ${seen.join(' → ')}`);
        }
        throw new Error(`no outcome after ${seen.join(' → ')}`);
      });
      await check('keyboard: "Make a referral" activates', async () => {
        if (!wizardDone) throw new Error('the wizard did not reach the outcome');
        await activate(page, /referral/i, 'the "Make a referral" button');
        await settle(page, 300);
        const sent = await page.evaluate(() => window.__referrals);
        if (!sent.some((d) => d.outcomeId === 'cme')) throw new Error('no cme-wizard-referral event with outcomeId "cme"');
        const f = await focused(page);
        return `hand-off done; focus in ${f.hosts.join(' > ') || f.tag}`;
      });
      await check('keyboard: referral sent, reference shown, one email written', async () => {
        const reference = await completeReferral(page, 'cme-referral-form', (line) => console.log(`      ${line}`));
        const mailDir = join(dataDir, 'mail');
        let emails = [];
        for (let i = 0; i < 50 && emails.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 200));
          emails = existsSync(mailDir) ? readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : [];
        }
        await new Promise((r) => setTimeout(r, 500));
        emails = existsSync(mailDir) ? readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : [];
        if (emails.length !== 1) throw new Error(`expected exactly one .eml in DATA_DIR/mail, found ${emails.length}`);
        return `${reference}; ${emails[0]}`;
      });
      await check('keyboard: no page errors', async () => {
        if (errors.length) throw new Error(errors.join('; '));
      });
    } finally {
      await page.close();
    }
  }
  await browser.close();
  browser = undefined;
  console.log(`  (${secs()} so far)`);

  // ── 5. Lighthouse ──────────────────────────────────────────────────────────────────────────
  if (process.env.PAGES_SKIP_LIGHTHOUSE) {
    console.log('\n  Lighthouse skipped (PAGES_SKIP_LIGHTHOUSE)');
  } else {
    const { lighthouseGates } = await import('./lighthouse.mjs');
    await lighthouseGates({ origin, chromium, chromeArgs, result, pages: PAGES });
  }
} catch (error) {
  result('page-level gates ran', false, error.stack ?? error.message);
} finally {
  await cleanUp();
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n(check:pages took ${secs()})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
