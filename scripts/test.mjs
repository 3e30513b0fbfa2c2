// npm test: every check, in order, then one plain closing line "N passed, N failed".
//   type check → lint → build (with the translations check) → bundle budgets → browser tests
//   (Chromium and Firefox ESR) → node tests → page-level gates (axe, keyboard, Lighthouse).
// Each step counts as one check; the browser and node steps also add their individual tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findBrowsers } from '../test/support/browsers.mjs';

let passed = 0;
let failed = 0;
const failures = [];
mkdirSync('.tmp', { recursive: true });

function step(label, cmd, args, env = {}) {
  console.log(`\n━━ ${label} ━━`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(`${ok ? '✔' : '✖'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(label);
  return ok;
}

function check(label, cmd, args, env) {
  if (step(label, cmd, args, env)) passed += 1;
  else failed += 1;
}

check('type check', 'npx', ['tsc', '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
check('build', 'npm', ['run', '--silent', 'build']);
check('bundle budgets', 'node', ['scripts/check-budgets.mjs']);

// Browser tests need a system browser; nothing is downloaded.
const { chromium, firefox } = findBrowsers();
if (!chromium || !firefox) {
  console.error(
    `\n✖ Browser tests need Chromium and Firefox ESR from the system (found: chromium=${chromium ?? 'none'}, firefox=${firefox ?? 'none'}).\n` +
      '  Install them with:  sudo apt-get install chromium firefox-esr\n' +
      '  or point CHROME_PATH / FIREFOX_PATH at your own binaries.',
  );
  failed += 1;
  failures.push('browsers not found');
} else {
  const summary = '.tmp/wtr-summary.json';
  rmSync(summary, { force: true });
  const ok = step('browser tests (Chromium, Firefox ESR)', 'npx', ['web-test-runner'], { WTR_SUMMARY: summary });
  const counts = existsSync(summary) ? JSON.parse(readFileSync(summary, 'utf8')) : { passed: 0, failed: 1 };
  passed += counts.passed;
  failed += counts.failed + (ok || counts.failed > 0 ? 0 : 1);
}

const tap = '.tmp/node-tests.tap';
rmSync(tap, { force: true });
const nodeOk = step('node tests', 'node', ['scripts/node-tests.mjs'], { NODE_TEST_SUMMARY: tap });
const tapText = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const num = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(tapText)?.[1] ?? 0);
passed += num('pass');
failed += num('fail') + (nodeOk || num('fail') > 0 ? 0 : 1);

// Page-level gates print their own "N passed, N failed"; their counts join ours.
console.log('\n━━ page-level gates (npm run check:pages) ━━');
const pages = spawnSync('node', ['test/e2e/check-pages.mjs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
process.stdout.write(pages.stdout ?? '');
const pageCounts = /^(\d+) passed, (\d+) failed$/m.exec(pages.stdout ?? '');
passed += Number(pageCounts?.[1] ?? 0);
failed += Number(pageCounts?.[2] ?? 0) + (pages.status === 0 || Number(pageCounts?.[2] ?? 0) > 0 ? 0 : 1);
if (pages.status !== 0) failures.push('page-level gates');

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
