// Browser tests in the machine's own Chromium and Firefox ESR (nothing is downloaded).
// Both go through @web/test-runner-chrome with puppeteer-core: Chromium over CDP, Firefox over
// WebDriver BiDi (docs/architecture.md#toolchain-notes). The browsers run in a zone far from London on purpose: the
// components must never trust the viewer's clock zone.
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { findBrowsers } from './test/support/browsers.mjs';
import { countingReporter } from './test/support/wtr-counting-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { buildSync } from 'esbuild';
import { relayPlugin } from './test/browser/support/relay-plugin.mjs';
// The browser's own accessibility tree (Chromium; used where a test checks a computed accessible name).
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';

/**
 * @sinonjs/fake-timers ships CommonJS only: serve it to the browsers as one ES module,
 * bundled on request, at /__fake-timers.js.
 */
const fakeTimersModule = {
  name: 'fake-timers-esm',
  serve(context) {
    if (context.path !== '/__fake-timers.js') return undefined;
    const [out] = buildSync({
      entryPoints: ['node_modules/@sinonjs/fake-timers/src/fake-timers-src.js'],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      external: ['util'], // only required under Node (guarded by `process`)
      write: false,
    }).outputFiles;
    return { body: out.text, type: 'js' };
  },
};

const { chromium, firefox } = findBrowsers();
const only = process.env.BROWSERS ? process.env.BROWSERS.split(',') : ['chromium', 'firefox'];
const env = { ...process.env, TZ: process.env.TEST_TZ ?? 'Pacific/Auckland' };

const browsers = [];
if (only.includes('chromium') && chromium) {
  browsers.push(
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        executablePath: chromium,
        headless: true,
        env,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
        ],
      },
    }),
  );
}
if (only.includes('firefox') && firefox) {
  browsers.push(
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        browser: 'firefox',
        executablePath: firefox,
        headless: true,
        env,
        extraPrefsFirefox: {
          'network.dns.localDomains': 'firefox.settings.services.mozilla.com',
          'network.dns.disablePrefetch': true,
          'browser.shell.checkDefaultBrowser': false,
        },
      },
    }),
  );
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 2,
  browsers,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  browserStartTimeout: 60000,
  plugins: [
    fakeTimersModule,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    relayPlugin(),
    a11ySnapshotPlugin(),
  ],
  reporters: [defaultReporter(), countingReporter(process.env.WTR_SUMMARY)],
};
