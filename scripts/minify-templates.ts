import type { Plugin } from 'vite';

/**
 * Collapses the indentation inside Lit `html` and `css` tagged templates at build time
 * (Lit keeps template text verbatim, and budgets are tight). Only the static parts of a
 * template change: expressions such as `msg('…')` are copied untouched, because
 * `@lit/localize` hashes message text at run time. A file the scanner cannot follow is
 * returned unchanged.
 */
export function minifyLitTemplates(): Plugin {
  return {
    name: 'cme-minify-lit-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/(components|internal)\/.*\.ts$/.test(id)) return null;
      const out = minifyTemplates(code);
      return out === null ? null : { code: out, map: null };
    },
  };
}

export function minifyTemplates(code: string): string | null {
  let out = '';
  let i = 0;
  // Stack of open template literals: the tag they belong to and the brace depth of their `${`.
  const templates: { tag: string | null; depth: number }[] = [];
  let depth = 0;
  const n = code.length;
  const readTemplateText = (tag: string | null): boolean => {
    // Reads from i (just after ` or }) to the next ` or ${ and minifies it if tagged.
    let j = i;
    while (j < n && code[j] !== '`' && !(code[j] === '$' && code[j + 1] === '{')) j += code[j] === '\\' ? 2 : 1;
    if (j >= n) return false;
    let text = code.slice(i, j);
    if (tag === 'css') text = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s*\n\s*/g, ' ').replace(/\s*([{};,>])\s*/g, '$1').replace(/: /g, ':').replace(/;}/g, '}').replace(/ !important/g, '!important');
    else if (tag === 'html') text = text.replace(/\s*\n\s*/g, ' ').replace(/>\s+</g, '> <');
    out += text;
    i = j;
    if (code[i] === '`') {
      out += '`';
      i += 1;
      templates.pop();
    } else {
      out += '${';
      i += 2;
      depth += 1;
      templates[templates.length - 1]!.depth = depth;
    }
    return true;
  };
  while (i < n) {
    const c = code[i]!;
    if (c === '/' && code[i + 1] === '/') {
      const end = code.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      out += code.slice(i, stop);
      i = stop;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      if (end === -1) return null;
      out += code.slice(i, end + 2);
      i = end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && code[j] !== c) {
        if (code[j] === '\n') return null;
        j += code[j] === '\\' ? 2 : 1;
      }
      out += code.slice(i, j + 1);
      i = j + 1;
    } else if (c === '`') {
      const tag = /\b(html|css)\s*$/.exec(code.slice(Math.max(0, i - 8), i))?.[1] ?? null;
      templates.push({ tag, depth: -1 });
      out += '`';
      i += 1;
      if (!readTemplateText(tag)) return null;
    } else if (c === '{') {
      depth += 1;
      out += c;
      i += 1;
    } else if (c === '}') {
      const top = templates[templates.length - 1];
      if (top && top.depth === depth) {
        depth -= 1;
        top.depth = -1;
        out += '}';
        i += 1;
        if (!readTemplateText(top.tag)) return null;
      } else {
        depth -= 1;
        out += c;
        i += 1;
      }
    } else {
      out += c;
      i += 1;
    }
  }
  return templates.length === 0 && depth === 0 ? out : null;
}
