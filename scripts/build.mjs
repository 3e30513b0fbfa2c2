// npm run build: translations → bundles (vite) → type declarations → custom-elements.json →
// the referral JSON Schema. Each step fails the build on error.
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';

function run(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✖ ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

run('translations', 'node', ['scripts/check-translations.mjs', '--build']);
run('bundles', 'npx', ['vite', 'build', '--logLevel', 'warn']);
run('type declarations', 'npx', ['tsc', '-p', 'tsconfig.build.json']);
run('custom elements manifest', 'npx', ['cem', 'analyze', '--litelement', '--globs', 'src/components/**/*.ts', 'src/internal/cme-element.ts', '--exclude', 'src/**/*.styles.ts', '--outdir', 'dist']);
run('referral JSON Schema', 'npx', ['tsx', 'scripts/referral-json-schema.ts']);
// The relay's deploy folder for servers (dist/relay/), not part of the components' npm package.
run('relay deploy folder', 'node', ['scripts/build-relay.mjs']);
// The embed builder for editors (dist/builder.html + builder.js), not part of the components.
run('embed builder', 'node', ['scripts/build-builder.mjs']);

// The optional stylesheet that reserves space before upgrade (no layout shift).
copyFileSync('src/cme-widgets.css', 'dist/cme-widgets.css');
console.log('\n✔ build complete: dist/');
