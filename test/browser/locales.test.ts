import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/cme-definition/define.js';
import '../../src/components/cme-helpline/define.js';
import { localeReady } from '../../src/internal/locale.js';

const heading = (el: Element) => el.shadowRoot!.querySelector('h2')!.textContent!.trim();

describe('one language per page, decided by document order, not by which code loads first', () => {
  // The race of the editors' guide example (an English helpline, then a Polish definition):
  // when the definition connected first, its Polish load started; the helpline connecting
  // next (earlier in the page) compared against the still-active English and asked for
  // nothing, so Polish won. Here the definition connects first on purpose.
  it('an English helpline before a Polish definition: both English, whichever connects first', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><div lang="pl"><cme-definition></cme-definition></div></div>`);
    const definition = wrapper.querySelector('cme-definition')!;
    const helpline = document.createElement('cme-helpline');
    wrapper.prepend(helpline); // arrives later (its code is bigger), but is first in the page
    await localeReady();
    await definition.updateComplete;
    await helpline.updateComplete;
    await expect(definition).to.be.accessible();
    expect(heading(helpline)).to.equal('School attendance helpline');
    expect(heading(definition)).to.equal('Children missing education');
    helpline.remove();
    await localeReady();
    await waitUntil(() => heading(definition) === 'Dzieci pozbawione edukacji', 'the definition is first now: Polish');
    definition.remove();
    await localeReady();
  });
});

describe('shipped languages', () => {
  it('Urdu: translated, laid out right to left, accessible; back to English when lang changes', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ur">
      <cme-definition></cme-definition>
      <cme-helpline></cme-helpline>
    </div>`);
    await localeReady();
    const [definition, helpline] = [wrapper.querySelector('cme-definition')!, wrapper.querySelector('cme-helpline')!];
    await waitUntil(() => heading(helpline) !== 'School attendance helpline', 'Urdu loaded');
    await expect(definition).to.be.accessible();
    await expect(helpline).to.be.accessible();
    expect(heading(helpline)).to.match(/[\u0600-\u06FF]/);
    expect(heading(definition)).to.match(/[\u0600-\u06FF]/);
    expect(helpline.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(helpline.shadowRoot!.querySelector('.box')!).direction).to.equal('rtl');
    // Logical properties: the state border sits on the start side, which is the right in RTL.
    const box = getComputedStyle(helpline.shadowRoot!.querySelector('.box')!);
    expect(box.borderRightWidth).to.equal('6px');

    wrapper.setAttribute('lang', 'en-GB');
    await waitUntil(() => heading(helpline) === 'School attendance helpline', 'back to English');
    await helpline.updateComplete;
    expect(helpline.hasAttribute('dir')).to.equal(false);
  });

  it('an editor’s own dir wins over the automatic one', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ur"><cme-helpline dir="ltr"></cme-helpline></div>`);
    await localeReady();
    const helpline = wrapper.querySelector('cme-helpline')!;
    await helpline.updateComplete;
    await expect(helpline).to.be.accessible();
    expect(helpline.getAttribute('dir')).to.equal('ltr');
  });
});
