import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/cme-definition/define.js';
import '../../src/components/cme-helpline/define.js';
import { localeReady } from '../../src/internal/locale.js';

const shadowText = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('editor copy overrides (data-i18n)', () => {
  it('replace the text as shown, in headings, lists and links, without a rebuild', async () => {
    const el = await fixture(html`<cme-helpline
      data-i18n='{"School attendance helpline": "Attendance advice line", "Opening hours": "When to call", "Telephone:": "Phone:"}'
    ></cme-helpline>`);
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Attendance advice line');
    expect(el.shadowRoot!.querySelector('h3')!.textContent).to.equal('When to call');
    expect(shadowText(el)).to.contain('Phone:');
    expect(shadowText(el)).not.to.contain('Telephone:');
  });

  it('change with the attribute, and leave the rest alone', async () => {
    const el = await fixture(html`<cme-definition></cme-definition>`);
    el.setAttribute('data-i18n', JSON.stringify({ 'What the council does': 'How Example County Council helps' }));
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    await expect(el).to.be.accessible();
    expect(shadowText(el)).to.contain('How Example County Council helps');
    expect(shadowText(el)).to.contain('Who counts as missing education');
  });

  it('work in the page’s language: keys are the words the visitor sees', async () => {
    const wrapper = await fixture(html`<div lang="pl"><cme-helpline data-i18n='{"Godziny otwarcia": "Kiedy dzwonić"}'></cme-helpline></div>`);
    await localeReady();
    const el = wrapper.querySelector('cme-helpline')!;
    await waitUntil(() => el.shadowRoot!.querySelector('h3')?.textContent === 'Kiedy dzwonić', 'Polish override applied');
    await expect(el).to.be.accessible();
    wrapper.setAttribute('lang', 'en-GB');
    await waitUntil(() => el.shadowRoot!.querySelector('h3')?.textContent === 'Opening hours', 'English shown when the page is English');
  });

  it('ignore a broken value, telling the editor in the console', async () => {
    const errors: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await fixture(html`<cme-helpline data-i18n="{not json"></cme-helpline>`);
      await expect(el).to.be.accessible();
      expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('School attendance helpline');
      expect(errors.some((e) => e.includes('data-i18n'))).to.equal(true);
    } finally {
      console.warn = original;
    }
  });
});
