import { expect, waitUntil } from '@open-wc/testing';

/** A runtime import of a served URL (not a module TypeScript should resolve). */
const load = (url: string): Promise<unknown> => import(/* @vite-ignore */ url);

// Loads the BUILT dist/cme-widgets.js (npm test builds first) into a page whose elements are
// already there, as in a CMS. Guards the decorator trap (TC39 decorators left in the bundle
// make browsers refuse it) and the upgrade order (elements that exist before the script).
describe('dist/cme-widgets.js (the built bundle)', () => {
  let host: HTMLDivElement;
  let bundle: { loadComponents: (root: ParentNode) => Promise<unknown>; TAGS: readonly string[] };

  before(async () => {
    host = document.createElement('div');
    // The editors' guide example first: an English helpline, then a definition in a Polish block.
    host.innerHTML = `
      <cme-helpline id="readme-helpline" data-i18n='{"School attendance helpline": "Attendance advice line"}'></cme-helpline>
      <div lang="pl"><cme-definition id="readme-definition" data-i18n='{"Co robi rada hrabstwa": "Jak pomaga rada hrabstwa"}'></cme-definition></div>
      <cme-definition email="cme@example.gov.uk"><p>Fallback text</p></cme-definition>
      <cme-helpline phone="01234 567 890"></cme-helpline>`;
    document.body.append(host);
    expect(customElements.get('cme-definition'), 'not defined before the script runs').to.equal(undefined);
    const url = '/dist/cme-widgets.js';
    const response = await fetch(url, { method: 'HEAD' });
    if (!response.ok) throw new Error('dist/cme-widgets.js is missing: run "npm run build" first');
    bundle = (await load(url)) as typeof bundle;
  });

  after(() => host.remove());

  it('upgrades elements that were in the page before it loaded, accessibly', async () => {
    const definition = host.querySelector('cme-definition[email]')!;
    const helpline = host.querySelector('cme-helpline[phone]')!;
    await waitUntil(() => definition.shadowRoot?.querySelector('h2') && helpline.shadowRoot?.querySelector('[part="status"]'), 'components rendered');
    await expect(definition).to.be.accessible();
    await expect(helpline).to.be.accessible();
    expect(definition.shadowRoot!.querySelector('a[part="contact-link"]')!.textContent).to.equal('cme@example.gov.uk');
    expect(helpline.shadowRoot!.querySelector('a[part="phone"]')!.getAttribute('href')).to.equal('tel:01234567890');
  });

  it('renders the editors’ guide example in one language, the first component’s (English), every time', async () => {
    const helpline = host.querySelector('#readme-helpline')!;
    const definition = host.querySelector('#readme-definition')!;
    await waitUntil(() => definition.shadowRoot?.querySelector('h2') && helpline.shadowRoot?.querySelector('h2'), 'rendered');
    await (definition as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(helpline.shadowRoot!.querySelector('h2')!.textContent!.trim()).to.equal('Attendance advice line');
    expect(definition.shadowRoot!.querySelector('h2')!.textContent!.trim()).to.equal('Children missing education');
  });

  it('loads only the components the page uses, and upgrades and loads what a CMS adds later (one observer, one registry)', async () => {
    const fetched = () => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname);
    expect(customElements.get('cme-wizard')).to.equal(undefined);
    expect(customElements.get('cme-referral-form')).to.equal(undefined);
    expect(fetched().filter((p) => p.startsWith('/dist/components/'))).to.have.members([
      '/dist/components/cme-definition.js',
      '/dist/components/cme-helpline.js',
    ]);
    host.insertAdjacentHTML('beforeend', '<section><div data-cme="wizard" data-history="false"><p>Wizard fallback</p></div></section>');
    await waitUntil(() => host.querySelector('cme-wizard'), 'placeholder upgraded');
    const wizard = host.querySelector('cme-wizard')!;
    expect(host.querySelector('[data-cme]')).to.equal(null);
    expect(wizard.getAttribute('history')).to.equal('false');
    await waitUntil(() => wizard.shadowRoot?.querySelector('legend, h2'), 'wizard rendered');
    await expect(wizard).to.be.accessible();
    expect(fetched()).to.include('/dist/components/cme-wizard.js');
    expect(customElements.get('cme-referral-form'), 'still not needed').to.equal(undefined);
    wizard.remove();
  });

  it('builds one entry per registered tag, and exports the registry', async () => {
    expect(bundle.TAGS).to.deep.equal(['cme-definition', 'cme-helpline', 'cme-wizard', 'cme-referral-form']);
    for (const tag of bundle.TAGS) expect((await fetch(`/dist/components/${tag}.js`, { method: 'HEAD' })).ok, tag).to.equal(true);
  });

  it('loads components inside another shadow root when asked (loadComponents)', async () => {
    const outer = document.createElement('div');
    host.append(outer);
    const shadow = outer.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<cme-referral-form></cme-referral-form>';
    await new Promise((r) => setTimeout(r, 50));
    expect(customElements.get('cme-referral-form'), 'the page-level watcher cannot see into shadow roots').to.equal(undefined);
    await bundle.loadComponents(shadow);
    expect(customElements.get('cme-referral-form')).to.exist;
    outer.remove();
  });

  it('does not throw when a CMS loads the script a second time', async () => {
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    await load('/dist/cme-widgets.js?loaded-again');
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
    expect(customElements.get('cme-helpline')).to.exist;
  });

  it('registers every component also through its own entry point', async () => {
    await load('/dist/components/cme-definition.js');
    await load('/dist/components/cme-helpline.js');
    expect(customElements.get('cme-definition')).to.exist;
  });
});
