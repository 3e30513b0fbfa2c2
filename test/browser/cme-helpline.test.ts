import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FakeTimers, type InstalledClock } from './support/fake-timers.js';
import '../../src/components/cme-helpline/define.js';
import type { CmeHelpline } from '../../src/components/cme-helpline/cme-helpline.js';
import { localeReady } from '../../src/internal/locale.js';

// The browsers run in Pacific/Auckland (web-test-runner.config.mjs): every expectation below is
// London wall time, so a pass proves the viewer's zone does not matter.
const status = (el: CmeHelpline) => el.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim();
const announced = (el: CmeHelpline) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

const TERMS = {
  termTime: [
    { from: '2026-09-02', to: '2026-10-23' },
    { from: '2026-11-02', to: '2026-12-18' },
    { from: '2027-01-04', to: '2027-02-12' },
    { from: '2027-02-22', to: '2027-03-26' },
    { from: '2027-04-12', to: '2027-05-28' },
  ],
};

async function helpline(config?: object, attrs = ''): Promise<CmeHelpline> {
  const json = config ? `<script type="application/json">${JSON.stringify(config)}</script>` : '';
  const wrapper = await fixture<HTMLDivElement>(`<div><cme-helpline ${attrs}>${json}</cme-helpline></div>`);
  const el = wrapper.querySelector('cme-helpline')!;
  await el.updateComplete;
  return el;
}

describe('<cme-helpline>', () => {
  let clock: InstalledClock;
  const at = (iso: string) => {
    clock = FakeTimers.install({ now: new Date(iso), toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
  };
  /** Moves the fake clock to an instant, firing the component's timers on the way. */
  const tickTo = async (el: CmeHelpline, iso: string) => {
    await clock.tickAsync(new Date(iso).getTime() - Date.now());
    await el.updateComplete;
  };
  afterEach(() => clock?.uninstall());

  it('runs in a browser whose zone is not London (so the rest proves the zone does not matter)', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('Pacific/Auckland');
  });

  it('is accessible and shows the seed’s hours, phone and term-time note', async () => {
    at('2026-11-30T10:00:00Z'); // Monday 10:00 GMT
    const el = await helpline();
    await expect(el).to.be.accessible();
    expect(status(el)).to.equal('Open now · closes at 12:30pm');
    const tel = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="phone"]')!;
    expect(tel.getAttribute('href')).to.equal('tel:01905844440');
    expect(tel.textContent).to.equal('01905 844 440');
    const hours = el.shadowRoot!.querySelector('[part="hours"]')!.textContent!.replace(/\s+/g, ' ');
    expect(hours).to.contain('Monday, Wednesday and Friday');
    expect(hours).to.contain('9am to 12:30pm and 1pm to 4:30pm');
    expect(el.shadowRoot!.textContent).to.contain('term time only');
  });

  it('follows the day across 12:30, 13:00 and 16:30, announcing each change once, with one timer', async () => {
    at('2026-11-30T12:29:00Z');
    const el = await helpline();
    expect(status(el)).to.equal('Open now · closes at 12:30pm');
    expect(announced(el)).to.equal('');
    expect(clock.countTimers()).to.equal(1);

    await tickTo(el, '2026-11-30T12:30:00.100Z');
    expect(status(el)).to.equal('Closed for lunch · reopens at 1pm');
    expect(announced(el)).to.equal('Closed for lunch · reopens at 1pm');
    await expect(el).to.be.accessible();

    await tickTo(el, '2026-11-30T13:00:00.100Z');
    expect(status(el)).to.equal('Open now · closes at 4:30pm');

    await tickTo(el, '2026-11-30T16:30:00.100Z');
    expect(status(el)).to.equal('Closed · opens Wednesday 2 December at 9am');
    expect(clock.countTimers()).to.equal(1);
  });

  it('names bank holidays and skips them', async () => {
    at('2026-12-25T11:00:00Z'); // Friday, Christmas Day; Monday 28 is the Boxing Day substitute
    const el = await helpline();
    expect(status(el)).to.equal('Closed for Christmas Day · reopens Wednesday 30 December at 9am');
    await expect(el).to.be.accessible();
  });

  it('closes for the school holidays at a term boundary', async () => {
    at('2026-12-18T16:29:00Z'); // last Friday of term
    const el = await helpline(TERMS);
    expect(status(el)).to.equal('Open now · closes at 4:30pm');
    await tickTo(el, '2026-12-18T16:30:00.100Z');
    expect(status(el)).to.equal('Closed · opens Monday 4 January at 9am');
    await tickTo(el, '2026-12-19T00:00:00.100Z'); // midnight: the holidays begin
    expect(status(el)).to.equal('Closed for the school holidays · reopens Monday 4 January at 9am');
    await expect(el).to.be.accessible();
  });

  it('stays right across the October clock change', async () => {
    at('2026-10-23T15:00:00Z'); // Friday 16:00 BST, last day of term
    const el = await helpline({ termTime: [{ from: '2026-09-02', to: '2026-12-18' }] });
    expect(status(el)).to.equal('Open now · closes at 4:30pm');
    await tickTo(el, '2026-10-23T15:30:00.100Z'); // 16:30 BST
    expect(status(el)).to.equal('Closed · opens Monday 26 October at 9am');
    await tickTo(el, '2026-10-26T08:59:00Z'); // 08:59 GMT: still closed
    expect(status(el)).to.equal('Closed · opens today at 9am');
    await tickTo(el, '2026-10-26T09:00:00.100Z'); // 09:00 GMT
    expect(status(el)).to.equal('Open now · closes at 12:30pm');
  });

  it('stays right across the March clock change and Easter', async () => {
    at('2027-03-24T16:29:00Z'); // Wednesday 16:29 GMT
    const el = await helpline({ termTime: [{ from: '2027-02-22', to: '2027-04-30' }] });
    expect(status(el)).to.equal('Open now · closes at 4:30pm');
    // Friday 26 March is Good Friday and Monday 29 Easter Monday (2027); clocks go forward on the 28th.
    await tickTo(el, '2027-03-24T16:30:00.100Z');
    expect(status(el)).to.equal('Closed · opens Wednesday 31 March at 9am');
    await tickTo(el, '2027-03-26T10:00:00Z');
    expect(status(el)).to.equal('Closed for Good Friday · reopens Wednesday 31 March at 9am');
    await tickTo(el, '2027-03-31T07:59:00Z'); // 08:59 BST
    expect(status(el)).to.equal('Closed · opens today at 9am');
    await tickTo(el, '2027-03-31T08:00:00.100Z'); // 09:00 BST
    expect(status(el)).to.equal('Open now · closes at 12:30pm');
  });

  it('names a closure day', async () => {
    at('2026-12-16T10:00:00Z'); // Wednesday
    const el = await helpline({ closures: [{ date: '2026-12-16', label: 'Staff training' }] });
    expect(status(el)).to.equal('Closed today (Staff training) · reopens Friday 18 December at 9am');
  });

  it('says so honestly when no future opening is known', async () => {
    at('2026-11-30T18:00:00Z');
    const el = await helpline({ termTime: [{ from: '2026-09-02', to: '2026-11-30' }] });
    expect(status(el)).to.equal('Closed · the next opening date has not been published yet');
    await expect(el).to.be.accessible();
  });

  it('re-checks when the page becomes visible again after the clock jumped (sleep)', async () => {
    at('2026-11-30T10:00:00Z');
    const el = await helpline();
    clock.setSystemTime(new Date('2026-11-30T17:00:00Z')); // no timers fire: the device slept
    document.dispatchEvent(new Event('visibilitychange'));
    await el.updateComplete;
    expect(status(el)).to.equal('Closed · opens Wednesday 2 December at 9am');
  });

  it('shows editors the field at fault for bad hours', async () => {
    at('2026-11-30T10:00:00Z');
    const el = await helpline({ weekly: { mon: ['9-12:30'] } });
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'editor message shown');
    await expect(el).to.be.accessible();
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!.textContent!;
    expect(alert).to.contain('weekly.mon.0');
    expect(el.shadowRoot!.querySelector('[part="status"]')).to.equal(null);
  });

  it('shows editors the field at fault for an unknown time zone', async () => {
    at('2026-11-30T10:00:00Z');
    const el = await helpline({ timeZone: 'Mars/Base' });
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'editor message shown');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('timeZone');
  });

  it('publishes schema.org opening hours as JSON-LD in the light DOM', async () => {
    at('2026-12-14T10:00:00Z');
    const el = await helpline({ closures: [{ date: '2026-12-16', label: 'Staff training' }] });
    await waitUntil(() => el.querySelector('script[type="application/ld+json"]'), 'JSON-LD written');
    const script = el.querySelector('script[type="application/ld+json"]')!;
    const data = JSON.parse(script.textContent!);
    const specs = data.hoursAvailable as { dayOfWeek?: string; opens: string; closes: string; validFrom?: string }[];
    expect(specs.some((s) => s.dayOfWeek === 'https://schema.org/Monday' && s.opens === '09:00' && s.closes === '12:30')).to.equal(true);
    expect(specs.some((s) => s.validFrom === '2026-12-16' && s.opens === '00:00')).to.equal(true);
    expect(specs.some((s) => s.validFrom === '2026-12-25')).to.equal(true);
    expect(data.telephone ?? JSON.stringify(data)).to.contain('01905');
  });

  it('uses fresh bank holidays from bank-holidays-src, and the snapshot when that fails', async () => {
    at('2026-12-02T10:00:00Z'); // Wednesday, an ordinary day
    const feed = { 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'Royal celebration', date: '2026-12-02', notes: '', bunting: true }] } };
    const url = URL.createObjectURL(new Blob([JSON.stringify(feed)], { type: 'application/json' }));
    const el = await helpline(undefined, `bank-holidays-src="${url}"`);
    await waitUntil(() => status(el).startsWith('Closed for Royal celebration'), 'fresh holidays used', { timeout: 3000 });
    const broken = await helpline(undefined, 'bank-holidays-src="/does-not-exist.json"');
    await new Promise((r) => setTimeout(r, 200));
    expect(status(broken)).to.equal('Open now · closes at 12:30pm');
  });

  describe('24-hour lines and lines with no opening left', () => {
    const week = (ranges: string[]) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ranges]));
    const hoursText = (el: CmeHelpline) => el.shadowRoot!.querySelector('[part="hours"]')!.textContent!.replace(/\s+/g, ' ');

    it('a line open at every instant says "Open 24 hours", with no closing time anywhere', async () => {
      at('2026-12-01T10:00:00Z');
      const el = await helpline({ weekly: week(['00:00-24:00']), bankHolidays: false }, 'term-time-only="false"');
      await expect(el).to.be.accessible();
      expect(status(el)).to.equal('Open 24 hours');
      expect(hoursText(el)).to.contain('24 hours');
      expect(el.shadowRoot!.textContent).not.to.match(/12am|closes/);
      // Still so after midnight, and across the March clock change.
      await tickTo(el, '2026-12-02T00:00:01Z');
      expect(status(el)).to.equal('Open 24 hours');
      clock.setSystemTime(new Date('2027-03-28T01:30:00Z'));
      document.dispatchEvent(new Event('visibilitychange'));
      await el.updateComplete;
      expect(status(el)).to.equal('Open 24 hours');
      expect(announced(el)).to.equal('');
    });

    it('says it in Polish too (draft translation)', async () => {
      at('2026-12-01T10:00:00Z');
      const json = JSON.stringify({ weekly: week(['00:00-24:00']), bankHolidays: false });
      const wrapper = await fixture<HTMLDivElement>(`<div lang="pl"><cme-helpline><script type="application/json">${json}</script></cme-helpline></div>`);
      const el = wrapper.querySelector('cme-helpline')!;
      await localeReady();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      await waitUntil(() => status(el) === 'Czynne całą dobę', 'Polish status', { timeout: 3000 });
      expect(hoursText(el)).to.contain('całą dobę');
    });

    it('a 24-hour line with bank holidays names its last open day, never "12am"', async () => {
      at('2026-12-20T10:00:00Z'); // Sunday; Christmas Day is Friday
      const el = await helpline({ weekly: week(['00:00-24:00']) }, 'term-time-only="false"');
      await expect(el).to.be.accessible();
      expect(status(el)).to.equal('Open until the end of Thursday');
      clock.uninstall();
      at('2026-09-04T10:00:00Z');
      const far = await helpline({ weekly: week(['00:00-24:00']) }, 'term-time-only="false"');
      expect(status(far)).to.equal('Open until the end of Thursday 24 December');
      // On Christmas Day itself: closed for it, back as Boxing Day begins.
      clock.uninstall();
      at('2026-12-25T10:00:00Z');
      const xmas = await helpline({ weekly: week(['00:00-24:00']) }, 'term-time-only="false"');
      expect(status(xmas)).to.equal('Closed for Christmas Day · reopens at the start of Saturday 26 December');
    });

    it('an out-of-hours line says "Open until Monday at 9am" at the weekend', async () => {
      at('2026-11-21T10:00:00Z'); // Saturday
      const weekly = { fri: ['17:00-24:00'], sat: ['00:00-24:00'], sun: ['00:00-24:00'], mon: ['00:00-09:00'] };
      const el = await helpline({ weekly, bankHolidays: false }, 'term-time-only="false"');
      await expect(el).to.be.accessible();
      expect(status(el)).to.equal('Open until Monday at 9am');
      expect(hoursText(el)).to.contain('5pm to midnight');
      // Two days of fake time take real seconds to run through: stop well before 9am.
      await tickTo(el, '2026-11-23T08:30:00Z');
      expect(status(el)).to.equal('Open now · closes at 9am');
      await tickTo(el, '2026-11-23T09:00:00.100Z');
      expect(status(el)).to.equal('Closed · opens Friday 27 November at 5pm');
      expect(announced(el)).to.equal('Closed · opens Friday 27 November at 5pm');
    });

    it('an evening line says it closes at midnight', async () => {
      at('2026-11-30T20:00:00Z'); // Monday 8pm
      const el = await helpline({ weekly: { mon: ['18:00-24:00'] }, bankHolidays: false }, 'term-time-only="false"');
      expect(status(el)).to.equal('Open now · closes at midnight');
      expect(hoursText(el)).to.contain('6pm to midnight');
    });

    it('a line with no hours at all is closed with no made-up date', async () => {
      at('2026-12-01T10:00:00Z');
      const el = await helpline({ weekly: {} });
      await expect(el).to.be.accessible();
      expect(status(el)).to.equal('Closed · the next opening date has not been published yet');
      expect(clock.countTimers()).to.equal(1); // only the midnight refresh
    });

    it('a term three years away gives its exact first day, with the year', async () => {
      at('2026-12-01T10:00:00Z');
      const el = await helpline({ termTime: [{ from: '2029-09-03', to: '2029-10-19' }] });
      await expect(el).to.be.accessible();
      // (en-GB's Intl puts a comma after the weekday once there is a year.)
      expect(status(el)).to.match(/^Closed for the school holidays · reopens Monday,? 3 September 2029 at 9am$/);
    });
  });

  it('speaks Polish when the page does, with a 24-hour clock', async () => {
    at('2026-11-30T10:00:00Z');
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="pl"><cme-helpline></cme-helpline></div>`);
    const el = wrapper.querySelector('cme-helpline')!;
    await localeReady();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(status(el)).to.equal('Teraz otwarte · czynne do 12:30');
    expect(el.shadowRoot!.querySelector('[part="hours"]')!.textContent).to.contain('poniedziałek');
    wrapper.setAttribute('lang', 'en-GB');
    await waitUntil(() => status(el) === 'Open now · closes at 12:30pm', 'back to English', { timeout: 3000 });
  });
});
