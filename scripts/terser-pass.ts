import type { Plugin } from 'vite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

/**
 * A second minifier pass, with terser, over each chunk Rolldown has already minified (Oxc).
 * Terser folds what Oxc leaves (repeated property reads, `let` runs, branch shapes): under 1 %
 * off the gzipped bundle, which the size budgets need (docs/architecture.md, "Budgets"). Only
 * safe compressions; each chunk's source map is carried through, so it still points at the
 * TypeScript. Licence comments stay, each distinct notice once, at the end of the chunk (Lit's
 * modules repeat the same BSD notice seven times in the base chunk); at the end, so no mapping moves.
 */
export function terserPass(): Plugin {
  // Rolldown writes each map from what it made, whatever generateBundle does to `chunk.map`,
  // so terser's maps (back to the TypeScript) replace them once they are written.
  const maps = new Map<string, string>();
  return {
    name: 'cme-terser-pass',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        // Rolldown has already written the map's URL comment; terser would drop it.
        const url = /\n?\/\/# sourceMappingURL=\S+\s*$/.exec(chunk.code)?.[0] ?? '';
        const code = url ? chunk.code.slice(0, -url.length) : chunk.code;
        const notices = [...new Set((code.match(/\/\*[\s\S]*?\*\//g) ?? []).filter((c) => /^\/\*!|@license|@preserve/.test(c)))];
        const out = await minify(code, {
          module: true,
          ecma: 2020,
          compress: { passes: 3 },
          format: { comments: false },
          sourceMap: chunk.map ? { content: JSON.stringify(chunk.map), asObject: true, includeSources: true } : false,
        });
        if (out.code === undefined) throw new Error(`terser returned nothing for ${chunk.fileName}`);
        chunk.code = [out.code, ...notices].join('\n') + url;
        if (chunk.map && out.map) maps.set(`${chunk.fileName}.map`, JSON.stringify({ ...(out.map as object), file: chunk.map.file }));
      }
    },
    writeBundle(options) {
      for (const [file, json] of maps) writeFileSync(join(options.dir ?? 'dist', file), json);
      maps.clear();
    },
  };
}
