// <cme-referral-form>: "Check your answers" as GOV.UK summary cards (a card per section, a card per
// list item, focus back on the row changed), the confirmation that names the reference, the
// relay's receipt flag and its 409 for a reused Idempotency-Key, all against the real relay.
import { expect, waitUntil } from '@open-wc/testing';
import { a11ySnapshot, sendKeys } from '@web/test-runner-commands';
import '../../src/components/cme-referral-form/define.js';
import type { CmeReferralForm } from '../../src/components/cme-referral-form/cme-referral-form.js';
import { YEAR_GROUPS } from '../../src/core/referral/options.js';
import { eventually, relay } from './support/relay.js';
import {
  active,
  byId,
  expectOneEmail,
  fill,
  FULL_DRAFT,
  headingText,
  journey,
  make,
  pageText,
  next,
  root,
  storeDraft,
  text,
  toChildPage,
  useRelay,
} from './support/referral-form.js';

const CHECK = 'Check your answers before sending the referral';
const cardTitles = (el: CmeReferralForm) => [...root(el).querySelectorAll('.card .card-title > :first-child')].map(text);
const changeLinks = (el: CmeReferralForm) => [...root(el).querySelectorAll<HTMLAnchorElement>('.card a')];

/** Presses Tab from the page heading until `done` holds; returns the number of presses. */
async function tabsUntil(el: CmeReferralForm, done: (a: HTMLElement | null) => boolean): Promise<number> {
  root(el).querySelector<HTMLElement>('#h')!.focus();
  for (let n = 1; n <= 200; n++) {
    await sendKeys({ press: 'Tab' });
    if (done(active(el))) return n;
  }
  throw new Error('never reached');
}

describe('<cme-referral-form> check your answers and confirmation', function () {
  this.timeout(60_000);
  const relayUrl = useRelay();

  it('shows a summary card per section and per list item, each with its own heading and "Change", so Continue is 37 Tab presses away, not 57', async () => {
    const el = await make();
    await journey(el);
    await expect(el).to.be.accessible();
    expect(cardTitles(el)).to.deep.equal([
      'Safeguarding',
      'About you',
      'About the child',
      'Parent or carer 1',
      'Parent or carer 2',
      'The child’s education',
      'Vulnerabilities and siblings',
      'Brother or sister 1',
      'Enquiry 1',
      'Enquiry 2',
      'Your concerns',
    ]);
    // A list item's card has one "Change" in its title bar, naming the item; its rows have none.
    const parent = [...root(el).querySelectorAll('.card')].find((c) => text(c.querySelector('.card-title')!).startsWith('Parent or carer 1'))!;
    expect([...parent.querySelectorAll('a')].map(text)).to.deep.equal(['Change Parent or carer 1']);
    expect(parent.querySelectorAll('.summary > div')).to.have.length(8);
    expect(text(parent)).to.contain("Sarah O'Brien");
    // Every answer row of a section card keeps its own "Change".
    expect(changeLinks(el).map(text)).to.include('Change Last name');
    // 36 "Change" links (the single list had 56, one per field of every item), then Continue.
    expect(changeLinks(el)).to.have.length(36);
    const presses = await tabsUntil(el, (a) => a?.localName === 'button' && text(a) === 'Continue');
    expect(presses).to.equal(37);
  });

  it('after "Change" and Continue, focus is back on the row that was changed; Back does the same', async () => {
    const el = await make();
    await journey(el);
    byId<HTMLAnchorElement>(el, 'change-child.lastName')!.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal('About the child');
    await fill(el, { 'child.lastName': 'Brien' });
    await next(el, CHECK);
    expect(active(el)).to.equal(byId(el, 'change-child.lastName'));
    expect(text(active(el)!)).to.equal('Change Last name');
    // A list item: its card's "Change", and Back from the page.
    byId<HTMLAnchorElement>(el, 'change-parents.1')!.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal('Parents or carers');
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal(CHECK);
    expect(active(el)).to.equal(byId(el, 'change-parents.1'));
    // A change that leads through the next page (who is referring) comes back to its own row too.
    byId<HTMLAnchorElement>(el, 'change-referrer.type')!.click();
    await el.updateComplete;
    await next(el, 'Your details');
    await next(el, CHECK);
    expect(active(el)).to.equal(byId(el, 'change-referrer.type'));
  });

  it('a draft restored on "Check your answers" shows it (its code loads on first use, not with the page)', async () => {
    storeDraft(FULL_DRAFT, 'check');
    const el = await make('save-draft');
    await waitUntil(() => root(el).querySelector('#h') && headingText(el) === CHECK, 'check your answers shown');
    await expect(el).to.be.accessible();
    expect(cardTitles(el)).to.include('About the child');
    expect(pageText(el)).to.contain('Kai');
  });

  it('offers the year groups in the schema’s order (nursery, reception, 1 to 13)', async () => {
    const el = await make();
    await toChildPage(el);
    await fill(el, { 'child.firstName': 'Kai', 'child.lastName': 'Nowak', 'child.sex': 'male', 'child.whereaboutsKnown': 'true', 'child.dateOfBirth-day': '1', 'child.dateOfBirth-month': '2', 'child.dateOfBirth-year': String(new Date().getFullYear() - 9) });
    await next(el, 'Parents or carers');
    await fill(el, { 'parents.0.name': 'Sam Carer', 'parents.0.relationship': 'Father', 'parents.0.parentalResponsibility': 'yes' });
    await next(el, 'The child’s education');
    const values = [...byId<HTMLSelectElement>(el, 'education.yearGroup')!.options].map((o) => o.value);
    expect(values).to.deep.equal(['', ...YEAR_GROUPS]);
  });

  it('the confirmation’s focused heading is named with the reference, and no receipt is claimed when the relay sent none', async () => {
    storeDraft(FULL_DRAFT);
    const el = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
    await next(el, 'Referral sent');
    await expect(el).to.be.accessible();
    const reference = text(root(el).querySelector('.reference')!);
    const h = root(el).querySelector<HTMLElement>('#h')!;
    expect(active(el)).to.equal(h);
    const name = h
      .getAttribute('aria-labelledby')!
      .split(' ')
      .map((id) => text(root(el).getElementById(id)!))
      .join(' ');
    expect(name).to.equal(`Referral sent Your reference number ${reference}`);
    // The browser's own accessibility tree says the same (Chromium and Firefox both expose it to puppeteer).
    let snapshot: { name?: string; role?: string; children?: unknown[] } | undefined;
    try {
      snapshot = (await a11ySnapshot({})) as typeof snapshot;
    } catch {
      // No accessibility tree from this browser's driver: the aria-labelledby check above stands.
      snapshot = undefined;
    }
    if (navigator.userAgent.includes('Chrome')) expect(snapshot, 'Chromium gives its accessibility tree').to.exist;
    if (snapshot) {
      const all: { name?: string; role?: string }[] = [];
      const walk = (n: { name?: string; role?: string; children?: unknown[] }) => {
        all.push(n);
        for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
      };
      walk(snapshot);
      expect(all.some((n) => n.role === 'heading' && n.name?.includes(reference)), 'a heading named with the reference').to.equal(true);
    }
    expect(root(el).querySelector('.receipt')).to.equal(null);
    expect(text(root(el).querySelector('[part="panel"]')!.parentNode as Element)).not.to.contain('confirmation email');
    await expectOneEmail();
  });

  it('says a confirmation email was sent when the relay’s 202 has "receipt": true', async () => {
    await relay.start({ receipt: true });
    try {
      storeDraft({ ...FULL_DRAFT, referrer: { type: 'parent-carer', name: 'Sam Carer', email: 'sam@example.com' } });
      const el = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
      await next(el, 'Referral sent');
      await expect(el).to.be.accessible();
      expect(text(root(el).querySelector('.receipt')!)).to.equal('We have sent you a confirmation email with this reference.');
      // The relay did send it: the team's email and the referrer's receipt.
      const reference = text(root(el).querySelector('.reference')!);
      const ours = async () => (await relay.mails()).filter((m) => m.file.startsWith(reference));
      const mails = await eventually(ours, (m) => m.length >= 2);
      expect(mails.map((m) => m.to).sort()).to.deep.equal(['cme@worcestershire.gov.uk', 'sam@example.com']);
      // Without an email address there is nobody to send a receipt to, and the page does not claim one.
      await relay.clear();
      storeDraft(FULL_DRAFT);
      const anonymous = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
      await next(anonymous, 'Referral sent');
      expect(root(anonymous).querySelector('.receipt')).to.equal(null);
    } finally {
      await relay.start({ receipt: false });
    }
  });

  it('a 409 (the Idempotency-Key was used for a different referral) makes the form start a new key and send again: the referral arrives', async () => {
    const key = crypto.randomUUID();
    // Another referral already went with this key (in life: the answers changed after a send whose answer was lost).
    const other = { ...FULL_DRAFT, child: { ...FULL_DRAFT.child, dateOfBirth: '2014-03-14', firstName: 'Other' } };
    const first = await fetch(relayUrl.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(other) });
    expect(first.status).to.equal(202);
    await eventually(relay.mails, (m) => m.length === 1);
    await relay.clear();
    const keys: string[] = [];
    const real = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/api/referrals')) keys.push(new Headers(init?.headers).get('Idempotency-Key')!);
      return real(input, init);
    };
    try {
      storeDraft(FULL_DRAFT, 'declaration', key);
      const el = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
      await next(el, 'Referral sent');
    } finally {
      window.fetch = real;
    }
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(key);
    expect(keys[1]).not.to.equal(key);
    const mail = await expectOneEmail();
    expect(mail.text).to.contain('Name: Kai Nowak');
    expect(await eventually(relay.posts, (p) => p['202'] === 1 && p['409'] === 1)).to.deep.equal({ 202: 1, 409: 1 });
  });
});
