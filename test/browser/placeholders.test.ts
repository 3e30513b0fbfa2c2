import { expect, fixture, waitUntil } from '@open-wc/testing';
import '../../src/components/cme-definition/define.js';
import '../../src/components/cme-helpline/define.js';
import { watchDocument } from '../../src/autoload.js';

watchDocument();

describe('placeholder mode (<div data-cme="…">, for editors that strip custom tags)', () => {
  it('turns a placeholder into a component, carrying data-* settings, data-config and fallback', async () => {
    const wrapper = await fixture<HTMLDivElement>(`<div>
      <div data-cme="helpline" id="help" class="council-box" data-phone="01234 567 890" data-heading-level="3"
           data-config='{"bankHolidays": false}'><p>Call 01234 567 890.</p></div>
    </div>`);
    await waitUntil(() => wrapper.querySelector('cme-helpline')?.shadowRoot?.querySelector('[part="status"]'), 'upgraded');
    const helpline = wrapper.querySelector('cme-helpline')!;
    await expect(helpline).to.be.accessible();
    expect(wrapper.querySelector('[data-cme]')).to.equal(null);
    expect(helpline.id).to.equal('help');
    expect(helpline.className).to.equal('council-box');
    expect(helpline.getAttribute('phone')).to.equal('01234 567 890');
    expect(helpline.shadowRoot!.querySelector('h3')).to.exist;
    expect(helpline.shadowRoot!.textContent).not.to.contain('closed on bank holidays');
    expect(helpline.querySelector('p')!.textContent).to.equal('Call 01234 567 890.');
  });

  it('moves a JSON config script across with the fallback', async () => {
    const wrapper = await fixture<HTMLDivElement>(`<div>
      <div data-cme="definition" data-email="cme@example.gov.uk"><p>Fallback definition.</p>
        <script type="application/json">{"extra": {"contact": "<p id=\\"extra\\">Local note.</p>"}}</script></div>
    </div>`);
    await waitUntil(() => wrapper.querySelector('cme-definition')?.shadowRoot?.querySelector('#extra'), 'upgraded with config');
    const definition = wrapper.querySelector('cme-definition')!;
    await expect(definition).to.be.accessible();
    expect(definition.shadowRoot!.querySelector('a[part="contact-link"]')!.textContent).to.equal('cme@example.gov.uk');
    expect(definition.querySelector('p')!.textContent).to.equal('Fallback definition.');
  });

  it('upgrades placeholders a CMS adds later', async () => {
    const wrapper = await fixture<HTMLDivElement>('<div></div>');
    wrapper.insertAdjacentHTML('beforeend', '<section><div data-cme="cme-definition" data-heading="What CME means"></div></section>');
    await waitUntil(() => wrapper.querySelector('cme-definition')?.shadowRoot?.querySelector('h2'), 'late placeholder upgraded');
    const definition = wrapper.querySelector('cme-definition')!;
    await expect(definition).to.be.accessible();
    expect(definition.shadowRoot!.querySelector('h2')!.textContent).to.equal('What CME means');
  });

  it('leaves placeholders inside a rich-text editor’s editing area alone (the editor owns them)', async () => {
    const wrapper = await fixture<HTMLDivElement>('<div><div contenteditable="true"><p>Text</p></div></div>');
    wrapper.firstElementChild!.insertAdjacentHTML('beforeend', '<div data-cme="definition"><p>Fallback</p></div>');
    wrapper.insertAdjacentHTML('beforeend', '<div data-cme="definition" id="outside"></div>');
    await waitUntil(() => wrapper.querySelector('cme-definition#outside'), 'the one outside upgraded');
    await new Promise((r) => setTimeout(r, 50));
    expect(wrapper.querySelector('[contenteditable] [data-cme="definition"]'), 'still a placeholder').to.exist;
    expect(wrapper.querySelector('[contenteditable] cme-definition')).to.equal(null);
    await expect(wrapper.querySelector('cme-definition')!).to.be.accessible();
  });

  it('leaves an unknown placeholder alone and says why in the console (a warning)', async () => {
    const errors: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const wrapper = await fixture<HTMLDivElement>('<div></div>');
      wrapper.insertAdjacentHTML('beforeend', '<div data-cme="helpdesk">Fallback</div>');
      await waitUntil(() => errors.length > 0, 'error logged');
      await expect(wrapper).to.be.accessible();
      expect(errors[0]).to.contain('data-cme="helpdesk"');
      expect(wrapper.querySelector('[data-cme="helpdesk"]')).to.exist;
    } finally {
      console.warn = original;
    }
  });
});
