// Lighthouse 12 gates (mobile emulation, Lighthouse's defaults): 3 runs of index.html, then one
// run of each other demo page while the Lighthouse time stays under BUDGET_MS.
//   accessibility = 100, best practices = 100, SEO ≥ 90, performance (median) ≥ 90, CLS ≤ 0.01
// A failed gate prints every audit that lost points in that category (id, title, details).
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const BUDGET_MS = 130_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run(url, chromium, chromeArgs) {
  // A fresh browser per run: no warm caches or leftover state between runs.
  const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: [...chromeArgs, '--remote-debugging-port=0'] });
  try {
    const port = Number(new URL(browser.wsEndpoint()).port);
    const r = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    if (!r?.lhr) throw new Error('Lighthouse returned no result');
    if (r.lhr.runtimeError) throw new Error(`Lighthouse: ${r.lhr.runtimeError.code} ${r.lhr.runtimeError.message}`);
    return r.lhr;
  } finally {
    await browser.close();
  }
}

const score = (lhr, c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);

/** Audits that cost points in a category, with enough detail to fix them. */
function losing(lhr, category) {
  const lines = [];
  for (const ref of lhr.categories[category].auditRefs) {
    const a = lhr.audits[ref.id];
    if (ref.weight === 0 || a.score === null || a.score === 1 || a.scoreDisplayMode === 'notApplicable' || a.scoreDisplayMode === 'informative') continue;
    lines.push(`      ${a.id} (score ${a.score}${a.displayValue ? `, ${a.displayValue}` : ''}): ${a.title}`);
    for (const item of (a.details?.items ?? []).slice(0, 5)) {
      const node = item.node ?? item.source;
      const what = node?.snippet ?? node?.selector ?? item.url ?? item.description ?? item.source?.url ?? JSON.stringify(item).slice(0, 200);
      const why = item.node?.explanation ?? item.description ?? item.reason ?? '';
      lines.push(`        - ${String(what).slice(0, 200)}${why && why !== what ? ` — ${String(why).replace(/\s+/g, ' ').slice(0, 300)}` : ''}`);
    }
  }
  return lines.join('\n');
}

export async function lighthouseGates({ origin, chromium, chromeArgs, result, pages = [] }) {
  const t0 = Date.now();
  const { default: pkg } = await import('lighthouse/package.json', { with: { type: 'json' } });
  console.log(`\n  Lighthouse ${pkg.version} (mobile emulation, simulated throttling):`);

  async function gate(path, lhrs) {
    const perf = median(lhrs.map((l) => score(l, 'performance')));
    const cls = median(lhrs.map((l) => l.audits['cumulative-layout-shift'].numericValue));
    const worst = (c) => Math.min(...lhrs.map((l) => score(l, c)));
    const worstRun = (c) => lhrs.find((l) => score(l, c) === worst(c));
    const gates = [
      ['accessibility', worst('accessibility'), worst('accessibility') === 100, '= 100 (every run)', 'accessibility'],
      ['best practices', worst('best-practices'), worst('best-practices') === 100, '= 100 (every run)', 'best-practices'],
      ['SEO', worst('seo'), worst('seo') >= 90, '≥ 90 (every run)', 'seo'],
      [`performance median`, perf, perf >= 90, '≥ 90', 'performance'],
      ['CLS median', cls.toFixed(3), cls <= 0.01, '≤ 0.01', null],
    ];
    for (const [name, value, ok, rule, category] of gates) {
      let detail = `${value} (gate ${rule})`;
      if (!ok && category) detail += `\n${losing(worstRun(category), category)}`;
      if (!ok && !category) {
        // Which elements moved (Lighthouse 12's informative "layout-shifts" audit).
        const items = lhrs[0].audits['layout-shifts']?.details?.items ?? [];
        detail += items.length
          ? '\n' + items.slice(0, 6).map((i) => `        - shift ${i.score?.toFixed(3)}: ${i.node?.selector ?? ''} ${i.node?.snippet?.slice(0, 140) ?? ''}${i.subItems?.items?.length ? ` (cause: ${i.subItems.items.map((c) => c.cause).join(', ')})` : ''}`).join('\n')
          : ' (no layout-shifts details)';
      }
      result(`lighthouse ${path}: ${name}`, ok, detail);
    }
  }

  const indexRuns = [];
  for (let i = 1; i <= 3; i++) {
    const s = Date.now();
    try {
      const lhr = await run(`${origin}/index.html`, chromium, chromeArgs);
      indexRuns.push(lhr);
      console.log(
        `    index.html run ${i}: ${CATEGORIES.map((c) => `${c} ${score(lhr, c)}`).join(', ')}, CLS ${lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3)}, LCP ${lhr.audits['largest-contentful-paint'].displayValue}, TBT ${lhr.audits['total-blocking-time'].displayValue} (${((Date.now() - s) / 1000).toFixed(0)} s)`,
      );
    } catch (error) {
      result(`lighthouse index.html run ${i}`, false, error.message);
    }
  }
  if (indexRuns.length) await gate('index.html', indexRuns);

  const perRun = (Date.now() - t0) / Math.max(1, indexRuns.length);
  const others = [];
  for (const path of pages.filter((p) => p !== 'index.html')) {
    if (Date.now() - t0 + perRun > BUDGET_MS) break;
    try {
      const lhr = await run(`${origin}/${path}`, chromium, chromeArgs);
      console.log(`    ${path}: ${CATEGORIES.map((c) => `${c} ${score(lhr, c)}`).join(', ')}, CLS ${lhr.audits['cumulative-layout-shift'].numericValue.toFixed(3)}`);
      others.push(path);
      await gate(path, [lhr]);
    } catch (error) {
      result(`lighthouse ${path}`, false, error.message);
    }
  }
  const skipped = pages.filter((p) => p !== 'index.html' && !others.includes(p));
  if (skipped.length) console.log(`    not run (time budget ${BUDGET_MS / 1000} s): ${skipped.join(', ')}`);
  console.log(`    (Lighthouse took ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
