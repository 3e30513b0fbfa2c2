import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/cme-wizard/define.js';
import type { CmeWizard, WizardPrefill } from '../../src/components/cme-wizard/cme-wizard.js';
import { localeReady } from '../../src/internal/locale.js';
import { formatIsoDate } from '../../src/internal/format.js';
import { londonDate } from '../../src/core/london-date.js';

// The browsers run in Pacific/Auckland (web-test-runner.config.mjs); "today" is London's.
const today = londonDate(new Date());
const year = Number(today.slice(0, 4));
/** A 12 March birthday `n` years ago: 10 → of compulsory school age, 2 → under, 20 → over. */
const born = (n: number) => ({ iso: `${year - n}-03-12`, parts: ['12', '3', String(year - n)] as [string, string, string] });
const COMPULSORY = born(10);
// The space bar: puppeteer's WebDriver BiDi keyboard (Firefox) knows it as ' ', not 'Space'.
const SPACE = ' ';
const DOB_TITLE = "What is the child's date of birth?";

const OUTCOME_TITLES = {
  emergency: 'Get help for the child now',
  'not-compulsory-school-age': 'The child is not of compulsory school age',
  attendance: 'This is a school attendance matter',
  'school-enquiries': 'The school and the local authority must make enquiries',
  'alternative-provision': 'The child is receiving alternative provision',
  ehe: 'The child is being educated at home',
  cme: 'The child may be missing education',
};

const root = (el: CmeWizard) => el.shadowRoot!;
const active = (el: CmeWizard) => root(el).activeElement as HTMLElement | null;
const headingEl = (el: CmeWizard) => root(el).querySelector<HTMLElement>('[part="heading"]')!;
const headingText = (el: CmeWizard) => headingEl(el).textContent!.trim();
const text = (el: Element) => el.textContent!.replace(/\s+/g, ' ').trim();
const labelOf = (el: CmeWizard, input: Element) => text(root(el).querySelector(`label[for="${input.id}"]`)!);
const buttonNamed = (el: CmeWizard, name: string) =>
  [...root(el).querySelectorAll<HTMLElement>('button, a')].find((b) => text(b) === name) ?? null;

async function wizard(attrs = '', inner = ''): Promise<CmeWizard> {
  const wrapper = await fixture<HTMLDivElement>(`<div><cme-wizard ${attrs}>${inner}</cme-wizard></div>`);
  const el = wrapper.querySelector('cme-wizard')!;
  await localeReady();
  await el.updateComplete;
  return el;
}

// ---------------------------------------------------------------------------------------------
// Pointer-free helpers that drive the form directly (fast), and keyboard-only helpers.

/** Chooses a radio by value (or ticks the "I do not know" box) and presses Continue. */
async function answer(el: CmeWizard, value: string | [string, string, string]): Promise<void> {
  if (Array.isArray(value)) {
    const [d, m, y] = value;
    for (const [part, v] of [['day', d], ['month', m], ['year', y]]) {
      root(el).querySelector<HTMLInputElement>(`input[name$="-${part}"]`)!.value = v!;
    }
  } else {
    root(el).querySelector<HTMLInputElement>(`input[value="${value}"]`)!.click();
  }
  await pressContinue(el);
}

/** Presses "Continue" without answering. */
async function pressContinue(el: CmeWizard): Promise<void> {
  (buttonNamed(el, 'Continue') ?? buttonNamed(el, 'Dalej'))!.click();
  await el.updateComplete;
}

/** Presses Tab until the focused element in the wizard matches. */
async function tabTo(el: CmeWizard, match: (a: HTMLElement) => boolean, what: string): Promise<HTMLElement> {
  for (let i = 0; i < 25; i++) {
    await sendKeys({ press: 'Tab' });
    const a = active(el);
    if (a && match(a)) return a;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** Keyboard only: Tab into the radios, arrow to the label, Space, Tab to Continue, Enter. */
async function keyRadio(el: CmeWizard, label: string): Promise<void> {
  let radio = (await tabTo(el, (a) => a instanceof HTMLInputElement && a.type === 'radio', 'a radio')) as HTMLInputElement;
  for (let i = 0; labelOf(el, radio) !== label; i++) {
    if (i > 8) throw new Error(`no radio labelled ${label}`);
    await sendKeys({ press: 'ArrowDown' });
    radio = active(el) as HTMLInputElement;
  }
  if (!radio.checked) await sendKeys({ press: SPACE });
  expect(radio.checked).to.equal(true);
  await keyContinue(el);
}

/** Keyboard only: Tab to each date field and type, then Enter in the year field. */
async function keyDate(el: CmeWizard, [d, m, y]: [string, string, string]): Promise<void> {
  await tabTo(el, (a) => a.id.endsWith('-day'), 'the Day field');
  await sendKeys({ type: d });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: m });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: y });
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

async function keyContinue(el: CmeWizard): Promise<void> {
  await tabTo(el, (a) => a.localName === 'button' && text(a) === 'Continue', 'Continue');
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

const checked = new Set<string>();
/** axe once per distinct page (question id, check answers, each outcome): every page is covered, quickly. */
async function axeOnce(el: CmeWizard): Promise<void> {
  const key = headingText(el);
  if (checked.has(key)) return;
  checked.add(key);
  await expect(el).to.be.accessible();
}

function expectHeadingFocused(el: CmeWizard): void {
  expect(active(el), `focus on "${headingText(el)}"`).to.equal(headingEl(el));
}

type Key = string | [string, string, string] | 'dont-know-dob';

/** A whole keyboard-only journey: every answer, then Check your answers, then the outcome. */
async function keyboardJourney(el: CmeWizard, answers: Key[], outcome: keyof typeof OUTCOME_TITLES): Promise<void> {
  for (const a of answers) {
    await axeOnce(el);
    if (Array.isArray(a)) await keyDate(el, a);
    else if (a === 'dont-know-dob') {
      await tabTo(el, (x) => x instanceof HTMLInputElement && x.type === 'checkbox', 'the I do not know box');
      await sendKeys({ press: SPACE });
      await keyContinue(el);
    } else await keyRadio(el, a);
    expectHeadingFocused(el);
  }
  expect(headingText(el)).to.equal('Check your answers');
  await axeOnce(el);
  await keyContinue(el);
  expect(headingText(el)).to.equal(OUTCOME_TITLES[outcome]);
  expectHeadingFocused(el);
  await axeOnce(el);
}

describe('<cme-wizard>', () => {
  afterEach(() => {
    document.title = document.title.replace(/^Error: /, '');
  });

  it('shows the first question as a legend holding the page heading, with no Back link', async () => {
    const el = await wizard();
    await expect(el).to.be.accessible();
    const legend = root(el).querySelector('fieldset > legend')!;
    expect(legend.querySelector('h2')!.textContent).to.equal('Is the child at immediate risk of harm?');
    const fieldset = root(el).querySelector('fieldset')!;
    expect(fieldset.getAttribute('aria-describedby')).to.equal('immediate-risk-hint');
    expect(root(el).getElementById('immediate-risk-hint')!.textContent).to.contain('abused, neglected or exploited');
    expect(root(el).querySelector('.back-link')).to.equal(null);
    expect([...root(el).querySelectorAll('label')].map(text)).to.deep.equal(['Yes', 'No']);
  });

  it('uses the heading level the editor sets', async () => {
    const el = await wizard('heading-level="3"');
    await expect(el).to.be.accessible();
    expect(root(el).querySelector('legend h3')).to.exist;
  });

  describe('validation', () => {
    it('shows the error summary, the inline error and "Error: " in the title when nothing is chosen', async () => {
      document.title = 'CME page';
      const el = await wizard();
      await pressContinue(el);
      await expect(el).to.be.accessible();
      const summary = root(el).querySelector<HTMLElement>('.error-summary')!;
      expect(summary.getAttribute('role')).to.equal('alert');
      expect(active(el)).to.equal(summary);
      expect(text(summary)).to.equal('There is a problem Select yes if the child is at immediate risk of harm');
      const inline = root(el).getElementById('immediate-risk-error')!;
      expect(text(inline)).to.equal('Error: Select yes if the child is at immediate risk of harm');
      expect(inline.querySelector('.visually-hidden')!.textContent).to.equal('Error:');
      expect(root(el).querySelector('fieldset')!.getAttribute('aria-describedby')).to.equal('immediate-risk-hint immediate-risk-error');
      expect(document.title).to.equal('Error: CME page');

      // The summary link focuses the first radio (a plain #id link cannot reach into shadow DOM).
      summary.querySelector('a')!.click();
      expect(active(el)).to.equal(root(el).getElementById('immediate-risk'));

      await answer(el, 'no');
      expect(headingText(el)).to.equal(DOB_TITLE);
      expect(root(el).querySelector('.error-summary')).to.equal(null);
      expect(document.title).to.equal('CME page');
    });

    const cases: [string, [string, string, string], string, string[]][] = [
      ['nothing', ['', '', ''], 'Enter the date of birth or select ‘I do not know their date of birth’', ['day', 'month', 'year']],
      ['no month', ['12', '', '2015'], 'Date of birth must include a month', ['month']],
      ['no day and month', ['', '', '2015'], 'Date of birth must include a day and month', ['day', 'month']],
      ['no year', ['12', '3', ''], 'Date of birth must include a year', ['year']],
      ['an impossible date', ['30', '2', '2015'], 'Date of birth must be a real date', ['day', 'month', 'year']],
      ['letters', ['1O', '3', '2015'], 'Date of birth must be a real date', ['day', 'month', 'year']],
      ['a 2-digit year', ['12', '3', '15'], 'Year must include 4 numbers', ['year']],
      ['a future date', ['12', '3', String(year + 1)], 'Date of birth must be in the past', ['day', 'month', 'year']],
    ];
    for (const [name, parts, message, fields] of cases) {
      it(`explains a date of birth with ${name}`, async () => {
        const el = await wizard();
        await answer(el, 'no');
        await answer(el, parts);
        if (name === 'no month') await expect(el).to.be.accessible();
        const summary = root(el).querySelector('.error-summary')!;
        expect(text(summary)).to.equal(`There is a problem ${message}`);
        expect(summary.querySelector('a')!.getAttribute('href')).to.equal(`#date-of-birth-${fields[0]}`);
        expect(text(root(el).getElementById('date-of-birth-error')!)).to.equal(`Error: ${message}`);
        const marked = [...root(el).querySelectorAll('.input-error')].map((i) => i.id.replace('date-of-birth-', ''));
        expect(marked).to.deep.equal(fields);
        // What was typed stays.
        expect(root(el).querySelector<HTMLInputElement>('#date-of-birth-year')!.value).to.equal(parts[2]);
        // The link focuses the field at fault.
        summary.querySelector('a')!.click();
        expect(active(el)!.id).to.equal(`date-of-birth-${fields[0]}`);
      });
    }

    it('has date fields with the right types for a date of birth', async () => {
      const el = await wizard();
      await answer(el, 'no');
      await axeOnce(el);
      const inputs = [...root(el).querySelectorAll<HTMLInputElement>('.date input')];
      expect(inputs.map((i) => labelOf(el, i))).to.deep.equal(['Day', 'Month', 'Year']);
      expect(inputs.map((i) => i.inputMode)).to.deep.equal(['numeric', 'numeric', 'numeric']);
      expect(inputs.map((i) => i.getAttribute('autocomplete'))).to.deep.equal(['bday-day', 'bday-month', 'bday-year']);
      expect(inputs.map((i) => i.type)).to.deep.equal(['text', 'text', 'text']);
    });
  });

  describe('keyboard-only journeys (Tab, arrow keys, Space, Enter, typing) reach every outcome', () => {
    it('emergency', async () => {
      const el = await wizard();
      await keyboardJourney(el, ['Yes'], 'emergency');
      const phone = root(el).querySelector<HTMLAnchorElement>('a[href="tel:999"]')!;
      expect(phone.textContent).to.equal('999');
    });

    it('not of compulsory school age (too young), with the date it starts', async () => {
      const el = await wizard();
      const child = born(2);
      await keyboardJourney(el, ['No', child.parts], 'not-compulsory-school-age');
      const starts = `${year + 3}-03-31`; // 5th birthday 12 March → the next prescribed day, 31 March
      expect(text(root(el).querySelector('[part="outcome"]')!)).to.contain(
        `The child reaches compulsory school age on ${formatIsoDate(starts)}.`,
      );
    });

    it('school attendance matter', async () => {
      const el = await wizard();
      await keyboardJourney(el, ['No', COMPULSORY.parts, 'Yes', 'Yes'], 'attendance');
    });

    it('school enquiries', async () => {
      const el = await wizard();
      await keyboardJourney(el, ['No', COMPULSORY.parts, 'Yes', 'No'], 'school-enquiries');
    });

    it('alternative provision', async () => {
      const el = await wizard();
      await keyboardJourney(
        el,
        ['No', COMPULSORY.parts, 'No', 'Alternative provision arranged by the local authority, such as a tuition service or hospital education'],
        'alternative-provision',
      );
    });

    it('elective home education (not assessed as unsuitable)', async () => {
      const el = await wizard();
      await keyboardJourney(
        el,
        ['No', COMPULSORY.parts, 'No', 'Home education arranged by their parents (elective home education)', 'No'],
        'ehe',
      );
    });

    it('children missing education, through "I do not know their date of birth" and the age band', async () => {
      const el = await wizard();
      await keyboardJourney(
        el,
        ['No', 'dont-know-dob', 'Compulsory school age (usually 5 to 16, up to the end of year 11)', 'I do not know', 'None'],
        'cme',
      );
      const rows = [...root(el).querySelectorAll('[part="summary"] > div')].map((r) => text(r.querySelector('dd')!));
      expect(rows).to.deep.equal(['No', 'I do not know their date of birth', 'Compulsory school age (usually 5 to 16, up to the end of year 11)', 'I do not know', 'None']);
    });
  });

  it('"I do not know their date of birth" leads to the age band question; ticking it clears the date and typing unticks it', async () => {
    const el = await wizard();
    await answer(el, 'no');
    const day = root(el).querySelector<HTMLInputElement>('#date-of-birth-day')!;
    const box = root(el).querySelector<HTMLInputElement>('#date-of-birth-dk')!;
    expect(labelOf(el, box)).to.equal('I do not know their date of birth');
    day.focus();
    await sendKeys({ type: '12' });
    box.focus();
    await sendKeys({ press: SPACE });
    expect(box.checked).to.equal(true);
    expect(day.value).to.equal('');
    day.focus();
    await sendKeys({ type: '1' });
    expect(box.checked).to.equal(false);
    day.value = '';
    box.click();
    await pressContinue(el);
    expect(headingText(el)).to.equal('Roughly how old is the child?');
    await axeOnce(el);
    await answer(el, 'over');
    expect(headingText(el)).to.equal('Check your answers');
  });

  it('"Change" re-opens a question with its answer and returns to Check your answers, keeping later answers', async () => {
    const el = await wizard();
    for (const a of ['no', COMPULSORY.parts, 'yes', 'yes']) await answer(el, a);
    expect(headingText(el)).to.equal('Check your answers');
    const change = (row: number) => root(el).querySelectorAll<HTMLAnchorElement>('[part="summary"] .act a')[row]!;
    expect(text(change(1))).to.equal(`Change ${DOB_TITLE}`);
    expect(change(1).querySelector('.visually-hidden')).to.exist;

    change(1).click();
    await el.updateComplete;
    expect(headingText(el)).to.equal(DOB_TITLE);
    expectHeadingFocused(el);
    expect([...root(el).querySelectorAll<HTMLInputElement>('.date input')].map((i) => i.value)).to.deep.equal(COMPULSORY.parts);
    // Back from a "Change" page returns to Check your answers.
    expect(root(el).querySelector('.back-link')).to.exist;
    const other = born(11);
    await answer(el, other.parts);
    expect(headingText(el)).to.equal('Check your answers');
    const values = () => [...root(el).querySelectorAll('[part="summary"] > div')].map((r) => text(r.querySelector('dd')!));
    expect(values()).to.deep.equal(['No', formatIsoDate(other.iso), 'Yes', 'Yes']);

    // A change that opens a new branch asks the new question, then comes back.
    change(2).click();
    await el.updateComplete;
    await answer(el, 'no');
    expect(headingText(el)).to.equal('What education is the child receiving?');
    await answer(el, 'none');
    expect(headingText(el)).to.equal('Check your answers');
    expect(values()).to.deep.equal(['No', formatIsoDate(other.iso), 'No', 'None']);

    // Changing it back restores the earlier branch's answers (kept by question id).
    change(2).click();
    await el.updateComplete;
    await answer(el, 'yes');
    expect(values()).to.deep.equal(['No', formatIsoDate(other.iso), 'Yes', 'Yes']);
  });

  it('the Back link goes to the previous question on the path, with its answer shown', async () => {
    const el = await wizard();
    await answer(el, 'no');
    await answer(el, COMPULSORY.parts);
    expect(headingText(el)).to.equal('Is the child on the roll of a school?');
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal(DOB_TITLE);
    expectHeadingFocused(el);
    expect(root(el).querySelector<HTMLInputElement>('#date-of-birth-year')!.value).to.equal(COMPULSORY.parts[2]);
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal('Is the child at immediate risk of harm?');
    expect(root(el).querySelector<HTMLInputElement>('input[value="no"]')!.checked).to.equal(true);
    expect(root(el).querySelector<HTMLInputElement>('input[value="yes"]')!.checked).to.equal(false);
  });

  it('the browser Back and Forward buttons step through the wizard (history holds the step id only)', async () => {
    const el = await wizard();
    await answer(el, 'no');
    expect(history.state).to.deep.equal({ cmeWizard: 'date-of-birth' });
    await answer(el, COMPULSORY.parts);
    expect(history.state).to.deep.equal({ cmeWizard: 'registered' });
    const url = location.href;

    history.back();
    await waitUntil(() => headingText(el) === DOB_TITLE, 'back to the date of birth');
    await el.updateComplete;
    expectHeadingFocused(el);
    expect(root(el).querySelector<HTMLInputElement>('#date-of-birth-day')!.value).to.equal('12');
    history.back();
    await waitUntil(() => headingText(el) === 'Is the child at immediate risk of harm?', 'back to the first question');
    expect(root(el).querySelector<HTMLInputElement>('input[value="no"]')!.checked).to.equal(true);
    history.forward();
    await waitUntil(() => headingText(el) === DOB_TITLE, 'forward again');
    expect(location.href).to.equal(url);
  });

  it('leaves history alone with history="false"', async () => {
    const el = await wizard('history="false"');
    const before = history.length;
    const state: unknown = history.state;
    await answer(el, 'no');
    expect(headingText(el)).to.equal(DOB_TITLE);
    expect(history.length).to.equal(before);
    expect(history.state).to.equal(state);
  });

  it('fires step and outcome events without personal data, and keeps the date of birth out of the URL, history and storage', async () => {
    const events: CustomEvent[] = [];
    const record = (e: Event) => events.push(e as CustomEvent);
    for (const type of ['cme-wizard-step', 'cme-wizard-outcome'] as const) document.addEventListener(type, record);
    try {
      const el = await wizard();
      for (const a of ['no', COMPULSORY.parts, 'no', 'none']) await answer(el, a);
      await pressContinue(el);
      expect(headingText(el)).to.equal(OUTCOME_TITLES.cme);

      const steps = events.filter((e) => e.type === 'cme-wizard-step').map((e) => e.detail as { stepId: string });
      expect(steps.map((d) => d.stepId)).to.deep.equal(['date-of-birth', 'registered', 'education', 'check-answers', 'cme']);
      for (const d of steps) expect(Object.keys(d)).to.deep.equal(['stepId']);
      const outcome = events.find((e) => e.type === 'cme-wizard-outcome')!;
      expect(outcome.bubbles && outcome.composed).to.equal(true);
      expect(Object.keys(outcome.detail)).to.deep.equal(['outcomeId', 'path']);
      expect(outcome.detail).to.deep.equal({ outcomeId: 'cme', path: ['immediate-risk', 'date-of-birth', 'registered', 'education'] });

      const leaks = [
        location.href,
        JSON.stringify(history.state),
        JSON.stringify(events.map((e) => e.detail)),
        JSON.stringify({ ...sessionStorage }),
        JSON.stringify({ ...localStorage }),
      ].join(' ');
      for (const needle of [COMPULSORY.iso, COMPULSORY.parts[2], formatIsoDate(COMPULSORY.iso)]) expect(leaks).not.to.contain(needle);
    } finally {
      for (const type of ['cme-wizard-step', 'cme-wizard-outcome'] as const) document.removeEventListener(type, record);
    }
  });

  it('"Start again" clears the answers', async () => {
    const el = await wizard();
    await answer(el, 'yes');
    await pressContinue(el);
    expect(headingText(el)).to.equal(OUTCOME_TITLES.emergency);
    buttonNamed(el, 'Start again')!.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal('Is the child at immediate risk of harm?');
    expectHeadingFocused(el);
    expect(root(el).querySelector<HTMLInputElement>('input:checked')).to.equal(null);
  });

  describe('referral hand-off', () => {
    class StubReferralForm extends HTMLElement {
      received: WizardPrefill[] = [];
      prefill(data: WizardPrefill): void {
        this.received.push(data);
      }
    }
    before(() => customElements.define('stub-referral-form', StubReferralForm));

    async function toCme(el: CmeWizard): Promise<void> {
      for (const a of ['no', COMPULSORY.parts, 'no', 'none']) await answer(el, a);
      await pressContinue(el);
    }

    it('fires cme-wizard-referral (no personal data), then calls prefill() on the target and focuses it', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <cme-wizard referral-target="#referral"></cme-wizard>
        <stub-referral-form id="referral" tabindex="-1"><h2>Refer a child</h2></stub-referral-form>
      </div>`);
      const el = wrapper.querySelector('cme-wizard')!;
      const form = wrapper.querySelector<StubReferralForm>('#referral')!;
      await toCme(el);
      const events: CustomEvent[] = [];
      wrapper.addEventListener('cme-wizard-referral', (e) => events.push(e));
      const refer = buttonNamed(el, 'Make a Children Missing Education referral')!;
      expect(refer.localName).to.equal('button');
      refer.click();
      await waitUntil(() => form.received.length === 1, 'prefill called');
      expect(events).to.have.length(1);
      expect(events[0]!.detail).to.deep.equal({ outcomeId: 'cme' });
      expect(form.received[0]).to.deep.include({
        outcomeId: 'cme',
        immediateRisk: false,
        dateOfBirth: COMPULSORY.iso,
        registeredAtSchool: 'no',
        education: 'none',
        whereaboutsKnown: undefined,
      });
      expect(form.received[0]!.answers).to.deep.equal({ 'immediate-risk': 'no', 'date-of-birth': COMPULSORY.iso, registered: 'no', education: 'none' });
      await waitUntil(() => document.activeElement === form, 'focus on the form');
    });

    it('finds a <cme-referral-form> on the page without referral-target; preventDefault() stops the hand-off', async () => {
      class Form extends StubReferralForm {}
      if (!customElements.get('cme-referral-form')) customElements.define('cme-referral-form', Form);
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <cme-wizard referral-url="/refer"></cme-wizard>
        <cme-referral-form tabindex="-1"></cme-referral-form>
      </div>`);
      const el = wrapper.querySelector('cme-wizard')!;
      const form = wrapper.querySelector('cme-referral-form') as unknown as StubReferralForm;
      await toCme(el);
      const stop = (e: Event) => e.preventDefault();
      wrapper.addEventListener('cme-wizard-referral', stop, { once: true });
      buttonNamed(el, 'Make a Children Missing Education referral')!.click();
      await new Promise((r) => setTimeout(r, 20));
      expect(form.received).to.have.length(0);
      buttonNamed(el, 'Make a Children Missing Education referral')!.click();
      await waitUntil(() => form.received.length === 1, 'prefill called');
    });

    it('links to referral-url when no referral form is on the page', async () => {
      const el = await wizard('referral-url="/refer-a-child" referral-target="#nothing-here"');
      await toCme(el);
      const link = buttonNamed(el, 'Make a Children Missing Education referral') as HTMLAnchorElement;
      expect(link.localName).to.equal('a');
      expect(link.getAttribute('href')).to.equal('/refer-a-child');
    });
  });

  describe('editor config', () => {
    const q1 = (routes: object[]) => ({ id: 'q1', type: 'yes-no', title: 'First?', routes });
    const flow = (questions: object[]) => ({ id: 't', start: 'q1', questions, outcomes: [{ id: 'o1', title: 'Done', body: ['Body'], nextSteps: [] }] });
    const configured = async (config: object) => {
      const el = await wizard('', `<script type="application/json">${JSON.stringify(config)}</script>`);
      await waitUntil(() => root(el).querySelector('[part="heading"], [role="alert"]'), 'config applied', { timeout: 5000 });
      return el;
    };

    it('names a dangling id', async () => {
      const el = await configured({ flow: flow([q1([{ when: { answer: 'yes' }, next: 'nowhere' }, { otherwise: true, next: 'o1' }])]) });
      await expect(el).to.be.accessible();
      const alert = text(root(el).querySelector('[role="alert"]')!);
      expect(alert).to.contain('This cme-wizard box is not set up correctly');
      expect(alert).to.contain('flow.questions.0.routes.0.next: unknown id "nowhere"');
    });

    it('names a cycle', async () => {
      const el = await configured({
        flow: flow([
          q1([{ when: { answer: 'yes' }, next: 'q2' }, { otherwise: true, next: 'o1' }]),
          { id: 'q2', type: 'yes-no', title: 'Second?', routes: [{ when: { answer: 'yes' }, next: 'q1' }, { otherwise: true, next: 'o1' }] },
        ]),
      });
      await expect(el).to.be.accessible();
      const alert = text(root(el).querySelector('[role="alert"]')!);
      expect(alert).to.match(/flow\.questions\.\d\.routes\.0\.next: cycle: q\d → q\d → q\d/);
    });

    it('names an unknown setting', async () => {
      const el = await configured({ flwo: {} });
      expect(text(root(el).querySelector('[role="alert"]')!)).to.contain('flwo: Unknown setting');
    });

    it('runs a custom flow, with a generic message for its questions', async () => {
      const el = await configured({ flow: flow([q1([{ otherwise: true, next: 'o1' }])]) });
      expect(headingText(el)).to.equal('First?');
      await pressContinue(el);
      expect(text(root(el).querySelector('.error-summary')!)).to.equal('There is a problem Select an answer to: First?');
      await answer(el, 'yes');
      expect(headingText(el)).to.equal('Check your answers');
      await pressContinue(el);
      expect(headingText(el)).to.equal('Done');
    });

    it('reads config from a data-config attribute (for editors that strip scripts)', async () => {
      const config = JSON.stringify({ content: { 'immediate-risk': { title: 'Is the child in danger?' } } });
      const wrapper = await fixture<HTMLDivElement>(html`<div><cme-wizard data-config=${config}></cme-wizard></div>`);
      const el = wrapper.querySelector('cme-wizard')!;
      await waitUntil(() => root(el).querySelector('[part="heading"]'), 'config applied', { timeout: 5000 });
      expect(headingText(el)).to.equal('Is the child in danger?');
    });

    it('applies content overrides to the default flow', async () => {
      const el = await configured({ content: { 'immediate-risk': { title: 'Is anyone in danger now?' } } });
      expect(headingText(el)).to.equal('Is anyone in danger now?');
    });
  });

  // Last: it switches the page's locale (the other tests expect English).
  it('renders in Polish (lang="pl"), with dates formatted in Polish', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="pl"><cme-wizard></cme-wizard></div>`);
    const el = wrapper.querySelector('cme-wizard')!;
    await localeReady();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(text(root(el).querySelector('legend')!)).to.equal('Czy dziecku bezpośrednio grozi krzywda?');
    for (const a of ['no', COMPULSORY.parts, 'yes', 'yes']) await answer(el, a);
    const polishDate = formatIsoDate(COMPULSORY.iso);
    expect(polishDate).to.match(/^12 marca \d{4}/);
    expect(text(root(el).querySelector('[part="summary"]')!)).to.contain(polishDate);
    await expect(el).to.be.accessible();
    wrapper.remove();
  });
});
