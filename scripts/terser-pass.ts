import type { Plugin } from 'vite';
import { minify } from 'terser';

/**
 * A second minifier pass, with terser, over each chunk Rolldown has already minified (Oxc).
 * Terser folds what Oxc leaves (repeated property reads, `let` runs, branch shapes): about 1.5 %
 * off the gzipped bundle, which the size budgets need (docs/architecture.md, "Budgets"). Only
 * safe compressions; licence comments stay; each chunk's source map is carried through, so it
 * still points at the TypeScript.
 */
export function terserPass(): Plugin {
  return {
    name: 'cme-terser-pass',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        // Rolldown has already written the map's URL comment; terser would drop it.
        const url = /\n?\/\/# sourceMappingURL=\S+\s*$/.exec(chunk.code)?.[0] ?? '';
        const out = await minify(url ? chunk.code.slice(0, -url.length) : chunk.code, {
          module: true,
          ecma: 2020,
          compress: { passes: 3 },
          format: { comments: 'some' },
          sourceMap: chunk.map ? { content: JSON.stringify(chunk.map), asObject: true } : false,
        });
        if (out.code === undefined) throw new Error(`terser returned nothing for ${chunk.fileName}`);
        chunk.code = out.code + url;
        if (chunk.map && out.map && typeof out.map === 'object') Object.assign(chunk.map, out.map);
      }
    },
  };
}
