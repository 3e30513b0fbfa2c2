// Bundle-size budgets (min+gzip -9 of the JavaScript a page loads from dist/), from the issues.
// For each entry we follow static imports and dynamic imports alike — code that loads lazily
// still costs the user — except chunks a budget names as allowed extras (other locales;
// DOMPurify for <cme-definition>, which loads only when an editor gives HTML).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = 'dist';
const LOCALE_CHUNK = /^chunks\/(pl|ur|cy)-[\w-]+\.js$/;

export const BUDGETS = [
  { entry: 'components/cme-definition.js', kb: 10, extras: [LOCALE_CHUNK, /^chunks\/(purify|sanitize|definition-config)[.\w-]*\.js$/] },
  { entry: 'components/cme-helpline.js', kb: 12, extras: [LOCALE_CHUNK] },
  { entry: 'components/cme-wizard.js', kb: 16, extras: [LOCALE_CHUNK] },
  { entry: 'components/cme-referral-form.js', kb: 32, extras: [LOCALE_CHUNK] },
  { entry: 'cme-widgets.js', kb: 45, extras: [LOCALE_CHUNK] },
];

const IMPORT_RE = /(?:import|export)\s*(?:[\w*${}\s,]*?from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]|import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;

/** Every dist file an entry can load, by following its import specifiers. */
function closure(entry, extras) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(DIST, file), 'utf8');
    for (const m of code.matchAll(IMPORT_RE)) {
      const target = normalize(join(dirname(file), m[1] ?? m[2])).replaceAll('\\', '/');
      if (extras.some((re) => re.test(target))) continue;
      if (existsSync(join(DIST, target))) stack.push(target);
    }
  }
  return [...seen];
}

const gz = (file) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;

export function checkBudgets() {
  let failed = 0;
  for (const { entry, kb, extras } of BUDGETS) {
    if (!existsSync(join(DIST, entry))) {
      console.log(`  – ${entry}: not built yet (component not present)`);
      continue;
    }
    const files = closure(entry, extras);
    const bytes = files.reduce((sum, f) => sum + gz(f), 0);
    const ok = bytes <= kb * 1024;
    if (!ok) failed += 1;
    console.log(`  ${ok ? '✔' : '✖'} ${entry}: ${(bytes / 1024).toFixed(1)} KB of ${kb} KB (${files.length} files)`);
    if (!ok) for (const f of files) console.log(`      ${relative('.', f)} ${(gz(f) / 1024).toFixed(1)} KB`);
  }
  return failed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(join(DIST, 'cme-widgets.js'))) {
    console.error('dist/ is missing: run "npm run build" first.');
    process.exit(1);
  }
  console.log('Bundle budgets (min+gzip):');
  process.exit(checkBudgets() > 0 ? 1 : 0);
}
