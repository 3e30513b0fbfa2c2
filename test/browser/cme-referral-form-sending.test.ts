// <cme-referral-form> against the real relay: whole referrals (mouse and keyboard), failures, retries, drafts, privacy, CSP.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/cme-referral-form/define.js';
import type { CmeReferralForm } from '../../src/components/cme-referral-form/cme-referral-form.js';
import { formatIsoDate } from '../../src/internal/format.js';
import { eventually, relay } from './support/relay.js';
import {
  YEAR,
  DOB,
  DOB_ISO,
  SPACE,
  STORAGE,
  HOST,
  root,
  text,
  headingText,
  active,
  byId,
  buttonNamed,
  pageText,
  summaryText,
  make,
  settle,
  fill,
  date,
  next,
  axeOnce,
  SCHOOL,
  walk,
  toDeclaration,
  FULL_DRAFT,
  storeDraft,
  expectOneEmail,
  useRelay,
} from './support/referral-form.js';

describe('<cme-referral-form> sending', function () {
  this.timeout(60_000);
  const relayUrl = useRelay();

  it('full journey: a school referral with every section reaches the relay as exactly one email that says what was typed', async () => {
    const el = await make(`endpoint="${relayUrl.endpoint}"`);
    const sent: CustomEvent[] = [];
    el.addEventListener('cme-referral-sent', (e) => sent.push(e));
    await toDeclaration(el);
    await next(el, 'Referral sent');
    await expect(el).to.be.accessible();
    const reference = text(root(el).querySelector('.reference')!);
    expect(reference).to.match(/^CME-[A-HJ-NP-Z2-9]{8}$/);
    expect(sent.map((e) => e.detail)).to.deep.equal([{ reference }]);
    expect(buttonNamed(el, 'Print this page')).to.exist;
    expect(active(el)).to.equal(root(el).querySelector('#h'));

    const mail = await expectOneEmail();
    expect(mail.subject).to.equal(`CME referral ${reference}`);
    expect(mail.to).to.equal('cme@worcestershire.gov.uk');
    expect(mail.replyTo).to.equal('p.shah@riverside.example.sch.uk');
    for (const s of [
      `Name: Amelia O'Brien`,
      'Other names: Millie Brown',
      `Date of birth: ${formatIsoDate(DOB_ISO)}`,
      'Unique pupil number: H801200001001',
      'WR2 5AA',
      "Name: Sarah O'Brien",
      'Phone: 07700 900982',
      'Name: Tomasz Nowak',
      'Needs an interpreter: Yes',
      'Year group: Year 6',
      'Believed destination: Abroad',
      'Child in need',
      "Name: Leo O'Brien",
      'Called mother and both emergency contacts: no answer.',
      'Designated safeguarding lead’s appraisal: No current child protection concerns known.',
      'Outcome: Information shared; no further action pending whereabouts.',
      'Name: Priya Shah',
      'Role: Designated safeguarding lead',
    ]) {
      expect(mail.text, s).to.contain(s);
    }
    const r = mail.attachment!.referral;
    expect(r.child.dateOfBirth).to.equal(DOB_ISO);
    expect(r.parents).to.have.length(2);
    expect(r.enquiries.map((q: { method: string }) => q.method)).to.deep.equal(['phone', 'home-visit']);
    expect(r.vulnerabilities.flags).to.deep.equal(['child-in-need', 'young-carer']);
    expect(r.education.deletionGround).to.equal('continuous-absence');
    expect(r.safeguarding).to.deep.equal({ immediateRisk: false });
    expect(await eventually(relay.posts, (p) => p['202'] === 1)).to.deep.equal({ 202: 1 });
  });

  it('keyboard only (Tab, arrow keys, Space, Enter, typing): a whole referral from the first question to the reference, and its email', async () => {
    const el = await make(`endpoint="${relayUrl.endpoint}"`);
    const tabTo = async (match: (a: HTMLElement) => boolean, what: string) => {
      for (let i = 0; i < 120; i++) {
        await sendKeys({ press: 'Tab' });
        const a = active(el);
        if (a && match(a)) return a;
      }
      throw new Error(`Tab never reached ${what} on "${headingText(el)}"`);
    };
    const labelOf = (i: HTMLInputElement) => text(i.labels![0]!);
    const keyText = async (id: string, value: string) => {
      await tabTo((a) => a.id === id, id);
      await sendKeys({ type: value });
    };
    const keyRadio = async (name: string, label: string) => {
      let r = (await tabTo((a) => (a as HTMLInputElement).name === name, name)) as HTMLInputElement;
      for (let i = 0; labelOf(r) !== label; i++) {
        if (i > 8) throw new Error(`no radio ${label}`);
        await sendKeys({ press: 'ArrowDown' });
        r = active(el) as HTMLInputElement;
      }
      if (!r.checked) await sendKeys({ press: SPACE });
      expect(r.checked, label).to.equal(true);
    };
    const keyPress = async (name: string, page?: string) => {
      await tabTo((a) => a.localName === 'button' && text(a) === name, name);
      await sendKeys({ press: 'Enter' });
      await settle(el);
      if (page) expect(headingText(el)).to.equal(page);
      await axeOnce(el);
    };

    await keyRadio('safeguarding.immediateRisk', 'No');
    await keyPress('Continue', 'Who is making the referral?');
    await keyRadio('referrer.type', 'A parent or carer');
    await keyPress('Continue', 'Your details');
    await keyText('referrer.name', 'Sam Carer');
    await keyText('referrer.email', 'sam@example.com');
    await keyPress('Continue', 'About the child');
    await keyText('child.firstName', 'Kai');
    await keyText('child.lastName', 'Nowak');
    await keyText('child.dateOfBirth-day', DOB[0]);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: DOB[1] });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: DOB[2] });
    await keyRadio('child.sex', 'Male');
    await keyRadio('child.whereaboutsKnown', 'Yes');
    await keyPress('Continue', 'Parents or carers');
    await keyText('parents.0.name', 'Sam Carer');
    await keyText('parents.0.relationship', 'Father');
    await keyRadio('parents.0.parentalResponsibility', 'Yes');
    await keyPress('Continue', 'The child’s education');
    await keyRadio('education.registeredAtSchool', 'No');
    await keyPress('Continue', 'Vulnerabilities and siblings');
    await keyPress('Continue', 'Enquiries already made');
    await keyPress('Continue', 'Your concerns');
    await keyText('concerns.details', 'Not in school since September.');
    await keyPress('Continue', 'Check your answers before sending the referral');
    await keyPress('Continue', 'Declaration');
    await tabTo((a) => a.id === 'declaration.accurate', 'accurate');
    await sendKeys({ press: SPACE });
    await tabTo((a) => a.id === 'declaration.privacyNoticeRead', 'privacy');
    await sendKeys({ press: SPACE });
    await keyPress('Send referral', 'Referral sent');
    const reference = text(root(el).querySelector('.reference')!);

    const mail = await expectOneEmail();
    expect(mail.subject).to.equal(`CME referral ${reference}`);
    for (const s of ['Name: Kai Nowak', `Date of birth: ${formatIsoDate(DOB_ISO)}`, 'Sex: Male', 'Name: Sam Carer', 'Relationship to the child: Father', 'Concerns: Not in school since September.', 'Referrer: A parent or carer', 'Email: sam@example.com']) {
      expect(mail.text, s).to.contain(s);
    }
  });

  it('when the relay is down, says so plainly, keeps every answer, and "Try again" after it restarts sends one referral', async () => {
    const el = await make(`endpoint="${relayUrl.endpoint}"`);
    const failed: CustomEvent[] = [];
    el.addEventListener('cme-referral-failed', (e) => failed.push(e));
    await walk(el, SCHOOL.slice(0, 4));
    await relay.stop();
    // … the rest of the journey while the relay is down.
    await toDeclaration(el, SCHOOL.slice(4));
    await next(el, 'Declaration');
    await expect(el).to.be.accessible();
    const notice = root(el).querySelector<HTMLElement>('.notice')!;
    expect(text(notice)).to.contain('Your referral has not been sent yet');
    expect(text(notice)).to.contain('We could not reach the referral service.');
    expect(text(notice)).to.contain('Your answers are still here.');
    expect(active(el)).to.equal(notice);
    expect(failed[0]!.detail).to.deep.equal({ reason: 'network' });
    expect(byId(el, 'declaration.accurate')!.checked).to.equal(true);
    // The answers are all still there.
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    expect(pageText(el)).to.contain('Riverside Primary School');
    buttonNamed(el, 'Continue')!.click();
    await settle(el);
    // Still down: the same message again.
    await next(el, 'Declaration');
    expect(root(el).querySelector('.notice')).to.exist;

    await relay.start();
    buttonNamed(el, 'Try again')!.click();
    await settle(el);
    expect(headingText(el)).to.equal('Referral sent');
    const mail = await expectOneEmail();
    expect(mail.text).to.contain("Name: Amelia O'Brien");
    expect(await eventually(relay.posts, (p) => p['202'] === 1)).to.deep.equal({ 202: 1 });
  });

  it('a lost response and a timeout are retried with the same Idempotency-Key: one referral, one email', async () => {
    const C = customElements.get(HOST) as unknown as { timeout: number };
    const real = window.fetch;
    const keys: string[] = [];
    let n = 0;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!String(input).includes('/api/referrals')) return real(input, init);
      keys.push(new Headers(init?.headers).get('Idempotency-Key')!);
      n += 1;
      if (n === 1) {
        await real(input, init); // the relay stores it…
        throw new TypeError('Failed to fetch'); // …but the answer never arrives
      }
      if (n === 2) {
        // No answer at all: the form's timeout aborts it.
        return new Promise<Response>((_, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      return real(input, init);
    };
    C.timeout = 300;
    try {
      storeDraft(FULL_DRAFT);
      const el = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
      await next(el, 'Referral sent');
    } finally {
      window.fetch = real;
      C.timeout = 5000;
    }
    expect(keys).to.have.length(3);
    expect(new Set(keys).size).to.equal(1);
    expect(keys[0]).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Two requests reached the relay; it made one referral of them.
    await expectOneEmail();
    expect(await eventually(relay.posts, (p) => p['202'] === 2)).to.deep.equal({ 202: 2 });
  });

  it('says so plainly when the device is offline, and keeps the answers', async () => {
    storeDraft(FULL_DRAFT);
    const el = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
    await relay.stop();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      await next(el, 'Declaration');
      await expect(el).to.be.accessible();
      expect(text(root(el).querySelector('.notice')!)).to.contain('Your device is offline. Check your internet connection. Your answers are still here.');
      expect(sessionStorage.getItem(STORAGE)).to.contain('Not in school since September.');
    } finally {
      delete (navigator as unknown as { onLine?: boolean }).onLine;
      await relay.start();
    }
    buttonNamed(el, 'Try again')!.click();
    await settle(el);
    expect(headingText(el)).to.equal('Referral sent');
    await expectOneEmail();
  });

  it('a double click on "Send referral" sends one referral', async () => {
    storeDraft(FULL_DRAFT);
    const el = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
    expect(headingText(el)).to.equal('Declaration');
    await expect(el).to.be.accessible();
    const send = buttonNamed(el, 'Send referral')!;
    send.click();
    send.click();
    await new Promise((r) => setTimeout(r, 30));
    send.click();
    await settle(el);
    expect(headingText(el)).to.equal('Referral sent');
    await expectOneEmail();
    expect(await eventually(relay.posts, (p) => p['202'] === 1)).to.deep.equal({ 202: 1 });
  });

  it('lands the relay’s own validation errors on the right fields, page by page (test seam: client check skipped)', async () => {
    storeDraft({
      ...FULL_DRAFT,
      child: { ...FULL_DRAFT.child, dateOfBirth: { day: '1', month: '1', year: String(YEAR + 2) } },
      parents: [{ ...FULL_DRAFT.parents[0], phone: '12' }],
      website: 'https://spam.example',
    });
    document.title = 'Refer a child';
    const el = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
    el.skipClientValidation = true;
    await next(el, 'About the child');
    await expect(el).to.be.accessible();
    expect(summaryText(el)).to.equal('There is a problem Child’s date of birth must be today or in the past');
    expect(root(el).querySelector('.error-summary a')!.getAttribute('href')).to.equal('#child.dateOfBirth-day');
    expect(text(byId(el, 'child.dateOfBirth-error')!)).to.equal('Error: Child’s date of birth must be today or in the past');
    expect(document.title).to.equal('Error: Refer a child');
    await fill(el, date('child.dateOfBirth', DOB));
    await next(el, 'Check your answers before sending the referral');
    buttonNamed(el, 'Continue')!.click();
    await settle(el);
    await next(el, 'Parents or carers');
    await expect(el).to.be.accessible();
    expect(root(el).querySelector('.error-summary a')!.getAttribute('href')).to.equal('#parents.0.phone');
    expect(text(byId(el, 'parents.0.phone-error')!)).to.contain('Enter a telephone number');
    await fill(el, { 'parents.0.phone': '' });
    await next(el, 'Check your answers before sending the referral');
    buttonNamed(el, 'Continue')!.click();
    await settle(el);
    await next(el, 'Declaration');
    await expect(el).to.be.accessible();
    // The spam trap, filled (here on purpose; in life by autofill), becomes a visible field to clear.
    expect(summaryText(el)).to.contain('A hidden anti-spam field (“website”) was filled in');
    const trap = byId(el, 'website')!;
    expect(trap.value).to.equal('https://spam.example');
    expect(trap.closest('[aria-hidden]')).to.equal(null);
    await fill(el, { website: '' });
    await next(el, 'Referral sent');
    await expectOneEmail();
    expect(await eventually(relay.posts, (p) => p['202'] === 1)).to.deep.equal({ 400: 3, 202: 1 });
  });

  it('a filled spam trap is caught before sending, and shown as a field to clear', async () => {
    storeDraft({ ...FULL_DRAFT });
    const form = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
    expect(byId(form, 'website')!.closest('[aria-hidden="true"]')).to.exist;
    expect(byId(form, 'website')!.tabIndex).to.equal(-1);
    await fill(form, { website: 'autofilled' });
    await next(form, 'Declaration');
    await expect(form).to.be.accessible();
    expect(byId(form, 'website')!.closest('[aria-hidden]')).to.equal(null);
    expect(await relay.posts()).to.deep.equal({});
  });

  it('honours Retry-After on 429: says how long to wait, keeps the answers, and sends later', async () => {
    await relay.start({ rateLimit: 1 });
    try {
      storeDraft(FULL_DRAFT);
      const first = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
      await next(first, 'Referral sent');
      storeDraft(FULL_DRAFT);
      const el = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
      await next(el, 'Declaration');
      await expect(el).to.be.accessible();
      const notice = text(root(el).querySelector('.notice')!);
      const seconds = Number(/Wait (\d+) seconds/.exec(notice)?.[1]);
      expect(seconds).to.be.within(1, 60);
      expect(byId(el, 'declaration.accurate')!.checked).to.equal(true);
      expect((await eventually(relay.posts, (p) => p['429'] === 1))['429']).to.equal(1);
    } finally {
      await relay.start({ rateLimit: 1000 });
    }
  });

  it('save-draft keeps the draft in sessionStorage only (never localStorage or the URL); cleared on success and on "Start again"', async () => {
    const url = location.href;
    const el = await make('save-draft');
    await fill(el, { 'safeguarding.immediateRisk': 'false' });
    await next(el);
    await fill(el, { 'referrer.type': 'parent-carer' });
    await next(el);
    await fill(el, { 'referrer.name': 'Dana Draftsaver' });
    expect(sessionStorage.getItem(STORAGE)).to.contain('Dana Draftsaver');
    expect(JSON.stringify({ ...localStorage })).not.to.contain('Dana');
    expect(location.href).to.equal(url);
    el.remove();

    // "Reload": a new element finds the draft, on the same page.
    const again = await make('save-draft');
    expect(headingText(again)).to.equal('Your details');
    expect(byId(again, 'referrer.name')!.value).to.equal('Dana Draftsaver');
    expect(text(root(again).querySelector('[part="restored"]')!)).to.contain('We have kept the answers you gave earlier in this browser tab.');
    buttonNamed(again, 'Start again')!.click();
    await again.updateComplete;
    expect(sessionStorage.getItem(STORAGE)).to.equal(null);
    expect(headingText(again)).to.equal('Is the child at immediate risk of harm?');
    expect(root(again).querySelector('input:checked')).to.equal(null);

    // Without the attribute nothing is stored.
    const plain = await make();
    await fill(plain, { 'safeguarding.immediateRisk': 'false' });
    expect(sessionStorage.length).to.equal(0);

    // Success clears it.
    storeDraft(FULL_DRAFT);
    const done = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
    await next(done, 'Referral sent');
    expect(sessionStorage.getItem(STORAGE)).to.equal(null);
    await expectOneEmail();
  });

  it('puts no personal data in events, the URL, history, storage or the console', async () => {
    const events: CustomEvent[] = [];
    const record = (e: Event) => events.push(e as CustomEvent);
    const types = ['cme-referral-step', 'cme-referral-sent', 'cme-referral-failed'] as const;
    for (const t of types) document.addEventListener(t, record);
    const logged: unknown[] = [];
    const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
    for (const k of Object.keys(originals) as (keyof typeof originals)[]) console[k] = (...args: unknown[]) => logged.push(args);
    try {
      const el = await make(`endpoint="${relayUrl.endpoint}"`);
      await toDeclaration(el);
      await next(el, 'Referral sent');
      await expectOneEmail();
      expect(events.filter((e) => e.type === 'cme-referral-step').map((e) => e.detail.pageId)).to.deep.equal([
        'referrer-type',
        'referrer',
        'child',
        'parents',
        'education',
        'vulnerabilities',
        'enquiries',
        'concerns',
        'check',
        'declaration',
        'sent',
      ]);
      for (const e of events) expect(e.bubbles && e.composed).to.equal(true);
      const leaks = [location.href, JSON.stringify(history.state), JSON.stringify(events.map((e) => e.detail)), JSON.stringify({ ...sessionStorage }), JSON.stringify({ ...localStorage }), JSON.stringify(logged)].join(' ');
      for (const needle of ['Amelia', "O'Brien", 'Priya', DOB_ISO, DOB[2], 'H801200001001', '07700']) expect(leaks).not.to.contain(needle);
    } finally {
      Object.assign(console, originals);
      for (const t of types) document.removeEventListener(t, record);
    }
  });

  it('works under a strict CSP with Trusted Types: no violations, privacy notice rendered, referral sent', async () => {
    const head = await fetch('/demo/csp.html');
    expect(head.headers.get('Content-Security-Policy')).to.contain("require-trusted-types-for 'script'");
    storeDraft(FULL_DRAFT);
    const frame = document.createElement('iframe');
    frame.src = '/demo/csp.html';
    frame.style.cssText = 'width:800px;height:600px';
    document.body.append(frame);
    try {
      await new Promise((r) => frame.addEventListener('load', r, { once: true }));
      const win = frame.contentWindow as Window & { cspViolations: string[] };
      const el = await waitUntil(() => win.document.querySelector(HOST), 'form in the frame', { timeout: 10_000 }).then(() => win.document.querySelector(HOST) as CmeReferralForm);
      await waitUntil(() => el.shadowRoot?.querySelector('[part="privacy-notice"] strong'), 'privacy notice rendered', { timeout: 10_000 });
      el.endpoint = relayUrl.endpoint;
      await el.updateComplete;
      [...el.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Send referral')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('.reference'), 'sent', { timeout: 15_000 });
      expect(win.cspViolations).to.deep.equal([]);
      // …and the policy is really enforced in this browser: a raw HTML string is refused.
      let refused = false;
      try {
        win.document.createElement('div').innerHTML = '<b>raw</b>';
      } catch {
        refused = true;
      }
      expect(refused, 'Trusted Types enforced').to.equal(true);
      await expectOneEmail();
    } finally {
      frame.remove();
    }
  });
});
