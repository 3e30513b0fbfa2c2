import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/components/cme-referral-form/define.js';
import '../../src/components/cme-wizard/define.js';
import type { CmeReferralForm } from '../../src/components/cme-referral-form/cme-referral-form.js';
import { JOURNEY } from '../../src/core/referral/journey.js';
import { optionLabels } from '../../src/components/cme-referral-form/text.js';
import { retryAfter } from '../../src/components/cme-referral-form/send.js';
import * as schema from '../../src/core/referral/schema.js';
import * as labels from '../../src/core/referral/labels.js';
import { londonDate } from '../../src/core/referral/rules.js';
import { formatIsoDate } from '../../src/internal/format.js';
import { localeReady } from '../../src/internal/locale.js';
import { browserTools, eventually, relay, type RelayMail } from './support/relay.js';

// "Today" is London's; the browsers run in Pacific/Auckland (web-test-runner.config.mjs).
const YEAR = Number(londonDate().slice(0, 4));
const DOB: [string, string, string] = ['14', '3', String(YEAR - 11)];
const DOB_ISO = `${YEAR - 11}-03-14`;
const LAST_YEAR = String(YEAR - 1);
// The space bar: puppeteer's WebDriver BiDi keyboard (Firefox) knows it as ' ', not 'Space'.
const SPACE = ' ';
const STORAGE = 'cme-referral-form';
const HOST = 'cme-referral-form';

type Value = string | string[];
type Values = Record<string, Value>;

const root = (el: CmeReferralForm) => el.shadowRoot!;
const text = (n: Element) => n.textContent!.replace(/\s+/g, ' ').trim();
const headingText = (el: CmeReferralForm) => text(root(el).querySelector('#h')!);
const active = (el: CmeReferralForm) => root(el).activeElement as HTMLElement | null;
const byId = <T extends HTMLElement = HTMLInputElement>(el: CmeReferralForm, id: string) => root(el).getElementById(id) as T | null;
const buttonNamed = (el: CmeReferralForm, name: string) =>
  [...root(el).querySelectorAll<HTMLElement>('button, a')].find((b) => text(b) === name) ?? null;
const pageText = (el: CmeReferralForm) => root(el).textContent!.replace(/\s+/g, ' ').trim();
const summaryItems = (el: CmeReferralForm) => [...root(el).querySelectorAll('.error-summary li')].map(text);
const summaryText = (el: CmeReferralForm) => text(root(el).querySelector('.error-summary')!);
const state = (el: CmeReferralForm) => el as unknown as { busy: boolean; sending: boolean };

async function make(attrs = '', inner = ''): Promise<CmeReferralForm> {
  const wrapper = await fixture<HTMLDivElement>(`<div><cme-referral-form ${attrs}>${inner}</cme-referral-form></div>`);
  const el = wrapper.querySelector(HOST)!;
  await localeReady();
  await el.updateComplete;
  // axe first, in every test (then on each page and error state the test reaches).
  await expect(el).to.be.accessible();
  return el;
}

/** Waits until a Continue/Send has been handled (the schema loads lazily the first time). */
async function settle(el: CmeReferralForm): Promise<void> {
  await el.updateComplete;
  await waitUntil(() => !state(el).busy && !state(el).sending, 'the form settled', { timeout: 20_000 });
  await el.updateComplete;
}

/** Sets a field by name as a person would (events included); radios and checkboxes by value. */
async function set(el: CmeReferralForm, name: string, value: Value): Promise<void> {
  const inputs = [...root(el).querySelectorAll<HTMLInputElement>(`[name="${name}"]`)];
  if (!inputs.length) throw new Error(`no field named ${name} on "${headingText(el)}"`);
  const first = inputs[0]!;
  if (first.type === 'radio') inputs.find((i) => i.value === value)!.click();
  else if (first.type === 'checkbox') {
    const want = Array.isArray(value) ? value : [value];
    for (const i of inputs) if (i.checked !== want.includes(i.value)) i.click();
  } else {
    first.value = value as string;
    first.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
  await el.updateComplete;
}

async function fill(el: CmeReferralForm, values: Values): Promise<void> {
  for (const [name, value] of Object.entries(values)) await set(el, name, value);
}

const date = (path: string, [d, m, y]: [string, string, string]): Values => ({ [`${path}-day`]: d, [`${path}-month`]: m, [`${path}-year`]: y });

/** Presses the page's main button (Continue / Send referral) and waits. */
async function next(el: CmeReferralForm, expected?: string): Promise<void> {
  const b = buttonNamed(el, 'Continue') ?? buttonNamed(el, 'Send referral');
  b!.click();
  await settle(el);
  if (expected) expect(headingText(el)).to.equal(expected);
}

const axed = new Set<string>();
/** axe once per distinct page (journeys visit the same pages often); error states are checked each time. */
async function axeOnce(el: CmeReferralForm): Promise<void> {
  const key = headingText(el);
  if (axed.has(key)) return;
  axed.add(key);
  await expect(el).to.be.accessible();
}

interface Step {
  heading: string;
  values?: Values;
  /** List add buttons to press first (by list path). */
  add?: string[];
}

/** A school referral with every section filled (dates relative to today, so always valid). */
const SCHOOL: Step[] = [
  { heading: 'Is the child at immediate risk of harm?', values: { 'safeguarding.immediateRisk': 'false' } },
  { heading: 'Who is making the referral?', values: { 'referrer.type': 'school' } },
  {
    heading: 'Your details',
    values: {
      'referrer.name': 'Priya Shah',
      'referrer.role': 'Designated safeguarding lead',
      'referrer.organisation': 'Riverside Primary School',
      'referrer.email': 'p.shah@riverside.example.sch.uk',
      'referrer.phone': '01905 844440',
    },
  },
  {
    heading: 'About the child',
    values: {
      'child.firstName': 'Amelia',
      'child.lastName': "O'Brien",
      'child.otherNames': 'Millie Brown',
      ...date('child.dateOfBirth', DOB),
      'child.sex': 'female',
      'child.upn': 'H801200001001',
      'child.whereaboutsKnown': 'false',
      'child.address.line1': '12 Example Street',
      'child.address.town': 'Worcester',
      'child.address.postcode': 'wr2 5aa',
    },
  },
  {
    heading: 'Parents or carers',
    add: ['parents'],
    values: {
      'parents.0.name': "Sarah O'Brien",
      'parents.0.relationship': 'Mother',
      'parents.0.parentalResponsibility': 'yes',
      'parents.0.phone': '07700 900982',
      'parents.0.email': 'sarah.obrien@example.com',
      'parents.1.name': 'Tomasz Nowak',
      'parents.1.relationship': 'Stepfather',
      'parents.1.parentalResponsibility': 'no',
      'parents.1.language': 'Polish',
      'parents.1.interpreterNeeded': 'true',
    },
  },
  {
    heading: 'The child’s education',
    values: {
      'education.registeredAtSchool': 'yes',
      'education.provision': 'none',
      'education.lastSchool': 'Riverside Primary School',
      'education.yearGroup': '6',
      ...date('education.dateLastAttended', ['4', '9', LAST_YEAR]),
      ...date('education.dateLastSeen', ['12', '9', LAST_YEAR]),
      'education.believedDestination': 'abroad',
      'education.destinationDetails': 'Family said they might move to Poland',
      'education.deletionGround': 'continuous-absence',
    },
  },
  {
    heading: 'Vulnerabilities and siblings',
    add: ['siblings'],
    values: {
      'vulnerabilities.flags': ['child-in-need', 'young-carer'],
      'vulnerabilities.details': 'Cares for a younger brother.\nHas speech and language support.',
      'siblings.0.name': "Leo O'Brien",
      ...date('siblings.0.dateOfBirth', ['2', '7', String(YEAR - 7)]),
      'siblings.0.school': 'Riverside Primary School',
    },
  },
  {
    heading: 'Enquiries already made',
    add: ['enquiries', 'enquiries'],
    values: {
      ...date('enquiries.0.date', ['8', '9', LAST_YEAR]),
      'enquiries.0.method': 'phone',
      'enquiries.0.details': 'Called mother and both emergency contacts: no answer.',
      ...date('enquiries.1.date', ['15', '9', LAST_YEAR]),
      'enquiries.1.method': 'home-visit',
      'enquiries.1.details': 'Home visit: house empty, neighbour said the family left.',
    },
  },
  {
    heading: 'Your concerns',
    values: {
      'concerns.details': 'Amelia has not attended since September and the family cannot be contacted.',
      'concerns.dslAppraisal': 'No current child protection concerns known.',
      'concerns.socialCareReferred': 'true',
    },
  },
];
// The social care date and outcome appear once "Yes" is chosen.
const CONCERNS_MORE: Values = {
  ...date('concerns.socialCareReferralDate', ['16', '9', LAST_YEAR]),
  'concerns.socialCareOutcome': 'Information shared; no further action pending whereabouts.',
};

/** Walks the steps (axe on each page once). */
async function walk(el: CmeReferralForm, steps: Step[]): Promise<void> {
  for (const s of steps) {
    expect(headingText(el)).to.equal(s.heading);
    await axeOnce(el);
    for (const list of s.add ?? []) {
      byId(el, `${list}-add`)!.click();
      await el.updateComplete;
    }
    await fill(el, s.values ?? {});
    if (s.heading === 'Your concerns') await fill(el, CONCERNS_MORE);
    await next(el);
    expect(root(el).querySelector('.error-summary'), `no errors on "${s.heading}": ${root(el).querySelector('.error-summary')?.textContent}`).to.equal(null);
  }
}

/** A parent or carer's quickest way to the "About the child" page. */
async function toChildPage(el: CmeReferralForm): Promise<void> {
  await fill(el, { 'safeguarding.immediateRisk': 'false' });
  await next(el);
  await fill(el, { 'referrer.type': 'parent-carer' });
  await next(el);
  await fill(el, { 'referrer.name': 'Sam Carer' });
  await next(el, 'About the child');
}

/** Walks the steps, ending on "Check your answers". */
async function journey(el: CmeReferralForm, steps: Step[] = SCHOOL): Promise<void> {
  await walk(el, steps);
  expect(headingText(el)).to.equal('Check your answers before sending the referral');
  await axeOnce(el);
}

async function toDeclaration(el: CmeReferralForm, steps: Step[] = SCHOOL): Promise<void> {
  await journey(el, steps);
  buttonNamed(el, 'Continue')!.click();
  await settle(el);
  expect(headingText(el)).to.equal('Declaration');
  await axeOnce(el);
  await fill(el, { 'declaration.accurate': 'true', 'declaration.privacyNoticeRead': 'true' });
}

/** A complete, valid draft as the form stores it (dates as typed parts), for tests that start at the end. */
const FULL_DRAFT = {
  safeguarding: { immediateRisk: false },
  referrer: { type: 'parent-carer', name: 'Sam Carer' },
  child: { firstName: 'Kai', lastName: 'Nowak', dateOfBirth: { day: DOB[0], month: DOB[1], year: DOB[2] }, sex: 'male', whereaboutsKnown: true },
  parents: [{ name: 'Sam Carer', relationship: 'Father', parentalResponsibility: 'yes' }],
  education: { registeredAtSchool: 'no' },
  concerns: { details: 'Not in school since September.' },
  declaration: { accurate: true, privacyNoticeRead: true },
};
function storeDraft(draft: object, page = 'declaration', key?: string): void {
  sessionStorage.setItem(STORAGE, JSON.stringify({ v: 1, draft, page, key }));
}

async function expectOneEmail(): Promise<RelayMail> {
  const mails = await eventually(relay.mails, (m) => m.length > 0);
  // Give a duplicate the time to appear, if there were one.
  await new Promise((r) => setTimeout(r, 500));
  const again = await relay.mails();
  expect(again, 'exactly one email').to.have.length(1);
  expect(mails[0]!.file).to.equal(again[0]!.file);
  return again[0]!;
}

// ---------------------------------------------------------------------------------------------

describe('<cme-referral-form>', function () {
  this.timeout(60_000);
  let endpoint = '';

  before(async () => {
    ({ endpoint } = await relay.start());
    // Quick retries in tests (the defaults are 1 s and 4 s, with a 20 s timeout).
    const C = customElements.get(HOST) as unknown as { retries: number[]; timeout: number };
    C.retries = [50, 50];
    C.timeout = 5000;
  });
  after(() => relay.destroy());
  beforeEach(() => relay.clear());
  afterEach(() => {
    sessionStorage.clear();
    document.title = document.title.replace(/^Error: /, '');
  });

  it('opens on the safeguarding question, its legend the page heading, with the intro slot and no Back link', async () => {
    const el = await make('', '<p slot="intro">Tell us about a child who may be missing education.</p>');
    const legend = root(el).querySelector('fieldset > legend')!;
    expect(text(legend.querySelector('h2')!)).to.equal('Is the child at immediate risk of harm?');
    expect(root(el).querySelector('fieldset')!.getAttribute('aria-describedby')).to.equal('safeguarding.immediateRisk-hint');
    expect(root(el).querySelector('slot[name="intro"]')).to.exist;
    expect(root(el).querySelector('.back-link')).to.equal(null);
    expect(root(el).querySelector('form')!.noValidate).to.equal(true);
  });

  it('validates on Continue: error summary, inline error with hidden "Error:", "Error: " in the title, links that focus the field', async () => {
    document.title = 'Refer a child';
    const el = await make();
    await next(el);
    await expect(el).to.be.accessible();
    const summary = root(el).querySelector<HTMLElement>('.error-summary')!;
    expect(active(el)).to.equal(summary);
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(summaryText(el)).to.equal('There is a problem Select yes if the child is at immediate risk of harm');
    const inline = byId(el, 'safeguarding.immediateRisk-error')!;
    expect(text(inline)).to.equal('Error: Select yes if the child is at immediate risk of harm');
    expect(inline.querySelector('.visually-hidden')!.textContent).to.equal('Error:');
    expect(document.title).to.equal('Error: Refer a child');
    summary.querySelector('a')!.click();
    expect(active(el)).to.equal(byId(el, 'safeguarding.immediateRisk'));
    await set(el, 'safeguarding.immediateRisk', 'false');
    await next(el, 'Who is making the referral?');
    expect(document.title).to.equal('Refer a child');
    expect(active(el)).to.equal(root(el).querySelector('#h'));
  });

  it('stops at the emergency contacts when the child is at immediate risk, then lets the referrer continue', async () => {
    const el = await make('', `<script type="application/json">{"emergencyContacts":[{"name":"Family Front Door","phone":"01234 567890","note":"Children’s social care"}]}</script>`);
    await waitUntil(() => root(el).querySelector('form'), 'config loaded');
    await axeOnce(el);
    await set(el, 'safeguarding.immediateRisk', 'true');
    await next(el, 'Get help for the child now');
    await expect(el).to.be.accessible();
    const contacts = text(root(el).querySelector('.contacts')!);
    expect(contacts).to.contain('Family Front Door');
    expect(root(el).querySelector('a[href="tel:01234567890"]')).to.exist;
    await next(el);
    await expect(el).to.be.accessible();
    expect(summaryText(el)).to.contain('Contact the police on 999 or children’s social care first, then confirm you have done so');
    await set(el, 'safeguarding.emergencyContacted', 'true');
    await next(el, 'Who is making the referral?');
    // Back goes to the stop page, then the question.
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal('Get help for the child now');
    expect(byId(el, 'safeguarding.emergencyContacted')!.checked).to.equal(true);
  });

  it('the default emergency contacts name the police (999) and children’s social care', async () => {
    const el = await make();
    await set(el, 'safeguarding.immediateRisk', 'true');
    await next(el, 'Get help for the child now');
    expect(root(el).querySelector('a[href="tel:999"]')).to.exist;
    expect(text(root(el).querySelector('.contacts')!)).to.contain('Children’s social care');
  });

  it('asks schools for role, UPN, deletion ground and DSL appraisal, and drops those answers when the referrer is not a school', async () => {
    const el = await make();
    await fill(el, { 'safeguarding.immediateRisk': 'false' });
    await next(el);
    await fill(el, { 'referrer.type': 'public' });
    await next(el, 'Your details');
    await axeOnce(el);
    expect(byId(el, 'referrer.role')).to.equal(null);
    expect(text(root(el).querySelector('label[for="referrer.name"]')!)).to.equal('Your full name (optional)');
    expect(byId(el, 'referrer.name-hint')).to.exist;
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    await fill(el, { 'referrer.type': 'school' });
    await next(el, 'Your details');
    expect(byId(el, 'referrer.role')).to.exist;
    await next(el);
    await expect(el).to.be.accessible();
    expect(summaryItems(el)).to.deep.equal([
      'Enter your full name',
      'Enter your job title or role',
      'Enter the name of your school or organisation',
      'Enter your email address',
    ]);
    await fill(el, SCHOOL[2]!.values!);
    await next(el, 'About the child');
    await fill(el, { 'child.upn': 'H801200001001' });
    expect(byId(el, 'child.upn')).to.exist;
    // Change the referrer type: the UPN is dropped, and its field goes.
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal('Who is making the referral?');
    await fill(el, { 'referrer.type': 'professional' });
    await next(el, 'Your details');
    await next(el, 'About the child');
    expect(byId(el, 'child.upn')).to.equal(null);
    expect((el as unknown as { draft: { child: Record<string, unknown> } }).draft.child.upn).to.equal(undefined);
  });

  it('gives each field the right type, autocomplete, inputmode and spellcheck, with labels and hints in the same shadow tree', async () => {
    const el = await make();
    await fill(el, { 'safeguarding.immediateRisk': 'false' });
    await next(el);
    await fill(el, { 'referrer.type': 'school' });
    await next(el, 'Your details');
    const attrs = (id: string) => {
      const i = byId(el, id)!;
      return [i.type, i.getAttribute('autocomplete'), i.getAttribute('spellcheck'), i.labels![0]!.getRootNode() === root(el)];
    };
    expect(attrs('referrer.name')).to.deep.equal(['text', 'name', 'false', true]);
    expect(attrs('referrer.role')).to.deep.equal(['text', 'organization-title', null, true]);
    expect(attrs('referrer.organisation')).to.deep.equal(['text', 'organization', null, true]);
    expect(attrs('referrer.email')).to.deep.equal(['email', 'email', 'false', true]);
    expect(attrs('referrer.phone')).to.deep.equal(['tel', 'tel', null, true]);
    await fill(el, SCHOOL[2]!.values!);
    await next(el, 'About the child');
    await axeOnce(el);
    // Someone else's details: the browser must not offer the referrer's own name or address.
    expect(attrs('child.firstName')).to.deep.equal(['text', 'off', 'false', true]);
    expect(attrs('child.address.postcode')).to.deep.equal(['text', 'off', 'false', true]);
    expect(byId(el, 'child.address.postcode')!.getAttribute('autocapitalize')).to.equal('characters');
    expect(byId(el, 'child.upn')!.getAttribute('autocapitalize')).to.equal('characters');
    const dob = ['day', 'month', 'year'].map((p) => byId(el, `child.dateOfBirth-${p}`)!);
    expect(dob.map((i) => i.inputMode)).to.deep.equal(['numeric', 'numeric', 'numeric']);
    expect(dob.map((i) => i.getAttribute('autocomplete'))).to.deep.equal([null, null, null]);
    expect(byId(el, 'child.firstName')!.getAttribute('aria-describedby')).to.equal('child.firstName-hint');
  });

  it('explains dates as GOV.UK does, outlines the parts at fault, and keeps what was typed', async () => {
    const el = await make();
    await toChildPage(el);
    await fill(el, { 'child.firstName': 'Kai', 'child.lastName': 'Nowak', 'child.sex': 'male', 'child.whereaboutsKnown': 'true', ...date('child.dateOfBirth', ['12', '', LAST_YEAR]) });
    await next(el);
    await expect(el).to.be.accessible();
    expect(summaryText(el)).to.equal('There is a problem Date of birth must include a month');
    expect(root(el).querySelector('.error-summary a')!.getAttribute('href')).to.equal('#child.dateOfBirth-month');
    expect([...root(el).querySelectorAll('.input-error')].map((i) => i.id)).to.deep.equal(['child.dateOfBirth-month']);
    expect(byId(el, 'child.dateOfBirth-day')!.value).to.equal('12');
    root(el).querySelector<HTMLAnchorElement>('.error-summary a')!.click();
    expect(active(el)!.id).to.equal('child.dateOfBirth-month');

    // A real date in the future: the schema's rule, on all three parts.
    await fill(el, date('child.dateOfBirth', ['1', '1', String(YEAR + 1)]));
    await next(el);
    expect(summaryText(el)).to.equal('There is a problem Child’s date of birth must be today or in the past');
    expect(root(el).querySelectorAll('.input-error')).to.have.length(3);
    await fill(el, date('child.dateOfBirth', DOB));
    await next(el, 'Parents or carers');
  });

  it('"Add another" parents up to six, removes one, and names each item’s errors by its path', async () => {
    const el = await make();
    await toChildPage(el);
    await fill(el, { 'child.firstName': 'Kai', 'child.lastName': 'Nowak', 'child.sex': 'male', 'child.whereaboutsKnown': 'true', ...date('child.dateOfBirth', DOB) });
    await next(el, 'Parents or carers');
    await axeOnce(el);
    expect(buttonNamed(el, 'Remove Parent or carer 1')).to.equal(null);
    await fill(el, { 'parents.0.name': 'Ann One', 'parents.0.relationship': 'Mother', 'parents.0.parentalResponsibility': 'yes' });
    for (let n = 2; n <= 6; n++) {
      byId(el, 'parents-add')!.click();
      await el.updateComplete;
      expect(active(el)!.id, `focus on parent ${n}'s name`).to.equal(`parents.${n - 1}.name`);
      await fill(el, { [`parents.${n - 1}.name`]: `Person ${n}` });
    }
    expect(byId(el, 'parents-add')).to.equal(null);
    expect(text(root(el).querySelector('form')!)).to.contain('You can add up to 6.');
    await next(el);
    await expect(el).to.be.accessible();
    const links = [...root(el).querySelectorAll('.error-summary a')].map((a) => a.getAttribute('href'));
    expect(links[0]).to.equal('#parents.1.relationship');
    expect(links[1]).to.equal('#parents.1.parentalResponsibility');
    // Remove parent 2: parent 3 moves up, with what was typed.
    buttonNamed(el, 'Remove Parent or carer 2')!.click();
    await el.updateComplete;
    expect(root(el).querySelectorAll('fieldset.item')).to.have.length(5);
    expect(byId(el, 'parents.1.name')!.value).to.equal('Person 3');
    expect(active(el)!.id).to.equal('parents.1.name');
    for (let i = 4; i >= 1; i--) {
      buttonNamed(el, `Remove Parent or carer ${i + 1}`)!.click();
      await el.updateComplete;
    }
    expect(byId(el, 'parents.0.name')!.value).to.equal('Ann One');
    await next(el, 'The child’s education');
  });

  it('"Check your answers" shows every answer; "Change" goes to the page and Continue comes back, keeping every answer', async () => {
    const el = await make();
    await journey(el);
    const all = pageText(el);
    for (const s of ['Priya Shah', "Amelia", 'H801200001001', formatIsoDate(DOB_ISO), 'WR2 5AA', 'Tomasz Nowak', 'Year 6', 'Child in need', 'Young carer', "Leo O'Brien", 'Phone call', 'Home visit', '20 continuous school days of unauthorised absence']) {
      expect(all, s).to.contain(s === 'WR2 5AA' ? 'wr2 5aa' : s);
    }
    const change = [...root(el).querySelectorAll<HTMLAnchorElement>('.summary .act a')].find((a) => text(a) === 'Change Last name')!;
    change.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal('About the child');
    expect(active(el)).to.equal(root(el).querySelector('#h'));
    expect(byId(el, 'child.lastName')!.value).to.equal("O'Brien");
    // Back from a "Change" page returns to Check your answers.
    expect(root(el).querySelector('.back-link')).to.exist;
    await fill(el, { 'child.lastName': 'Brien' });
    await next(el, 'Check your answers before sending the referral');
    expect(pageText(el)).to.contain('Brien');
    expect(pageText(el)).to.contain('Tomasz Nowak');
  });

  it('the browser Back and Forward buttons step through the pages without losing answers (history holds the page id only)', async () => {
    const el = await make();
    await fill(el, { 'safeguarding.immediateRisk': 'false' });
    await next(el);
    expect(history.state).to.deep.equal({ cmeReferral: 'referrer-type' });
    await fill(el, { 'referrer.type': 'parent-carer' });
    await next(el, 'Your details');
    await fill(el, { 'referrer.name': 'Sam Carer' });
    const url = location.href;
    history.back();
    await waitUntil(() => headingText(el) === 'Who is making the referral?', 'back');
    expect(root(el).querySelector<HTMLInputElement>('input[value="parent-carer"]')!.checked).to.equal(true);
    history.forward();
    await waitUntil(() => headingText(el) === 'Your details', 'forward');
    await el.updateComplete;
    expect(byId(el, 'referrer.name')!.value).to.equal('Sam Carer');
    expect(location.href).to.equal(url);
  });

  it('pre-fills what the wizard hands over, only where nothing was answered, and takes focus on its heading', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <cme-wizard history="false"></cme-wizard>
      <cme-referral-form history="false"></cme-referral-form>
    </div>`);
    const wizard = wrapper.querySelector('cme-wizard')!;
    const el = wrapper.querySelector(HOST)!;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await expect(wizard).to.be.accessible();
    const w = wizard.shadowRoot!;
    const press = async (value?: string, dob?: string[]) => {
      if (value) w.querySelector<HTMLInputElement>(`input[value="${value}"]`)!.click();
      if (dob) ['day', 'month', 'year'].forEach((p, i) => (w.querySelector<HTMLInputElement>(`input[name$="-${p}"]`)!.value = dob[i]!));
      [...w.querySelectorAll('button')].find((b) => text(b) === 'Continue')!.click();
      await wizard.updateComplete;
    };
    await press('no');
    await press(undefined, DOB);
    await press('no');
    await press('none');
    await press();
    [...w.querySelectorAll('button')].find((b) => text(b) === 'Make a Children Missing Education referral')!.click();
    await waitUntil(() => active(el) === root(el).querySelector('#h'), 'focus on the form');
    expect(document.activeElement).to.equal(el);
    expect(root(el).querySelector<HTMLInputElement>('input[value="false"]')!.checked).to.equal(true);
    await next(el);
    await fill(el, { 'referrer.type': 'parent-carer' });
    await next(el);
    await fill(el, { 'referrer.name': 'Sam Carer' });
    await next(el, 'About the child');
    expect(['day', 'month', 'year'].map((p) => byId(el, `child.dateOfBirth-${p}`)!.value)).to.deep.equal(DOB);
    // A second hand-off does not overwrite what the person has since typed.
    await fill(el, date('child.dateOfBirth', ['1', '2', String(YEAR - 9)]));
    await el.prefill({ outcomeId: 'cme', answers: {}, immediateRisk: false, dateOfBirth: DOB_ISO, registeredAtSchool: 'yes', whereaboutsKnown: undefined, education: 'none', homeEducationAssessedUnsuitable: undefined });
    expect(byId(el, 'child.dateOfBirth-day')!.value).to.equal('1');
    await fill(el, { 'child.firstName': 'Kai', 'child.lastName': 'Nowak', 'child.sex': 'male', 'child.whereaboutsKnown': 'true' });
    await next(el);
    await fill(el, { 'parents.0.name': 'Sam Carer', 'parents.0.relationship': 'Father', 'parents.0.parentalResponsibility': 'yes' });
    await next(el, 'The child’s education');
    expect(root(el).querySelector<HTMLInputElement>('input[name="education.registeredAtSchool"]:checked')!.value).to.equal('no');
    expect(root(el).querySelector<HTMLInputElement>('input[name="education.provision"]:checked')!.value).to.equal('none');
  });

  it('full journey: a school referral with every section reaches the relay as exactly one email that says what was typed', async () => {
    const el = await make(`endpoint="${endpoint}"`);
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
    const el = await make(`endpoint="${endpoint}"`);
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
    const el = await make(`endpoint="${endpoint}"`);
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

  it('every page’s error state is accessible, and each page accepts what it should', async () => {
    const el = await make();
    for (const s of SCHOOL) {
      expect(headingText(el)).to.equal(s.heading);
      for (const list of s.add ?? []) {
        byId(el, `${list}-add`)!.click();
        await el.updateComplete;
      }
      if (s.heading !== 'Vulnerabilities and siblings') {
        await next(el, s.heading);
        expect(root(el).querySelector('.error-summary'), `errors on "${s.heading}"`).to.exist;
        await expect(el).to.be.accessible();
      }
      await fill(el, s.values ?? {});
      if (s.heading === 'Your concerns') {
        await next(el, s.heading);
        expect(summaryItems(el)).to.deep.equal(['Enter the date of the referral to children’s social care']);
        await fill(el, CONCERNS_MORE);
      }
      await next(el);
    }
    expect(headingText(el)).to.equal('Check your answers before sending the referral');
    buttonNamed(el, 'Continue')!.click();
    await settle(el);
    await next(el, 'Declaration');
    await expect(el).to.be.accessible();
    expect(summaryItems(el)).to.deep.equal(['Confirm that the information you have given is accurate', 'Confirm that you have read the privacy notice']);
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
      const el = await make(`save-draft endpoint="${endpoint}"`);
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
    const el = await make(`save-draft endpoint="${endpoint}"`);
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
    const el = await make(`save-draft endpoint="${endpoint}"`);
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
    const el = await make(`save-draft endpoint="${endpoint}"`);
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
    const form = await make(`save-draft endpoint="${endpoint}"`);
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
      const first = await make(`save-draft endpoint="${endpoint}"`);
      await next(first, 'Referral sent');
      storeDraft(FULL_DRAFT);
      const el = await make(`save-draft endpoint="${endpoint}"`);
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
    const done = await make(`save-draft endpoint="${endpoint}"`);
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
      const el = await make(`endpoint="${endpoint}"`);
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

  describe('editor settings', () => {
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
      const el = await make(`endpoint="${endpoint}"`);
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
      el.endpoint = endpoint;
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

  it('offers the schema’s own option lists and limits (no zod on the page until it is needed)', () => {
    const keys = (f: () => Record<string, string>) => Object.keys(f());
    expect(keys(labels.referrerTypeLabels)).to.deep.equal([...schema.REFERRER_TYPES]);
    expect(keys(labels.sexLabels)).to.deep.equal([...schema.SEXES]);
    expect(keys(labels.yesNoUnknownLabels)).to.deep.equal([...schema.YES_NO_UNKNOWN]);
    expect(keys(labels.provisionLabels)).to.deep.equal([...schema.PROVISIONS]);
    expect(keys(labels.destinationLabels)).to.deep.equal([...schema.DESTINATIONS]);
    expect(keys(labels.deletionGroundLabels)).to.deep.equal([...schema.DELETION_GROUNDS]);
    expect(keys(labels.vulnerabilityLabels)).to.deep.equal([...schema.VULNERABILITIES]);
    expect(keys(labels.enquiryMethodLabels)).to.deep.equal([...schema.ENQUIRY_METHODS]);
    expect(optionLabels.yearGroups().map(([value]) => value)).to.deep.equal([...schema.YEAR_GROUPS]);
    const lists = Object.fromEntries(JOURNEY.filter((p) => p.list).map((p) => [p.list!.path, p.list!.max]));
    expect(lists).to.deep.equal({ parents: schema.LIMITS.maxParents, siblings: schema.LIMITS.maxSiblings, enquiries: schema.LIMITS.maxEnquiries });
    expect(retryAfter('7')).to.equal(7);
    expect(retryAfter(new Date(Date.now() + 30_000).toUTCString())).to.be.within(29, 31);
    expect(retryAfter('soon')).to.equal(1);
  });
});
