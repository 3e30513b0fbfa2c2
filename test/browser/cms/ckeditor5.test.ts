// Real CKEditor 5 (npm ckeditor5 48), set up as Drupal sets up its text formats, round-trips each
// snippet docs/editors.md recommends for Drupal; what it saves is published with the built
// bundle and must render with its config.
// CKEditor comes from the package's own one-file browser build (dist/browser/ckeditor5.js, no
// imports): the npm entry fans out into ~60 packages and hundreds of es-toolkit modules that the
// test server would transform one by one (10 s and more per browser); the one file loads in
// well under a second. Only the plugins Drupal's formats use are configured.
import { expect } from '@open-wc/testing';
import type { ClassicEditor } from 'ckeditor5';
import { drupalAllowList } from '../../../src/builder/allow-list.js';
import type { InstalledClock } from '../support/fake-timers.js';
import { docSnippets, expectErrorBox, expectSnippetWorks, expectStripped, fakeClosureDay, loadBundle, manifest, snippetsFor, unpublishAll, EXAMPLE } from './support.js';

/** Drupal 10/11 standard profile, Basic HTML: the tags its "Manually editable HTML tags" hold by default. */
const BASIC_HTML_MANUAL = '<cite> <dl> <dt> <dd> <a hreflang> <blockquote cite> <ul type> <ol type start> <h2 id> <h3 id> <h4 id> <h5 id> <h6 id>';

type GhsRule = { name: string | RegExp; attributes?: true | { key: string | RegExp; value: true }[]; classes?: true; styles?: true };

/**
 * Drupal's translation of an "Allowed HTML tags" line into CKEditor 5 General HTML Support
 * rules: one rule per tag, its attributes by name (`data-*` as a pattern).
 */
function ghsFromDrupal(line: string): GhsRule[] {
  return [...line.matchAll(/<([a-z][a-z0-9-]*)([^>]*)>/g)].map(([, name, attrs]) => {
    const keys = attrs!.trim().split(/\s+/).filter(Boolean);
    return keys.length
      ? { name: name!, attributes: keys.map((k) => ({ key: k.endsWith('*') ? new RegExp(`^${k.slice(0, -1)}.*$`) : k, value: true as const })) }
      : { name: name! };
  });
}


type CK = typeof import('ckeditor5');
const CK = (await import(/* @vite-ignore */ '/node_modules/ckeditor5/dist/browser/ckeditor5.js' as string)) as CK;
const PLUGINS = [CK.Essentials, CK.Paragraph, CK.Heading, CK.Bold, CK.Italic, CK.Code, CK.Link, CK.List, CK.BlockQuote, CK.SourceEditing, CK.GeneralHtmlSupport];

async function editor(allow: GhsRule[]): Promise<ClassicEditor> {
  const host = document.createElement('div');
  document.body.append(host);
  return CK.ClassicEditor.create(host, {
    licenseKey: 'GPL',
    plugins: PLUGINS,
    toolbar: ['heading', 'bold', 'italic', 'link', 'bulletedList', 'numberedList', 'blockQuote', 'sourceEditing'],
    htmlSupport: { allow } as never,
  });
}

/**
 * What Drupal stores: the HTML set through the API, as the editor gives it back. The editor is
 * emptied again at once (synchronously), so the bundle's placeholder watcher on this test page
 * never sees placeholders inside the editing area.
 */
function roundTrip(ed: ClassicEditor, html: string): string {
  ed.setData(html);
  const saved = ed.getData();
  ed.setData('');
  return saved;
}

const all = await docSnippets();
const allowLine = drupalAllowList(await manifest());

describe('CKEditor 5 as Drupal sets it up', function () {
  this.timeout(20000);
  let clock: InstalledClock;
  before(async () => {
    clock = fakeClosureDay();
    await loadBundle();
  });
  after(() => clock.uninstall());
  afterEach(unpublishAll);

  it('docs/editors.md recommends the allow-list line the manifest gives', async () => {
    const doc = await (await fetch('/docs/editors.md')).text();
    expect(doc.includes(allowLine), `docs/editors.md gives the line ${allowLine}`).to.equal(true);
  });

  describe('Basic HTML with the placeholder line added to "Manually editable HTML tags"', () => {
    let ed: ClassicEditor;
    before(async () => (ed = await editor(ghsFromDrupal(`${BASIC_HTML_MANUAL} ${allowLine}`))));
    after(() => ed.destroy());

    const snippets = snippetsFor(all, 'drupal-basic');
    it('docs/editors.md recommends snippets for it', () => expect(snippets.length).to.be.greaterThan(3));
    for (const s of snippets) {
      it(`keeps ${s.title}`, async () => expectSnippetWorks(s.html, roundTrip(ed, s.html)));
    }

    it('drops an empty placeholder that is the only content (so the docs always put fallback text inside)', () => {
      expect(roundTrip(ed, `<div data-cme="wizard" data-config='{}'></div>`)).to.equal('');
    });

    it('cannot keep custom tags, even when they are in the allow-list (General HTML Support needs a pattern)', () => {
      const ed2Line = `<cme-helpline phone data-config>`;
      return editor(ghsFromDrupal(`${BASIC_HTML_MANUAL} ${ed2Line}`)).then(async (ed2) => {
        const saved = roundTrip(ed2, `<cme-helpline phone="${EXAMPLE.phone}" data-config='{"bankHolidays":false}'><p>Call us.</p></cme-helpline>`);
        await ed2.destroy();
        expectStripped(saved);
        expect(saved).to.contain('<p>Call us.</p>');
      });
    });
  });

  describe('Basic HTML as installed (no <div data-*>)', () => {
    let ed: ClassicEditor;
    before(async () => (ed = await editor(ghsFromDrupal(BASIC_HTML_MANUAL))));
    after(() => ed.destroy());

    it('strips placeholders, leaving only the fallback text (the docs say to add the line)', () => {
      for (const s of snippetsFor(all, 'drupal-basic')) {
        const saved = roundTrip(ed, s.html);
        expectStripped(saved);
        expect(saved).to.match(/<p>/);
      }
    });

    it('turns a child JSON script into a visible paragraph (the docs never recommend it here)', () => {
      const saved = roundTrip(ed, `<cme-helpline><script type="application/json">{"bankHolidays": false}</script></cme-helpline>`);
      expect(saved).to.equal('<p>{"bankHolidays": false}</p>');
    });
  });

  describe('Full HTML (no HTML restrictions: General HTML Support allows every element by pattern)', () => {
    let ed: ClassicEditor;
    before(async () => (ed = await editor([{ name: /^.*$/, attributes: true, classes: true, styles: true }])));
    after(() => ed.destroy());

    const snippets = snippetsFor(all, 'drupal-full');
    it('docs/editors.md recommends snippets for it', () => expect(snippets.length).to.be.greaterThan(3));
    for (const s of snippets) {
      it(`keeps ${s.title}`, async () => expectSnippetWorks(s.html, roundTrip(ed, s.html)));
    }

    it('empties a child JSON script, and the component then shows the error box, not its defaults', async () => {
      const saved = roundTrip(ed, `<cme-helpline phone="${EXAMPLE.phone}"><script type="application/json">{"closures": [{"date": "2026-12-16", "label": "Staff training"}]}</script><p>Call us.</p></cme-helpline>`);
      expect(saved).to.contain('<script type="application/json"></script>');
      await expectErrorBox(saved, 'cme-helpline');
    });
  });
});
