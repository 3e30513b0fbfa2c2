// Finds a system Chromium and Firefox: $CHROME_PATH / $FIREFOX_PATH first, then the usual paths.
import { existsSync } from 'node:fs';

const first = (...paths) => paths.find((p) => p && existsSync(p));

export function findBrowsers() {
  return {
    chromium: first(process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'),
    firefox: first(process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'),
  };
}
