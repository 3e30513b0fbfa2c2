// The snippets docs/editors.md recommends for raw HTML (no editor in between), published with
// the built bundle: each must render with its config.
import { expect } from '@open-wc/testing';
import type { InstalledClock } from '../support/fake-timers.js';
import { docSnippets, expectErrorBox, expectSnippetWorks, fakeClosureDay, loadBundle, snippetsFor, unpublishAll } from './support.js';

const snippets = snippetsFor(await docSnippets(), 'raw');

describe('raw HTML (as written, no editor)', function () {
  this.timeout(20000);
  let clock: InstalledClock;
  before(async () => {
    clock = fakeClosureDay();
    await loadBundle();
  });
  after(() => clock.uninstall());
  afterEach(unpublishAll);

  it('docs/editors.md recommends snippets for it', () => expect(snippets.length).to.be.greaterThan(6));
  for (const s of snippets) {
    it(`works: ${s.title}`, async () => expectSnippetWorks(s.html, s.html));
  }

  it('shows the error box for broken JSON in data-config, naming it', async () => {
    const error = await expectErrorBox(`<div data-cme="helpline" data-config='{"closures": [}'><p>Call us.</p></div>`, 'cme-helpline');
    expect(error.textContent).to.contain('data-config');
  });
});
