// Generates src/generated/ from locales/*.xlf and fails when any msg() string lacks a
// translation in a shipped locale: lit-localize itself only warns (exit 0) in that case.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npx', ['lit-localize', 'build'], { encoding: 'utf8' });
const out = `${r.stdout}\n${r.stderr}`;
const missing = out.split('\n').filter((l) => /missing|untranslated|not found/i.test(l));
if (r.status !== 0 || missing.length > 0) {
  console.error(out.trim());
  console.error(`\n✖ translations: ${missing.length} problem line(s). Run "npm run i18n:extract", translate the new <trans-unit>s in locales/*.xlf, then "npm run i18n:build".`);
  process.exit(1);
}
console.log('✔ translations complete for every shipped locale');
