import { expect, waitUntil } from '@open-wc/testing';

// The documented CSP (docs/editors.md; test/support/csp.mjs sends it as the header of
// /demo/csp.html) on a page with every component: no violation at all. The helpline's JSON-LD is
// the one script text the components write, through the `cme-widgets` Trusted Types policy.
const DOCUMENTED = "script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html dompurify cme-widgets";

describe('Trusted Types under the documented CSP', () => {
  let frame: HTMLIFrameElement;
  let win: Window & { cspViolations: string[]; trustedTypes?: { createPolicy: (name: string, rules: object) => unknown } };

  before(async () => {
    frame = Object.assign(document.createElement('iframe'), { src: '/demo/csp.html' });
    frame.style.cssText = 'width:900px;height:700px';
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    document.body.append(frame);
    await loaded;
    win = frame.contentWindow as typeof win;
  });

  after(() => frame.remove());

  it('is the policy the page is served with', async () => {
    const response = await fetch('/demo/csp.html');
    expect(response.headers.get('Content-Security-Policy')).to.equal(DOCUMENTED);
    expect(await response.text()).to.contain(`content="${DOCUMENTED}"`);
  });

  it('runs every component, JSON-LD included, with zero violations', async () => {
    const doc = win.document;
    const rendered = (tag: string, selector: string) => doc.querySelector(tag)?.shadowRoot?.querySelector(selector);
    await waitUntil(
      () =>
        rendered('cme-definition', 'h2') &&
        rendered('cme-helpline', '[part="status"]') &&
        rendered('cme-wizard', 'legend, h2') &&
        rendered('cme-referral-form', 'h2, legend'),
      'all four rendered',
      { timeout: 15_000 },
    );
    // The definition's editor HTML went through DOMPurify (and Lit's policy).
    await waitUntil(() => rendered('cme-definition', 'section strong'), 'editor HTML rendered', { timeout: 10_000 });
    const ld = await waitUntil(() => doc.querySelector('cme-helpline > script[type="application/ld+json"][data-cme-hours]'), 'JSON-LD written', { timeout: 10_000 }).then(
      () => doc.querySelector('cme-helpline > script[type="application/ld+json"][data-cme-hours]')!,
    );
    const data = JSON.parse(ld.textContent!) as { '@type': string; hoursAvailable: unknown[] };
    expect(data['@type']).to.equal('GovernmentService');
    expect(data.hoursAvailable.length).to.be.greaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(win.cspViolations).to.deep.equal([]);
  });

  it('is really enforced where the browser has Trusted Types (a raw script text and an unlisted policy are refused)', async function () {
    if (!win.trustedTypes) this.skip(); // Firefox ESR has no Trusted Types yet: nothing to enforce
    const script = win.document.createElement('script');
    expect(() => (script.textContent = 'alert(1)')).to.throw();
    expect(() => win.trustedTypes!.createPolicy('not-listed', {})).to.throw();
    // The components' own policy exists once; a second copy of the bundle must not create it again.
    expect(() => win.trustedTypes!.createPolicy('cme-widgets', {})).to.throw();
    win.cspViolations.length = 0;
  });
});
