// Real TinyMCE 7 (npm tinymce, self-hosted), on its defaults and with the two settings
// docs/editors.md gives for keeping the custom tags, round-trips each snippet the guide
// recommends for it; what it saves is published with the built bundle and must render with
// its config.
import { expect } from '@open-wc/testing';
import { tinymceSettings } from '../../../src/builder/allow-list.js';
import type { InstalledClock } from '../support/fake-timers.js';
import { docSnippets, expectSnippetWorks, expectStripped, fakeClosureDay, loadBundle, manifest, snippetsFor, unpublishAll, EXAMPLE } from './support.js';

interface TinyEditor {
  setContent(html: string): void;
  getContent(): string;
  remove(): void;
}
interface TinyMCE {
  init(settings: Record<string, unknown>): Promise<TinyEditor[]>;
}

/** TinyMCE is a classic script that sets `window.tinymce`; loaded once for the file. */
async function loadTinymce(): Promise<TinyMCE> {
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/tinymce/tinymce.min.js';
    script.onload = resolve;
    script.onerror = () => reject(new Error('could not load node_modules/tinymce/tinymce.min.js'));
    document.head.append(script);
  });
  return (window as unknown as { tinymce: TinyMCE }).tinymce;
}

async function editor(tinymce: TinyMCE, settings: Record<string, unknown> = {}): Promise<TinyEditor> {
  const textarea = document.createElement('textarea');
  document.body.append(textarea);
  // Self-hosted: its theme, model, icons and skin load from beside tinymce.min.js.
  const [ed] = await tinymce.init({ target: textarea, base_url: '/node_modules/tinymce', suffix: '.min', license_key: 'gpl', ...settings });
  return ed!;
}

function roundTrip(ed: TinyEditor, html: string): string {
  ed.setContent(html);
  return ed.getContent();
}

const all = await docSnippets();
const settings = tinymceSettings(await manifest());

describe('TinyMCE 7', function () {
  this.timeout(20000);
  let clock: InstalledClock;
  let tinymce: TinyMCE;
  before(async () => {
    clock = fakeClosureDay();
    [tinymce] = await Promise.all([loadTinymce(), loadBundle()]);
  });
  after(() => clock.uninstall());
  afterEach(unpublishAll);

  describe('on its defaults', () => {
    let ed: TinyEditor;
    before(async () => (ed = await editor(tinymce)));
    after(() => ed.remove());

    const snippets = snippetsFor(all, 'tinymce');
    it('docs/editors.md recommends snippets for it', () => expect(snippets.length).to.be.greaterThan(3));
    for (const s of snippets) {
      it(`keeps ${s.title}`, async () => expectSnippetWorks(s.html, roundTrip(ed, s.html)));
    }

    it('drops custom tags and their child JSON script without a trace (the docs say not to paste them)', () => {
      for (const s of snippetsFor(all, 'drupal-full').filter((x) => !x.html.includes('data-cme'))) {
        const saved = roundTrip(ed, s.html);
        expectStripped(saved);
        expect(saved).to.contain('<p>');
      }
      const saved = roundTrip(ed, `<cme-helpline><script type="application/json">{"bankHolidays": false}</script><p>Call us.</p></cme-helpline>`);
      expect(saved).to.equal('<p>Call us.</p>');
    });
  });

  describe('with custom_elements and extended_valid_elements from docs/editors.md', () => {
    let ed: TinyEditor;
    before(async () => (ed = await editor(tinymce, settings)));
    after(() => ed.remove());

    it('docs/editors.md gives exactly the settings the manifest generates', async () => {
      const doc = await (await fetch('/docs/editors.md')).text();
      expect(doc.includes(`custom_elements: '${settings.custom_elements}'`), 'custom_elements').to.equal(true);
      expect(doc.includes(`extended_valid_elements: '${settings.extended_valid_elements}'`), 'extended_valid_elements').to.equal(true);
    });

    const snippets = snippetsFor(all, 'tinymce-custom');
    it('docs/editors.md recommends snippets for it', () => expect(snippets.length).to.be.greaterThan(1));
    for (const s of snippets) {
      it(`keeps ${s.title}`, async () => expectSnippetWorks(s.html, roundTrip(ed, s.html)));
    }
    it(`still shows the configured phone number ${EXAMPLE.phone} for placeholders`, async () => {
      const s = snippetsFor(all, 'tinymce').find((x) => x.html.includes('data-cme="helpline"'))!;
      await expectSnippetWorks(s.html, roundTrip(ed, s.html));
    });
  });
});
