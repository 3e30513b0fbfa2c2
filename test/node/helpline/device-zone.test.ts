// The viewer's device zone must never matter (docs/law.md#london-dates-and-times: London time "whatever the viewer's
// device says"). Re-runs every other helpline test file in child processes whose TZ is far from
// London, and fails if any assertion there fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.ts') && f !== basename(fileURLToPath(import.meta.url)))
  .map((f) => join(here, f));

// Far from London, both hemispheres, with a half-hour-ish offset and DST on different dates.
const ZONES = [
  { tz: 'Pacific/Auckland', juneOffset: -720 },
  { tz: 'America/Los_Angeles', juneOffset: 420 },
  { tz: 'Asia/Kathmandu', juneOffset: -345 },
  // The far edges of the clock (UTC+14, UTC−11) and a half-hour zone with its own DST (Newfoundland).
  { tz: 'Pacific/Kiritimati', juneOffset: -840 },
  { tz: 'Pacific/Pago_Pago', juneOffset: 660 },
  { tz: 'America/St_Johns', juneOffset: 150 },
];

for (const { tz, juneOffset } of ZONES) {
  test(`the helpline tests pass with the device in ${tz}`, () => {
    // Without NODE_TEST_CONTEXT (set by the outer runner) the child would report to us as a
    // subprocess of our runner and exit 0 whatever happened.
    const { NODE_TEST_CONTEXT: _, ...inherited } = process.env;
    const env = { ...inherited, TZ: tz };
    assert.ok(files.length >= 4, `found only ${files.length} helpline test files`);
    // First prove the child really runs in that zone.
    const probe = spawnSync(process.execPath, ['-p', 'new Date(2026, 5, 1).getTimezoneOffset()'], { env, encoding: 'utf8' });
    assert.equal(probe.stdout.trim(), String(juneOffset), `TZ=${tz} did not take effect`);

    const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=dot', ...files], {
      env,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `under TZ=${tz}:\n${run.stdout}\n${run.stderr}`);
  });
}
