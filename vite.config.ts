import { defineConfig } from 'vite';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { minifyLitTemplates } from './scripts/minify-templates.js';

/** The four tags; each gets `dist/components/<tag>.js` so a page can load just the one it uses. */
export const TAGS = ['cme-definition', 'cme-helpline', 'cme-wizard', 'cme-referral-form'] as const;

const componentEntries = Object.fromEntries(
  TAGS.map((tag) => [`components/${tag}`, resolve(import.meta.dirname, `src/components/${tag}/define.ts`)]).filter(([, file]) =>
    existsSync(file),
  ),
);

const relay = `http://${process.env.RELAY_HOST ?? '127.0.0.1'}:${process.env.RELAY_PORT ?? process.env.PORT ?? '8787'}`;

export default defineConfig({
  plugins: [minifyLitTemplates()],
  // Legacy decorators: Oxc would otherwise pass TC39 `@property()` through untransformed and
  // browsers refuse the bundle (TOOLCHAIN.md, "the silent build trap").
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
    sourcemap: true,
    lib: {
      entry: { 'cme-widgets': resolve(import.meta.dirname, 'src/index.ts'), ...componentEntries },
      formats: ['es'],
    },
    rolldownOptions: {
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Lib mode leaves whitespace in ES output; CMS pages on cheap phones want it gone.
        minify: true,
      },
    },
  },
});
