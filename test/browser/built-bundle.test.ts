import { expect, waitUntil } from '@open-wc/testing';

/** A runtime import of a served URL (not a module TypeScript should resolve). */
const load = (url: string): Promise<unknown> => import(/* @vite-ignore */ url);

// Loads the BUILT dist/cme-widgets.js (npm test builds first) into a page whose elements are
// already there, as in a CMS. Guards the decorator trap (TC39 decorators left in the bundle
// make browsers refuse it) and the upgrade order (elements that exist before the script).
describe('dist/cme-widgets.js (the built bundle)', () => {
  let host: HTMLDivElement;

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
    await load(url);
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
