// Production build of the demo site (not the library): every page (index.html and demo/*.html)
// is built as an ordinary multi-page app into .tmp/demo-dist/, the way a council's site would
// ship it. `npm run check:pages` serves that folder and runs axe, a keyboard-only run and
// Lighthouse on it (test/e2e/check-pages.mjs).
//   npx vite build --config vite.demo.config.ts
// Pages that load the built library (`/dist/cme-widgets.js`, demo/twice.html) are left alone
// by Vite and get a copy of dist/ (run `npm run build` first); classic scripts are copied as-is.
import { defineConfig, type Plugin } from 'vite';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { minifyLitTemplates } from './scripts/minify-templates.js';

const root = import.meta.dirname;
const outDir = resolve(root, '.tmp/demo-dist');

const pages: Record<string, string> = { index: resolve(root, 'index.html') };
for (const file of readdirSync(resolve(root, 'demo'))) {
  if (file.endsWith('.html')) pages[`demo/${file.slice(0, -5)}`] = resolve(root, 'demo', file);
}

/** Scripts Vite must not bundle: the built library (it is the thing under test) and classic scripts. */
const KEEP_AS_IS = /<script\b([^>]*?)\bsrc="(\/dist\/[^"]*|\/demo\/[^"]*\.js)"([^>]*)>/g;

const SRC = resolve(root, 'src') + '/';

function demoAssets(): Plugin {
  return {
    name: 'cme-demo-assets',
    apply: 'build',
    // The pages import src/, whose modules register custom elements as a side effect. package.json
    // "sideEffects" lists the define modules, but a wrong list would make the demo build drop
    // every component without a word, so the demo build keeps all of src/ regardless.
    transform(code, id) {
      if (id.startsWith(SRC)) return { code, map: null, moduleSideEffects: true };
      return null;
    },
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace(KEEP_AS_IS, (_tag, before: string, src: string, after: string) => `<script${before}vite-ignore src="${src}"${after}>`),
    },
    closeBundle() {
      // Classic scripts the pages reference (e.g. demo/csp-violations.js) and the built library.
      for (const file of readdirSync(resolve(root, 'demo'))) {
        if (file.endsWith('.js')) cpSync(resolve(root, 'demo', file), resolve(outDir, 'demo', file));
      }
      if (existsSync(resolve(root, 'dist/cme-widgets.js'))) {
        cpSync(resolve(root, 'dist'), resolve(outDir, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.map') });
      } else {
        this.warn('dist/ is missing: pages that load /dist/cme-widgets.js will not work (run "npm run build" first)');
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  plugins: [minifyLitTemplates(), demoAssets()],
  // Same legacy decorators as the library build (docs/architecture.md#toolchain-notes, decorators).
  oxc: { decorator: { legacy: true }, target: 'es2022' },
  build: {
    target: 'es2022',
    outDir,
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    rolldownOptions: {
      input: pages,
    },
  },
});
