// The build's template minifier changes shipped CSS and HTML text, so what it must keep is tested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minifyTemplates } from '../../scripts/minify-templates.js';

const cssOf = (code: string | null): string => /css`([\s\S]*)`/.exec(code ?? '')![1]!;

test('CSS loses comments and spaces around punctuation, but not descendant combinators or values', () => {
  const out = minifyTemplates(`const s = css\`
    /* a comment */
    :host([heading-level]:not([heading-level='2'])) .loading {
      box-shadow:
        0 -2px var(--cme-focus-colour, #ffdd00),
        0 4px #0b0c0c;
      clip-path: inset(50%) !important;
      content: '! ';
    }
    ul > li,
    @media (forced-colors: active) {
      a { outline: 3px solid Highlight; }
    }
  \`;`);
  assert.equal(
    cssOf(out).trim(),
    ":host([heading-level]:not([heading-level='2'])) .loading{box-shadow:0 -2px var(--cme-focus-colour,#ffdd00),0 4px #0b0c0c;" +
      "clip-path:inset(50%)!important;content:'! '}ul>li,@media (forced-colors:active){a{outline:3px solid Highlight}}",
  );
});

test('expressions inside templates are copied untouched (msg() text is hashed at run time)', () => {
  const source = "const t = html`\n  <p>\n    ${msg('Two  spaces:  kept , too')}\n  </p>\n`;";
  const out = minifyTemplates(source);
  assert.ok(out?.includes("${msg('Two  spaces:  kept , too')}"), out ?? 'null');
  assert.ok(!out?.includes('\n  <p>'), 'HTML indentation collapsed');
});

test('untagged template literals are left alone', () => {
  const source = 'const s = `a:  b ,  c\n  d`;';
  assert.equal(minifyTemplates(source), source);
});
