import { expect, fixture, html, aTimeout, waitUntil } from '@open-wc/testing';
import '../../src/components/cme-definition/define.js';
import type { CmeDefinition } from '../../src/components/cme-definition/cme-definition.js';
import { localeReady } from '../../src/internal/locale.js';

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<cme-definition>', () => {
  it('is accessible and shows the definition, the lists, the council’s work and the contact', async () => {
    const el = await fixture<CmeDefinition>(html`<cme-definition></cme-definition>`);
    await expect(el).to.be.accessible();
    const t = text(el);
    expect(t).to.contain('not registered pupils at a school');
    expect(t).to.contain('have been offered a school place but have not started');
    expect(t).to.contain('persistently or severely absent');
    expect(t).to.contain('receive alternative provision');
    expect(t).to.contain('electively home educated');
    expect(t).to.contain('Missing Mondays');
    expect(t).to.contain('on a school roll');
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="contact-link"]')!;
    expect(link.href).to.equal('mailto:cme@worcestershire.gov.uk');
  });

  it('uses the heading level the editor sets, sections one level below', async () => {
    const el = await fixture<CmeDefinition>(html`<cme-definition heading-level="3" email="cme@example.gov.uk"></cme-definition>`);
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.querySelector('h3#cme-heading')).to.exist;
    expect(el.shadowRoot!.querySelectorAll('section h4').length).to.equal(6);
    expect(el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="contact-link"]')!.textContent).to.equal('cme@example.gov.uk');
  });

  it('lets editors replace and extend sections through slots', async () => {
    const el = await fixture<CmeDefinition>(html`<cme-definition>
      <p slot="council">Our own words about the council.</p>
      <p slot="ends-extra">Extra local note.</p>
    </cme-definition>`);
    await expect(el).to.be.accessible();
    const council = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="council"]')!;
    expect(council.assignedElements()[0]!.textContent).to.equal('Our own words about the council.');
    const extra = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="ends-extra"]')!;
    expect(extra.assignedElements()).to.have.length(1);
  });

  it('sanitises hostile editor HTML from config before rendering it', async () => {
    const hostile = {
      sections: {
        council: '<p id="ok">Safe <a href="https://example.org">link</a></p><img src="x" alt="" onerror="window.__pwned=1"><script>window.__pwned=2</script><p style="color:red">styled</p>',
      },
      extra: { contact: '<a href="javascript:window.__pwned=3">bad</a><iframe src="https://example.org"></iframe>' },
    };
    const el = await fixture<CmeDefinition>(html`<cme-definition>
      <script type="application/json">${JSON.stringify(hostile)}</script>
    </cme-definition>`);
    await waitUntil(() => el.shadowRoot!.querySelector('#ok'), 'editor HTML rendered', { timeout: 5000 });
    await expect(el).to.be.accessible();
    const root = el.shadowRoot!;
    expect(root.querySelector('#ok')!.textContent).to.equal('Safe link');
    expect(root.querySelector('script')).to.equal(null);
    expect(root.querySelector('iframe')).to.equal(null);
    expect(root.querySelector('[onerror]')).to.equal(null);
    expect(root.querySelector('[style]')).to.equal(null);
    const links = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links.some((h) => h?.startsWith('javascript:'))).to.equal(false);
    await aTimeout(50);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('replaces a section with editor HTML even when nothing of it survives sanitising', async () => {
    const el = await fixture<CmeDefinition>(html`<cme-definition>
      <script type="application/json">{"sections": {"council": "<script>window.__pwned=4<\\/script>"}}</script>
    </cme-definition>`);
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const section = el.shadowRoot!.querySelector('#council-heading')!.closest('section')!;
    expect(section.querySelector('li')).to.equal(null);
    expect(section.textContent!.trim()).to.equal('What the council does');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows editors which field is wrong when the config is broken', async () => {
    const el = await fixture<CmeDefinition>(html`<cme-definition>
      <script type="application/json">{"sections": {"councill": "<p>x</p>"}}</script>
    </cme-definition>`);
    await expect(el).to.be.accessible();
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('sections.councill');
    expect(alert.textContent).to.contain('Unknown section');
  });

  it('reports JSON that does not parse', async () => {
    const el = await fixture<CmeDefinition>(html`<cme-definition><script type="application/json">{oops</script></cme-definition>`);
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('not valid JSON');
  });

  it('switches to Polish when the nearest lang is pl, and back when it changes', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="pl"><cme-definition></cme-definition></div>`);
    const el = wrapper.querySelector('cme-definition')!;
    await localeReady();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(text(el)).to.contain('Dzieci');
    wrapper.setAttribute('lang', 'en-GB');
    await waitUntil(() => text(el).includes('Children missing education'), 'back to English', { timeout: 5000 });
  });
});
