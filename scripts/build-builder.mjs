// dist/builder.html: the embed builder as a standalone page a council hosts for its editors,
// beside dist/cme-widgets.js (which its previews load) and dist/custom-elements.json (its Drupal
// allow-list). Its own code is one file, dist/builder.js; it is not part of the components.
import { build } from 'vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
await build({
  configFile: false,
  logLevel: 'warn',
  oxc: { target: 'es2022' },
  build: {
    target: 'es2022',
    outDir: resolve(root, 'dist'),
    emptyOutDir: false,
    copyPublicDir: false,
    minify: true,
    sourcemap: false,
    lib: { entry: resolve(root, 'src/builder/main.ts'), formats: ['es'], fileName: () => 'builder.js' },
  },
});

const html = readFileSync(resolve(root, 'demo/builder.html'), 'utf8')
  .replace('<meta name="cme-bundle" content="/dist/cme-widgets.js" />', '<meta name="cme-bundle" content="./cme-widgets.js" />')
  .replace('<script type="module" src="/src/builder/main.ts"></script>', '<script type="module" src="./builder.js"></script>');
if (!html.includes('./builder.js') || !html.includes('content="./cme-widgets.js"')) throw new Error('demo/builder.html changed: update scripts/build-builder.mjs');
writeFileSync(resolve(root, 'dist/builder.html'), html);
console.log('Wrote dist/builder.html and dist/builder.js');
