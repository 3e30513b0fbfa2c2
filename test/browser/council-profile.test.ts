import { expect, fixture } from '@open-wc/testing';
import '../../src/components/cme-definition/define.js';
import '../../src/components/cme-helpline/define.js';
import '../../src/components/cme-wizard/define.js';
import type { CmeElement } from '../../src/internal/cme-element.js';
import { londonDate } from '../../src/core/london-date.js';

// One council profile per site, typed once in the page's <head>, used by every component on
// the page; a component's own settings override it; without one, Worcestershire's details.

const today = londonDate(new Date());
const PROFILE = {
  council: 'Exampleshire County Council',
  team: { email: 'cme@exampleshire.gov.uk', phone: '01234 100 200' },
  helpline: { phone: '01234 300 400', email: 'attendance@exampleshire.gov.uk', weekly: { tue: ['10:00-15:00'] } },
  termTime: [{ from: '2026-09-01', to: '2027-07-20' }],
  emergencyContacts: [{ name: 'Exampleshire Family Front Door', phone: '01234 999 999' }],
  privacyUrl: 'https://www.exampleshire.gov.uk/privacy',
};

const text = (el: Element) => (el.shadowRoot ?? el).textContent!.replace(/\s+/g, ' ').trim();
const json = (value: unknown) => URL.createObjectURL(new Blob([JSON.stringify(value)], { type: 'application/json' }));

let head: HTMLElement | undefined;
/** Puts a profile in <head>, as a site template does. */
function profileScript(value: unknown): void {
  head = Object.assign(document.createElement('script'), { type: 'application/json', id: 'cme-profile', textContent: JSON.stringify(value) });
  document.head.append(head);
}
function profileMeta(url: string): void {
  head = Object.assign(document.createElement('meta'), { name: 'cme-profile', content: url });
  document.head.append(head);
}

async function page(body: string): Promise<HTMLDivElement> {
  const wrapper = await fixture<HTMLDivElement>(`<div>${body}</div>`);
  for (const el of wrapper.querySelectorAll<CmeElement>('cme-definition, cme-helpline, cme-wizard')) await el.updateComplete;
  return wrapper;
}

/** Walks the default wizard to "not of compulsory school age" (a 2-year-old), whose contact is the CME team. */
async function youngChildOutcome(el: CmeElement): Promise<string> {
  const r = el.shadowRoot!;
  const go = async () => {
    [...r.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'Continue')!.click();
    await el.updateComplete;
  };
  r.querySelector<HTMLInputElement>('input[value="no"]')!.click();
  await go();
  const year = String(Number(today.slice(0, 4)) - 2);
  for (const [part, v] of [['day', '1'], ['month', '1'], ['year', year]]) r.querySelector<HTMLInputElement>(`input[name$="-${part}"]`)!.value = v!;
  await go();
  await go(); // check your answers → outcome
  return text(el);
}

describe('the council profile', () => {
  afterEach(() => head?.remove());

  it('without a profile: Worcestershire’s details, in every component', async () => {
    const w = await page('<cme-definition></cme-definition><cme-helpline></cme-helpline><cme-wizard history="false"></cme-wizard>');
    expect(text(w.querySelector('cme-definition')!)).to.contain('cme@worcestershire.gov.uk');
    expect(text(w.querySelector('cme-helpline')!)).to.contain('01905 844 440');
    expect(await youngChildOutcome(w.querySelector('cme-wizard')!)).to.contain('cme@worcestershire.gov.uk');
  });

  it('an inline profile in <head> is used by every component on the page', async () => {
    profileScript({ ...PROFILE, helpline: { ...PROFILE.helpline, closures: [{ date: today, label: 'Council closure day' }] } });
    const w = await page('<cme-definition></cme-definition><cme-helpline></cme-helpline><cme-wizard history="false"></cme-wizard>');
    const [definition, helpline, wizard] = ['cme-definition', 'cme-helpline', 'cme-wizard'].map((t) => w.querySelector<CmeElement>(t)!);
    for (const el of [definition!, helpline!, wizard!]) await expect(el).to.be.accessible();
    expect(text(definition!)).to.contain('cme@exampleshire.gov.uk');
    const h = text(helpline!);
    expect(h).to.contain('01234 300 400');
    expect(h).to.contain('attendance@exampleshire.gov.uk');
    expect(h, 'its hours').to.contain('Tuesday');
    expect(h).not.to.contain('Monday');
    expect(helpline!.shadowRoot!.querySelector('[part="status"]')!.textContent, 'the closure day is closed').to.contain('Council closure day');
    const outcome = await youngChildOutcome(wizard!);
    expect(outcome).to.contain('cme@exampleshire.gov.uk');
    expect(outcome).not.to.contain('worcestershire');
  });

  it('a profile file named by <meta name="cme-profile"> works the same', async () => {
    profileMeta(json(PROFILE));
    const w = await page('<cme-definition></cme-definition><cme-helpline></cme-helpline>');
    expect(text(w.querySelector('cme-definition')!)).to.contain('cme@exampleshire.gov.uk');
    expect(text(w.querySelector('cme-helpline')!)).to.contain('01234 300 400');
  });

  it('a component’s own settings override the profile, and attributes override both', async () => {
    profileScript(PROFILE);
    const w = await page(`<cme-helpline data-config='{"phone": "05555 555 555", "weekly": {"thu": ["09:00-12:00"]}}'></cme-helpline>
      <cme-definition email="local@example.gov.uk" data-config='{"email": "config@example.gov.uk"}'></cme-definition>`);
    const h = text(w.querySelector('cme-helpline')!);
    expect(h).to.contain('05555 555 555');
    expect(h, 'weekly from data-config').to.contain('Thursday');
    expect(h).not.to.contain('Tuesday');
    expect(h, 'email still from the profile').to.contain('attendance@exampleshire.gov.uk');
    expect(text(w.querySelector('cme-definition')!)).to.contain('local@example.gov.uk');
  });

  it('a broken profile shows the error box naming it, in every component, never Worcestershire’s details', async () => {
    profileScript({ ...PROFILE, emergencyContact: [] });
    const w = await page('<cme-definition></cme-definition><cme-helpline></cme-helpline>');
    for (const el of w.querySelectorAll('cme-definition, cme-helpline')) {
      await expect(el).to.be.accessible();
      const box = el.shadowRoot!.querySelector('[role="alert"]')!;
      expect(box, el.localName).to.exist;
      expect(text(box)).to.contain('In cme-profile, emergencyContact: Unknown setting');
      expect(text(el)).not.to.contain('worcestershire');
    }
  });

  it('broken hours in the profile: the helpline names them (with its own messages); the definition does not use them', async () => {
    profileScript({ ...PROFILE, helpline: { phone: '01234 300 400', weekly: { tue: ['3pm-5pm'] } } });
    const w = await page('<cme-definition></cme-definition><cme-helpline></cme-helpline>');
    const helpline = w.querySelector('cme-helpline')!;
    await expect(helpline).to.be.accessible();
    expect(text(helpline.shadowRoot!.querySelector('[role="alert"]')!)).to.contain('In cme-profile, helpline.weekly.tue.0: Use 24-hour times');
    expect(text(w.querySelector('cme-definition')!)).to.contain('cme@exampleshire.gov.uk');
  });

  it('a profile file that answers 404 shows the error box naming it', async () => {
    profileMeta('/no-such-profile.json');
    const w = await page('<cme-helpline></cme-helpline>');
    const el = w.querySelector('cme-helpline')!;
    await expect(el).to.be.accessible();
    expect(text(el.shadowRoot!.querySelector('[role="alert"]')!)).to.contain('In cme-profile (/no-such-profile.json): Could not load it (HTTP 404).');
  });

  it('an emptied profile script is an error, not silent defaults', async () => {
    profileScript('');
    head!.textContent = '';
    const w = await page('<cme-definition></cme-definition>');
    expect(text(w.querySelector('cme-definition')!.shadowRoot!.querySelector('[role="alert"]')!)).to.contain('In cme-profile: It is empty.');
  });
});
