import { defineConfig } from 'vite';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { minifyLitTemplates } from './scripts/minify-templates.js';
import { terserPass } from './scripts/terser-pass.js';
import { TAGS, defineModule } from './src/registry.js';

/** Each tag of the registry gets `dist/components/<tag>.js`, so a page can load just the one it uses. */
const componentEntries = Object.fromEntries(
  TAGS.map((tag) => {
    const file = resolve(import.meta.dirname, 'src', defineModule(tag));
    if (!existsSync(file)) throw new Error(`src/registry.ts lists <${tag}>, but ${file} does not exist`);
    return [`components/${tag}`, file];
  }),
);

const relay = `http://${process.env.RELAY_HOST ?? '127.0.0.1'}:${process.env.RELAY_PORT ?? process.env.PORT ?? '8787'}`;

export default defineConfig({
  plugins: [minifyLitTemplates(), terserPass()],
  // Legacy decorators: Oxc would otherwise pass TC39 `@property()` through untransformed and
  // browsers refuse the bundle (docs/architecture.md#toolchain-notes, decorators).
  oxc: { decorator: { legacy: true }, target: 'es2022' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: relay, changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    // Maps stay beside the files for debugging, unreferenced: the npm package leaves them out,
    // and a `sourceMappingURL` comment would point every browser at a missing file (and cost
    // 35 bytes gzipped per file).
    sourcemap: 'hidden',
    lib: {
      entry: {
        'cme-widgets': resolve(import.meta.dirname, 'src/cme-widgets.ts'),
        index: resolve(import.meta.dirname, 'src/index.ts'),
        ...componentEntries,
      },
      formats: ['es'],
    },
    rolldownOptions: {
      // The terser pass takes most of the build's few seconds, by design: no timing warning.
      checks: { bundlerTimings: false },
      // Component entries hold their own code (no re-export stubs: one file and one round trip
      // fewer per component), and still export their classes.
      preserveEntrySignatures: 'allow-extension',
      // @lit/localize declares no `sideEffects`, so its unused runtime mode (configureLocalization,
      // the message-id hashing) would stay in the base chunk; locale.ts loads it only for other
      // languages (translate.ts).
      treeshake: { moduleSideEffects: [{ test: /node_modules[\\/]@lit[\\/]localize[\\/]/, sideEffects: false }] },
      output: {
        // Lit, @lit/localize and the shared base in one chunk that every page needs, rather than
        // the split Rolldown would make from which entry imports what. Not the translating
        // msg() and its hashing: they load with another language's strings (translate.ts).
        codeSplitting: {
          groups: [
            { name: 'base', test: /node_modules[\\/](lit[\\/]index|lit-html[\\/](lit-html|is-server)|lit-element[\\/]|@lit[\\/](?!localize[\\/]internal[\\/](runtime-msg|id-generation|fnv1a64)))|src[\\/]internal[\\/](cme-element|styles|heading|define|locale|text-overrides|format|config[\\/]controller)\.ts|src[\\/]core[\\/](profile|is-object|iso-date)\.ts|src[\\/]generated[\\/]locale-codes/ },
            // The GOV.UK form pieces the wizard and the form share, and London's "today" they both need.
            { name: 'contacts', test: /src[\\/](internal[\\/](events|step-history|form-styles|form-fields|date-input|error-summary|contacts)|core[\\/]london-date)\.ts/, includeDependenciesRecursively: false },
            // The referral's check and sending with zod/mini: they load together with the first answer.
            { name: 'referral-check', test: /node_modules[\\/]zod[\\/]|src[\\/]core[\\/]referral[\\/](schema|rules)\.ts|src[\\/]components[\\/]cme-referral-form[\\/]send\.ts/, includeDependenciesRecursively: false },
          ],
        },
        entryFileNames: '[name].js',
        // A council's own wizard flow loads its schema only then: named so the budget check
        // can tell it from the referral schema.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => /src[\\/]core[\\/]wizard[\\/]schema\.ts$/.test(id)) ? 'chunks/flow-schema-[hash].js' : 'chunks/[name]-[hash].js',
        // Lib mode leaves whitespace in ES output; CMS pages on cheap phones want it gone.
        minify: true,
        // Tree-shaking hints (`/* @__PURE__ */`) are for bundlers; shipped files do not need them.
        // Licence comments stay.
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
});
