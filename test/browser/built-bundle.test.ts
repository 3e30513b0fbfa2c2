import { expect, waitUntil } from '@open-wc/testing';

/** A runtime import of a served URL (not a module TypeScript should resolve). */
const load = (url: string): Promise<unknown> => import(/* @vite-ignore */ url);

// Loads the BUILT dist/cme-widgets.js (npm test builds first) into a page whose elements are
// already there, as in a CMS. Guards the decorator trap (TC39 decorators left in the bundle
// make browsers refuse it) and the upgrade order (elements that exist before the script).
describe('dist/cme-widgets.js (the built bundle)', () => {
  let host: HTMLDivElement;
  let bundle: { loadComponents: (root: ParentNode) => Promise<unknown> };

  before(async () => {
    host = document.createElement('div');
    host.innerHTML = `
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
    const definition = host.querySelector('cme-definition')!;
    const helpline = host.querySelector('cme-helpline')!;
    await waitUntil(() => definition.shadowRoot?.querySelector('h2') && helpline.shadowRoot?.querySelector('[part="status"]'), 'components rendered');
    await expect(definition).to.be.accessible();
    await expect(helpline).to.be.accessible();
    expect(definition.shadowRoot!.querySelector('a[part="contact-link"]')!.textContent).to.equal('cme@example.gov.uk');
    expect(helpline.shadowRoot!.querySelector('a[part="phone"]')!.getAttribute('href')).to.equal('tel:01234567890');
  });

  it('loads only the components the page uses, and the others when a CMS adds them later', async () => {
    const fetched = () => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname);
    expect(customElements.get('cme-wizard')).to.equal(undefined);
    expect(customElements.get('cme-referral-form')).to.equal(undefined);
    expect(fetched().filter((p) => p.startsWith('/dist/components/'))).to.have.members([
      '/dist/components/cme-definition.js',
      '/dist/components/cme-helpline.js',
    ]);
    const wizard = document.createElement('cme-wizard');
    host.append(wizard);
    await customElements.whenDefined('cme-wizard');
    await waitUntil(() => wizard.shadowRoot?.querySelector('legend, h2'), 'wizard rendered');
    expect(fetched()).to.include('/dist/components/cme-wizard.js');
    expect(customElements.get('cme-referral-form'), 'still not needed').to.equal(undefined);
    wizard.remove();
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
