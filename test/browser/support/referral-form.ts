// Helpers and fixtures shared by the <cme-referral-form> browser tests (split by topic into
// test/browser/cme-referral-form*.test.ts): making the element, filling fields as a person would,
// the school referral with every section, and the relay session hooks.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import '../../../src/components/cme-referral-form/define.js';
import type { CmeReferralForm } from '../../../src/components/cme-referral-form/cme-referral-form.js';
import { londonDate } from '../../../src/core/london-date.js';
import { localeReady } from '../../../src/internal/locale.js';
import { eventually, relay, type RelayMail } from './relay.js';

// "Today" is London's; the browsers run in Pacific/Auckland (web-test-runner.config.mjs).
export const YEAR = Number(londonDate().slice(0, 4));
export const DOB: [string, string, string] = ['14', '3', String(YEAR - 11)];
export const DOB_ISO = `${YEAR - 11}-03-14`;
export const LAST_YEAR = String(YEAR - 1);
// The space bar: puppeteer's WebDriver BiDi keyboard (Firefox) knows it as ' ', not 'Space'.
export const SPACE = ' ';
export const STORAGE = 'cme-referral-form';
export const HOST = 'cme-referral-form';

export type Value = string | string[];
export type Values = Record<string, Value>;

export const root = (el: CmeReferralForm) => el.shadowRoot!;
export const text = (n: Element) => n.textContent!.replace(/\s+/g, ' ').trim();
export const headingText = (el: CmeReferralForm) => text(root(el).querySelector('#h')!);
export const active = (el: CmeReferralForm) => root(el).activeElement as HTMLElement | null;
export const byId = <T extends HTMLElement = HTMLInputElement>(el: CmeReferralForm, id: string) => root(el).getElementById(id) as T | null;
export const buttonNamed = (el: CmeReferralForm, name: string) =>
  [...root(el).querySelectorAll<HTMLElement>('button, a')].find((b) => text(b) === name) ?? null;
export const pageText = (el: CmeReferralForm) => root(el).textContent!.replace(/\s+/g, ' ').trim();
export const summaryItems = (el: CmeReferralForm) => [...root(el).querySelectorAll('.error-summary li')].map(text);
export const summaryText = (el: CmeReferralForm) => text(root(el).querySelector('.error-summary')!);
export const state = (el: CmeReferralForm) => el as unknown as { busy: boolean; sending: boolean };

export async function make(attrs = '', inner = ''): Promise<CmeReferralForm> {
  const wrapper = await fixture<HTMLDivElement>(`<div><cme-referral-form ${attrs}>${inner}</cme-referral-form></div>`);
  const el = wrapper.querySelector(HOST)!;
  await localeReady();
  await el.updateComplete;
  // axe first, in every test (then on each page and error state the test reaches).
  await expect(el).to.be.accessible();
  return el;
}

/** Waits until a Continue/Send has been handled (the schema loads lazily the first time). */
export async function settle(el: CmeReferralForm): Promise<void> {
  await el.updateComplete;
  await waitUntil(() => !state(el).busy && !state(el).sending, 'the form settled', { timeout: 20_000 });
  await el.updateComplete;
}

/** Sets a field by name as a person would (events included); radios and checkboxes by value. */
export async function set(el: CmeReferralForm, name: string, value: Value): Promise<void> {
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

export async function fill(el: CmeReferralForm, values: Values): Promise<void> {
  for (const [name, value] of Object.entries(values)) await set(el, name, value);
}

export const date = (path: string, [d, m, y]: [string, string, string]): Values => ({ [`${path}-day`]: d, [`${path}-month`]: m, [`${path}-year`]: y });

/** Presses the page's main button (Continue / Send referral) and waits. */
export async function next(el: CmeReferralForm, expected?: string): Promise<void> {
  const b = buttonNamed(el, 'Continue') ?? buttonNamed(el, 'Send referral');
  b!.click();
  await settle(el);
  if (expected) expect(headingText(el)).to.equal(expected);
}

export const axed = new Set<string>();
/** axe once per distinct page (journeys visit the same pages often); error states are checked each time. */
export async function axeOnce(el: CmeReferralForm): Promise<void> {
  const key = headingText(el);
  if (axed.has(key)) return;
  axed.add(key);
  await expect(el).to.be.accessible();
}

export interface Step {
  heading: string;
  values?: Values;
  /** List add buttons to press first (by list path). */
  add?: string[];
}

/** A school referral with every section filled (dates relative to today, so always valid). */
export const SCHOOL: Step[] = [
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
export const CONCERNS_MORE: Values = {
  ...date('concerns.socialCareReferralDate', ['16', '9', LAST_YEAR]),
  'concerns.socialCareOutcome': 'Information shared; no further action pending whereabouts.',
};

/** Walks the steps (axe on each page once). */
export async function walk(el: CmeReferralForm, steps: Step[]): Promise<void> {
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
export async function toChildPage(el: CmeReferralForm): Promise<void> {
  await fill(el, { 'safeguarding.immediateRisk': 'false' });
  await next(el);
  await fill(el, { 'referrer.type': 'parent-carer' });
  await next(el);
  await fill(el, { 'referrer.name': 'Sam Carer' });
  await next(el, 'About the child');
}

/** Walks the steps, ending on "Check your answers". */
export async function journey(el: CmeReferralForm, steps: Step[] = SCHOOL): Promise<void> {
  await walk(el, steps);
  expect(headingText(el)).to.equal('Check your answers before sending the referral');
  await axeOnce(el);
}

export async function toDeclaration(el: CmeReferralForm, steps: Step[] = SCHOOL): Promise<void> {
  await journey(el, steps);
  buttonNamed(el, 'Continue')!.click();
  await settle(el);
  expect(headingText(el)).to.equal('Declaration');
  await axeOnce(el);
  await fill(el, { 'declaration.accurate': 'true', 'declaration.privacyNoticeRead': 'true' });
}

/** A complete, valid draft as the form stores it (dates as typed parts), for tests that start at the end. */
export const FULL_DRAFT = {
  safeguarding: { immediateRisk: false },
  referrer: { type: 'parent-carer', name: 'Sam Carer' },
  child: { firstName: 'Kai', lastName: 'Nowak', dateOfBirth: { day: DOB[0], month: DOB[1], year: DOB[2] }, sex: 'male', whereaboutsKnown: true },
  parents: [{ name: 'Sam Carer', relationship: 'Father', parentalResponsibility: 'yes' }],
  education: { registeredAtSchool: 'no' },
  concerns: { details: 'Not in school since September.' },
  declaration: { accurate: true, privacyNoticeRead: true },
};
export function storeDraft(draft: object, page = 'declaration', key?: string): void {
  sessionStorage.setItem(STORAGE, JSON.stringify({ v: 1, draft, page, key }));
}

export async function expectOneEmail(): Promise<RelayMail> {
  const mails = await eventually(relay.mails, (m) => m.length > 0);
  // Give a duplicate the time to appear, if there were one.
  await new Promise((r) => setTimeout(r, 500));
  const again = await relay.mails();
  expect(again, 'exactly one email').to.have.length(1);
  expect(mails[0]!.file).to.equal(again[0]!.file);
  return again[0]!;
}

/**
 * The hooks every form test file uses: a relay of its own for the file, quick retries, and a
 * clean slate (no stored draft, no "Error: " title) after each test. Returns the relay's URL.
 */
export function useRelay(): { endpoint: string } {
  const r = { endpoint: '' };
  before(async () => {
    ({ endpoint: r.endpoint } = await relay.start());
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
  return r;
}
