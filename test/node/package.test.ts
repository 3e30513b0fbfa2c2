// `npm pack` → installed into an empty project → its exports, types and manifest work.
// Needs dist/ (npm test builds before the node tests). Installs from npm's cache where it can
// (`npm ci` has just filled it with the four dependencies' tarballs) and asks the registry for the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '../..');

test('the packed package installs into an empty project and its exports, types and manifest work', { timeout: 180_000 }, (t) => {
  if (!existsSync(join(root, 'dist/cme-widgets.js'))) {
    t.skip('dist/ is missing: run "npm run build" first');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cme-pack-'));
  try {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }));
    const files: string[] = packed[0].files.map((f: { path: string }) => f.path);
    assert.ok(files.includes('dist/cme-widgets.js'));
    assert.ok(files.includes('dist/index.js'));
    assert.ok(files.includes('dist/custom-elements.json'));
    assert.ok(files.includes('dist/types/index.d.ts'));
    assert.ok(!files.some((f) => f.startsWith('src/server') || f.endsWith('.map') || f.startsWith('test/')), 'no server, tests or source maps in the package');

    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'empty-council-site', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, packed[0].filename)], { cwd: dir, stdio: 'pipe' });

    const resolveFrom = (specifier: string) =>
      fileURLToPath(execFileSync(process.execPath, ['--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(specifier)}))`], { cwd: dir, encoding: 'utf8' }).trim());
    const installed = join(dir, 'node_modules/cme-widgets');
    for (const [specifier, file] of [
      ['cme-widgets', 'dist/index.js'],
      ['cme-widgets/cme-widgets.js', 'dist/cme-widgets.js'],
      ['cme-widgets/components/cme-helpline.js', 'dist/components/cme-helpline.js'],
      ['cme-widgets/cme-widgets.css', 'dist/cme-widgets.css'],
      ['cme-widgets/referral.schema.json', 'dist/referral.schema.json'],
      ['cme-widgets/custom-elements.json', 'dist/custom-elements.json'],
    ]) {
      const path = resolveFrom(specifier);
      assert.equal(path, join(installed, file), specifier);
      assert.ok(existsSync(path), `${specifier} → ${path} exists`);
    }

    // The manifest the package points at lists the components with their attributes.
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(installed, pkg.customElements), 'utf8'));
    const tags = manifest.modules.flatMap((m: { declarations?: { tagName?: string }[] }) => (m.declarations ?? []).map((d) => d.tagName)).filter(Boolean);
    for (const tag of ['cme-definition', 'cme-helpline', 'cme-wizard']) assert.ok(tags.includes(tag), `${tag} in custom-elements.json`);

    // The types work for a TypeScript consumer: tag map augmentation and class exports.
    writeFileSync(
      join(dir, 'use.ts'),
      `import { CmeHelpline } from 'cme-widgets';
const el: CmeHelpline = document.createElement('cme-helpline');
el.phone = '01905 844 440';
const definition: HTMLElementTagNameMap['cme-definition'] = document.createElement('cme-definition');
definition.email = 'cme@example.gov.uk';
// @ts-expect-error: phone is a string
el.phone = 3;
`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['use.ts'] }),
    );
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, stdio: 'pipe' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
