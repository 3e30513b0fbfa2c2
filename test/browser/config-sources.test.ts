import { expect, fixture } from '@open-wc/testing';
import '../../src/components/cme-definition/define.js';
import '../../src/components/cme-helpline/define.js';
import '../../src/components/cme-wizard/define.js';
import type { CmeElement } from '../../src/internal/cme-element.js';

// One config life cycle for every component: the same settings from `data-config`, a child
// `<script type="application/json">` or `config-src`, and a source that is there but empty or
// broken shows the editor's box naming it, never the defaults.

const json = (value: unknown) => URL.createObjectURL(new Blob([JSON.stringify(value)], { type: 'application/json' }));
const text = (el: Element) => (el.shadowRoot ?? el).textContent!.replace(/\s+/g, ' ').trim();
const alertOf = (el: Element) => el.shadowRoot!.querySelector('[role="alert"]');

/** Renders `<tag attrs>inner</tag>` and waits for its settings to load. */
async function make(tag: string, attrs = '', inner = ''): Promise<CmeElement> {
  const wrapper = await fixture<HTMLDivElement>(`<div><${tag} ${attrs}>${inner}</${tag}></div>`);
  const el = wrapper.querySelector<CmeElement>(tag)!;
  await el.updateComplete;
  return el;
}

// One setting per component that shows on the page, to prove each source is read.
const CASES = [
  { tag: 'cme-definition', config: { email: 'cme@example.gov.uk' }, shows: 'cme@example.gov.uk' },
  { tag: 'cme-helpline', config: { phone: '01234 567 890', closures: [] }, shows: '01234 567 890' },
  { tag: 'cme-wizard', config: { content: { 'immediate-risk': { title: 'Is anyone in danger now?' } } }, shows: 'Is anyone in danger now?' },
];

describe('config sources (every component, the same three ways)', () => {
  for (const { tag, config, shows } of CASES) {
    describe(`<${tag}>`, () => {
      it('reads data-config', async () => {
        const el = await make(tag, `data-config='${JSON.stringify(config)}'`);
        await expect(el).to.be.accessible();
        expect(alertOf(el)).to.equal(null);
        expect(text(el)).to.contain(shows);
      });

      it('reads a child JSON script', async () => {
        const el = await make(tag, '', `<script type="application/json">${JSON.stringify(config)}</script>`);
        await expect(el).to.be.accessible();
        expect(text(el)).to.contain(shows);
      });

      it('reads config-src', async () => {
        const el = await make(tag, `config-src="${json(config)}"`);
        await expect(el).to.be.accessible();
        expect(text(el)).to.contain(shows);
      });

      it('shows the error box naming an emptied child script (as a CMS leaves it), not the defaults', async () => {
        const el = await make(tag, '', '<p>Fallback</p><script type="application/json">  </script>');
        await expect(el).to.be.accessible();
        const box = alertOf(el)!;
        expect(box, 'error box').to.exist;
        expect(text(box)).to.contain(`This ${tag} box is not set up correctly`);
        expect(text(box)).to.contain('In <script type="application/json">: It is empty.');
        expect(el.getAttribute('data-cme-loading')).to.equal(null);
      });

      it('shows the error box naming an empty data-config', async () => {
        const el = await make(tag, 'data-config=""');
        await expect(el).to.be.accessible();
        expect(text(alertOf(el)!)).to.contain('In data-config: It is empty.');
      });

      it('shows the error box naming data-config that is not JSON, or not an object', async () => {
        const broken = await make(tag, `data-config='{"phone": '`);
        await expect(broken).to.be.accessible();
        expect(text(alertOf(broken)!)).to.contain('In data-config: This is not valid JSON');
        const list = await make(tag, `data-config='[1, 2]'`);
        expect(text(alertOf(list)!)).to.contain('In data-config: Expected a JSON object');
      });

      it('shows the error box naming a config-src that answers 404', async () => {
        const el = await make(tag, 'config-src="/no-such-config.json"');
        await expect(el).to.be.accessible();
        expect(text(alertOf(el)!)).to.contain('In config-src (/no-such-config.json): Could not load it (HTTP 404).');
      });

      it('names the source of a setting that fails its check', async () => {
        const el = await make(tag, `data-config='{"colour": "red"}'`);
        await expect(el).to.be.accessible();
        expect(text(alertOf(el)!)).to.match(/In data-config, colour: Unknown setting/);
      });
    });
  }

  it('merges the sources key by key: config-src over the child script over data-config', async () => {
    const el = await make(
      'cme-helpline',
      `data-config='{"phone": "01111 111 111", "email": "a@example.gov.uk"}' config-src="${json({ phone: '03333 333 333' })}"`,
      '<script type="application/json">{"phone": "02222 222 222", "bankHolidays": false}</script>',
    );
    await expect(el).to.be.accessible();
    const t = text(el);
    expect(t).to.contain('03333 333 333');
    expect(t).to.contain('a@example.gov.uk');
    expect(t, 'bankHolidays: false from the script').not.to.contain('closed on bank holidays');
  });

  it('simple attributes win over config', async () => {
    const el = await make('cme-helpline', `phone="09999 999 999" data-config='{"phone": "01111 111 111"}'`);
    expect(text(el)).to.contain('09999 999 999');
    expect(text(el)).not.to.contain('01111 111 111');
  });

  it('keeps the editor’s fallback while config-src loads, then renders', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const original = window.fetch;
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      await gate;
      return original(...args);
    };
    try {
      const wrapper = await fixture<HTMLDivElement>(`<div><cme-helpline config-src="${json({ phone: '01234 000 000' })}"><p>Call us</p></cme-helpline></div>`);
      const el = wrapper.querySelector<CmeElement>('cme-helpline')!;
      await new Promise((r) => setTimeout(r, 50));
      expect(el.hasAttribute('data-cme-loading')).to.equal(true);
      expect(el.shadowRoot!.querySelector('slot:not([name])'), 'the fallback slot').to.exist;
      expect(el.shadowRoot!.querySelector('[part="status"]'), 'no state from defaults').to.equal(null);
      release();
      await el.updateComplete;
      expect(el.hasAttribute('data-cme-loading')).to.equal(false);
      expect(text(el)).to.contain('01234 000 000');
    } finally {
      window.fetch = original;
    }
  });

  it('reloads when config-src changes, as an attribute or a property', async () => {
    const el = await make('cme-definition', `config-src="${json({ email: 'first@example.gov.uk' })}"`);
    expect(text(el)).to.contain('first@example.gov.uk');
    el.setAttribute('config-src', json({ email: 'second@example.gov.uk' }));
    await el.updateComplete;
    expect(text(el)).to.contain('second@example.gov.uk');
    (el as CmeElement & { configSrc?: string }).configSrc = json({ email: 'third@example.gov.uk' });
    await el.updateComplete;
    expect(text(el)).to.contain('third@example.gov.uk');
  });
});
