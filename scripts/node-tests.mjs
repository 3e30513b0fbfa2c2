// Runs every test/node/**/*.test.ts with Node's own test runner (TypeScript through tsx).
// Node 20's --test takes no globs, so the files are listed here. Extra args narrow the set.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.test.ts') ? [path] : [];
  });
}

const filter = process.argv.slice(2);
const files = walk('test/node').filter((f) => filter.length === 0 || filter.some((x) => f.includes(x))).sort();
const reporterArgs = process.env.NODE_TEST_SUMMARY
  ? ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${process.env.NODE_TEST_SUMMARY}`]
  : [];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...reporterArgs, ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
