// <cme-referral-form>: editor settings, small screens, forced colours and browser autofill.
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/components/cme-referral-form/define.js';
import { browserTools, relay } from './support/relay.js';
import {
  HOST,
  root,
  text,
  headingText,
  byId,
  buttonNamed,
  make,
  settle,
  fill,
  next,
  SCHOOL,
  CONCERNS_MORE,
  FULL_DRAFT,
  storeDraft,
  expectOneEmail,
  useRelay,
} from './support/referral-form.js';

describe('<cme-referral-form> settings and display', function () {
  this.timeout(60_000);
  const relayUrl = useRelay();

  describe('editor settings', () => {
    it('takes the team, emergency contacts and privacy link from the council profile; its own settings and attributes win', async () => {
      const profile = document.createElement('script');
      profile.type = 'application/json';
      profile.id = 'cme-profile';
      profile.textContent = JSON.stringify({
        team: { email: 'cme@example.gov.uk', phone: '01234 567000' },
        emergencyContacts: [{ name: 'Example Front Door', phone: '01234 567111' }],
        privacyUrl: 'https://example.gov.uk/cme-privacy',
      });
      document.head.append(profile);
      try {
        const el = await make();
        await waitUntil(() => root(el).querySelector('form'), 'settings loaded');
        await fill(el, { 'safeguarding.immediateRisk': 'true' });
        await next(el, 'Get help for the child now');
        await expect(el).to.be.accessible();
        expect(text(root(el).querySelector('.contacts')!)).to.contain('Example Front Door');
        expect(root(el).querySelector('a[href="tel:01234567111"]')).to.exist;

        await relay.stop();
        storeDraft(FULL_DRAFT);
        const down = await make(`save-draft endpoint="${relayUrl.endpoint}"`);
        await waitUntil(() => root(down).querySelector('form'), 'settings loaded');
        expect(root(down).querySelector('a[href="https://example.gov.uk/cme-privacy"]')).to.exist;
        await next(down, 'Declaration');
        const notice = root(down).querySelector('.notice')!;
        expect(notice.querySelector('a[href="mailto:cme@example.gov.uk"]')).to.exist;
        expect(notice.querySelector('a[href="tel:01234567000"]')).to.exist;

        // The form's own settings and attributes win over the profile.
        sessionStorage.clear();
        storeDraft(FULL_DRAFT);
        const own = await make(
          `save-draft team-email="cme@own.example" privacy-url="https://own.example/privacy" endpoint="${relayUrl.endpoint}"`,
          '<script type="application/json">{"emergencyContacts":[{"name":"Own Front Door","phone":"01234 567222"}]}</script>',
        );
        await waitUntil(() => root(own).querySelector('form'), 'settings loaded');
        expect(root(own).querySelector('a[href="https://own.example/privacy"]')).to.exist;
        await next(own, 'Declaration');
        expect(root(own).querySelector('.notice a[href="mailto:cme@own.example"]')).to.exist;
        expect(root(own).querySelector('.notice a[href="tel:01234567000"]')).to.exist;
      } finally {
        profile.remove();
        await relay.start();
      }
    });

    it('renders the config’s privacy notice sanitised (no script, handlers or styles), and the privacy-url link', async () => {
      storeDraft(FULL_DRAFT);
      const notice = '<p>We keep referrals for <strong>six years</strong>.</p><img alt="" onerror="window.__pwned=1"><script>window.__pwned=1</script><p style="color:red" onclick="window.__pwned=1">Contact <a href="https://example.gov.uk/privacy">our data protection officer</a>.</p>';
      const el = await make('save-draft privacy-url="https://example.gov.uk/privacy-notice"', `<script type="application/json">${JSON.stringify({ privacyNotice: notice }).replaceAll('</', '<\\/')}</script>`);
      await waitUntil(() => root(el).querySelector('[part="privacy-notice"] strong'), 'notice rendered', { timeout: 5000 });
      await expect(el).to.be.accessible();
      const box = root(el).querySelector('[part="privacy-notice"]')!;
      expect(text(box)).to.contain('We keep referrals for six years.');
      expect(box.querySelector('script, [onerror], [onclick], [style]')).to.equal(null);
      expect(box.querySelector('a[href="https://example.gov.uk/privacy-notice"]')).to.exist;
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      // The sanitised notice is DOM rendered as a node: leaving the page and coming back shows it again.
      const heading = headingText(el);
      root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
      await el.updateComplete;
      expect(headingText(el)).not.to.equal(heading);
      expect(root(el).querySelector('[part="privacy-notice"]')).to.equal(null);
      await next(el, heading);
      expect(text(root(el).querySelector('[part="privacy-notice"]')!)).to.contain('We keep referrals for six years.');
    });

    it('keeps its own privacy words when the config’s notice is empty once sanitised', async () => {
      storeDraft(FULL_DRAFT);
      const el = await make('save-draft', `<script type="application/json">${JSON.stringify({ privacyNotice: '<script>window.__pwned=5</script>' }).replaceAll('</', '<\\/')}</script>`);
      await waitUntil(() => el.hasAttribute('data-cme-loading') === false && root(el).querySelector('[part="privacy-notice"]'), 'declaration shown', { timeout: 5000 });
      expect(text(root(el).querySelector('[part="privacy-notice"]')!)).to.contain('Education Act 1996, section 436A');
      expect(root(el).querySelector('[part="privacy-notice"] script')).to.equal(null);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    });

    it('shows the default privacy notice and next steps, or the page’s own slotted ones', async () => {
      storeDraft(FULL_DRAFT);
      const el = await make('save-draft', '<div slot="privacy-notice"><p>Our own privacy words.</p></div>');
      const slot = root(el).querySelector<HTMLSlotElement>('slot[name="privacy-notice"]')!;
      expect(slot.assignedElements().map(text)).to.deep.equal(['Our own privacy words.']);
      sessionStorage.clear();
      storeDraft(FULL_DRAFT);
      const plain = await make('save-draft');
      expect(text(root(plain).querySelector('[part="privacy-notice"]')!)).to.contain('Education Act 1996, section 436A');
    });

    it('leaves out optional sections turned off by hide-sections or config', async () => {
      const el = await make('hide-sections="siblings enquiries"');
      const flow = () => (el as unknown as { flow(): string[] }).flow();
      expect(flow()).not.to.include('enquiries');
      expect(flow()).to.include('vulnerabilities');
      const both = await make('hide-sections="siblings"', '<script type="application/json">{"sections":{"vulnerabilities":false,"enquiries":false}}</script>');
      await waitUntil(() => root(both).querySelector('form'), 'config loaded');
      const flow2 = (both as unknown as { flow(): string[] }).flow();
      expect(flow2).not.to.include('vulnerabilities');
      expect(flow2).not.to.include('enquiries');
    });

    it('shows editors what is wrong with the config instead of a blank box', async () => {
      const el = await make('', '<script type="application/json">{"emergencyContacts":[{"phone":"999","href":"javascript:alert(1)"}],"sectons":{}}</script>');
      await waitUntil(() => root(el).querySelector('[role="alert"]'), 'config error shown', { timeout: 5000 });
      await expect(el).to.be.accessible();
      const alert = text(root(el).querySelector('[role="alert"]')!);
      expect(alert).to.contain('This cme-referral-form box is not set up correctly');
      expect(alert).to.contain('sectons: Unknown setting');
      expect(alert).to.contain('emergencyContacts.0.name: Give the contact a name.');
      expect(alert).to.contain('emergencyContacts.0.href: Use an https:, mailto: or tel: link');
    });
  });

  it('fits 320 px without horizontal scrolling on every page, error state and the confirmation', async () => {
    await setViewport({ width: 320, height: 700 });
    try {
      const el = await make(`endpoint="${relayUrl.endpoint}"`);
      const fits = async () => {
        await el.updateComplete;
        const doc = document.documentElement;
        expect(doc.scrollWidth, `page "${headingText(el)}" is ${doc.scrollWidth}px wide`).to.be.at.most(320);
        for (const n of root(el).querySelectorAll<HTMLElement>('input, textarea, select, button, .summary, .error-summary')) {
          expect(n.getBoundingClientRect().right, `${n.localName}#${n.id} on "${headingText(el)}"`).to.be.at.most(321);
        }
      };
      await fits();
      await next(el);
      await fits();
      for (const s of SCHOOL) {
        for (const list of s.add ?? []) {
          byId(el, `${list}-add`)!.click();
          await el.updateComplete;
        }
        await fill(el, s.values ?? {});
        if (s.heading === 'Your concerns') await fill(el, CONCERNS_MORE);
        await fits();
        await next(el);
      }
      await fits();
      buttonNamed(el, 'Continue')!.click();
      await settle(el);
      await next(el);
      await fits();
      await fill(el, { 'declaration.accurate': 'true', 'declaration.privacyNoticeRead': 'true' });
      await next(el, 'Referral sent');
      await fits();
      await expectOneEmail();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('forced-colours mode keeps field borders, buttons and focus visible (Chromium emulation)', async function () {
    storeDraft(FULL_DRAFT);
    const el = await make('save-draft');
    const on = await browserTools.forcedColors(true);
    if (!on.supported) this.skip();
    try {
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      await fill(el, { 'declaration.accurate': '' });
      await next(el);
      const style = (n: Element) => getComputedStyle(n);
      const button = buttonNamed(el, 'Send referral')!;
      expect(style(button).borderTopStyle).to.equal('solid');
      expect(style(button).borderTopColor).not.to.equal('rgba(0, 0, 0, 0)');
      const summary = root(el).querySelector('.error-summary')!;
      expect(style(summary).borderTopStyle).to.equal('solid');
      const box = byId(el, 'declaration.accurate')!;
      box.focus();
      expect(style(box).outlineStyle).to.equal('solid');
      expect(parseFloat(style(box).outlineWidth)).to.be.at.least(3);
      byId(el, 'website')!.closest('.hp');
      const link = root(el).querySelector<HTMLElement>('.error-summary a')!;
      link.focus();
      expect(style(link).outlineStyle).to.equal('solid');
    } finally {
      await browserTools.forcedColors(false);
    }
  });

  it('Chromium’s own address autofill fills the referrer’s fields inside the shadow root (CDP Autofill.trigger)', async function () {
    const el = await make();
    await fill(el, { 'safeguarding.immediateRisk': 'false' });
    await next(el);
    await fill(el, { 'referrer.type': 'professional' });
    await next(el, 'Your details');
    let result: { supported: boolean };
    try {
      result = await browserTools.autofill(HOST, 'referrer.name', [
        { name: 'NAME_FULL', value: 'Robin Autofill' },
        { name: 'EMAIL_ADDRESS', value: 'robin@example.org' },
        { name: 'PHONE_HOME_WHOLE_NUMBER', value: '01905 844440' },
        { name: 'COMPANY_NAME', value: 'Example Agency' },
      ]);
    } catch (error) {
      throw new Error(`CDP Autofill.trigger failed: ${(error as Error).message}`);
    }
    if (!result.supported) this.skip();
    await waitUntil(() => byId(el, 'referrer.name')!.value === 'Robin Autofill', 'name autofilled', { timeout: 5000 });
    expect(byId(el, 'referrer.email')!.value).to.equal('robin@example.org');
    expect(byId(el, 'referrer.organisation')!.value).to.equal('Example Agency');
    // The fill reached the draft too (autofill fires input events).
    expect((el as unknown as { draft: { referrer: Record<string, unknown> } }).draft.referrer.name).to.equal('Robin Autofill');
  });
});
