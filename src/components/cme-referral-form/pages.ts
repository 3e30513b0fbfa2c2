import { msg, str } from '@lit/localize';
import {
  deletionGroundLabels,
  destinationLabels,
  enquiryMethodLabels,
  provisionLabels,
  referrerTypeLabels,
  sexLabels,
  vulnerabilityLabels,
  yearGroupLabel,
  yesNoUnknownLabels,
} from '../../core/referral/labels.js';
// Types only: the schema itself (zod) loads lazily, on the first "Continue".
import type { SectionName } from '../../core/referral/schema.js';
import { getAt, type Draft } from './draft.js';

/*
 * The journey as data (docs/law.md#what-a-referral-contains): one topic per page, each field named by its payload path,
 * so the page, "Check your answers", pruning hidden answers and mapping errors all read one table.
 * Option lists come from the label functions in `core/referral/labels.ts` (same keys, same order
 * as the schema's lists; a test checks it), so this module stays free of zod.
 */

export type PageId =
  | 'safeguarding'
  | 'emergency'
  | 'referrer-type'
  | 'referrer'
  | 'child'
  | 'parents'
  | 'education'
  | 'vulnerabilities'
  | 'enquiries'
  | 'concerns'
  | 'check'
  | 'declaration'
  | 'sent';

type Text = () => string;
type When = (d: Draft) => boolean;

export interface Field {
  /** Path, relative to the list item for list fields (`name` in `parents.0.name`). */
  p: string;
  k: 'text' | 'email' | 'tel' | 'area' | 'date' | 'bool' | 'radio' | 'select' | 'checks' | 'check' | 'address';
  /** Label or legend. */
  l: Text;
  h?: (d: Draft) => string | undefined;
  /** Choices: value → label, in the schema's order. */
  o?: () => Record<string, string>;
  /** `autocomplete` token (the referrer's own details only). */
  a?: string;
  /** No spell check (names, emails, codes); `c`: capitals on phone keyboards. */
  x?: 1;
  c?: 1;
  w?: 'w10' | 'w20';
  /** Optional: "(optional)" after the label. */
  opt?: 1 | When;
  /** Shown (and sent) only when true. */
  when?: When;
}

export interface ListSpec {
  p: 'parents' | 'siblings' | 'enquiries';
  min: number;
  /** The schema's LIMITS (a test checks they agree). */
  max: number;
  /** Heading of the list (and its "Check your answers" row when empty). */
  t: Text;
  item: (n: number) => string;
  add: Text;
  addFirst: Text;
  f: Field[];
}

export interface Page {
  id: PageId;
  /** Schema sections validated on "Continue". */
  s: SectionName[];
  t: Text;
  f?: Field[];
  /** A single question whose legend is the page heading. */
  one?: 1;
  /** On "Check your answers": the group heading (`g`), or `join` the previous page's group. */
  g?: Text;
  join?: 1;
  list?: ListSpec;
}

const type = (d: Draft) => getAt(d, 'referrer.type');
export const isSchool: When = (d) => type(d) === 'school';
const isProfessional: When = (d) => type(d) === 'school' || type(d) === 'professional';

export const YEAR_GROUPS = ['nursery', 'reception', ...Array.from({ length: 13 }, (_, i) => String(i + 1))] as const;
const yearGroups = () => Object.fromEntries(YEAR_GROUPS.map((y) => [y, yearGroupLabel(y as 'nursery')]));

/** The parts of an address (child's, or a parent's if different). */
export const ADDRESS: Field[] = [
  { p: 'line1', k: 'text', l: () => msg('Address line 1') },
  { p: 'line2', k: 'text', l: () => msg('Address line 2'), opt: 1 },
  { p: 'town', k: 'text', l: () => msg('Town or city'), w: 'w20' },
  { p: 'postcode', k: 'text', l: () => msg('Postcode'), x: 1, c: 1, w: 'w10' },
];

const fullName: Field = { p: 'name', k: 'text', l: () => msg('Full name'), x: 1 };
const phone: Field = { p: 'phone', k: 'tel', l: () => msg('Telephone number'), opt: 1, w: 'w20' };
const email: Field = { p: 'email', k: 'email', l: () => msg('Email address'), x: 1 };

export const PAGES: Page[] = [
  {
    id: 'safeguarding',
    s: ['safeguarding'],
    t: () => msg('Is the child at immediate risk of harm?'),
    g: () => msg('Safeguarding'),
    one: 1,
    f: [
      {
        p: 'safeguarding.immediateRisk',
        k: 'bool',
        l: () => msg('Is the child at immediate risk of harm?'),
        h: () => msg('For example, they are being abused, neglected or exploited, or are in danger now.'),
      },
    ],
  },
  {
    id: 'emergency',
    s: ['safeguarding'],
    t: () => msg('Get help for the child now'),
    join: 1,
    f: [
      {
        p: 'safeguarding.emergencyContacted',
        k: 'check',
        l: () => msg('I have contacted the police or children’s social care'),
        when: (d) => getAt(d, 'safeguarding.immediateRisk') === true,
      },
    ],
  },
  {
    id: 'referrer-type',
    s: ['referrer'],
    t: () => msg('Who is making the referral?'),
    g: () => msg('About you'),
    one: 1,
    f: [{ p: 'referrer.type', k: 'radio', l: () => msg('Who is making the referral?'), o: referrerTypeLabels }],
  },
  {
    id: 'referrer',
    s: ['referrer'],
    t: () => msg('Your details'),
    join: 1,
    f: [
      {
        p: 'referrer.name',
        k: 'text',
        l: () => msg('Your full name'),
        a: 'name',
        x: 1,
        opt: (d) => type(d) === 'public',
        h: (d) => (type(d) === 'public' ? msg('You can stay anonymous, but then we cannot contact you if we need to know more.') : undefined),
      },
      { p: 'referrer.role', k: 'text', l: () => msg('Job title or role'), a: 'organization-title', when: isProfessional },
      { p: 'referrer.organisation', k: 'text', l: () => msg('School or organisation'), a: 'organization', when: isProfessional },
      { ...email, p: 'referrer.email', a: 'email', opt: (d) => !isProfessional(d) },
      { ...phone, p: 'referrer.phone', a: 'tel' },
    ],
  },
  {
    id: 'child',
    s: ['child'],
    t: () => msg('About the child'),
    f: [
      { p: 'child.firstName', k: 'text', l: () => msg('First name'), x: 1, h: () => msg('Their legal name, if you know it.') },
      { p: 'child.lastName', k: 'text', l: () => msg('Last name'), x: 1 },
      { p: 'child.otherNames', k: 'text', l: () => msg('Other names they are known by'), x: 1, opt: 1 },
      { p: 'child.dateOfBirth', k: 'date', l: () => msg('Date of birth'), h: () => msg('For example, 27 3 2014') },
      { p: 'child.sex', k: 'radio', l: () => msg('Sex'), o: sexLabels },
      {
        p: 'child.upn',
        k: 'text',
        l: () => msg('Unique pupil number (UPN)'),
        h: () => msg('13 characters, like H801200001001'),
        x: 1,
        c: 1,
        w: 'w20',
        opt: 1,
        when: isSchool,
      },
      { p: 'child.whereaboutsKnown', k: 'bool', l: () => msg('Do you know where the child is living now?') },
      { p: 'child.address', k: 'address', l: () => msg('Current or last known address'), opt: 1 },
    ],
  },
  {
    id: 'parents',
    s: ['parents'],
    t: () => msg('Parents or carers'),
    list: {
      p: 'parents',
      min: 1,
      max: 6,
      t: () => msg('Parents or carers'),
      item: (n) => msg(str`Parent or carer ${n}`),
      add: () => msg('Add another parent or carer'),
      addFirst: () => msg('Add a parent or carer'),
      f: [
        fullName,
        { p: 'relationship', k: 'text', l: () => msg('Relationship to the child'), h: () => msg('For example, mother, grandparent or foster carer') },
        { p: 'parentalResponsibility', k: 'radio', l: () => msg('Do they have parental responsibility?'), o: yesNoUnknownLabels },
        phone,
        { ...email, opt: 1 },
        { p: 'language', k: 'text', l: () => msg('Main language'), opt: 1, w: 'w20' },
        { p: 'interpreterNeeded', k: 'bool', l: () => msg('Do they need an interpreter?'), opt: 1 },
        { p: 'address', k: 'address', l: () => msg('Address, if different from the child’s'), opt: 1 },
      ],
    },
  },
  {
    id: 'education',
    s: ['education'],
    t: () => msg('The child’s education'),
    f: [
      { p: 'education.registeredAtSchool', k: 'radio', l: () => msg('Is the child on a school’s admission register?'), o: yesNoUnknownLabels },
      { p: 'education.provision', k: 'radio', l: () => msg('What education is the child getting now?'), o: provisionLabels, opt: 1 },
      { p: 'education.lastSchool', k: 'text', l: () => msg('Current or last school'), opt: 1 },
      { p: 'education.yearGroup', k: 'select', l: () => msg('Year group'), o: yearGroups, opt: 1 },
      { p: 'education.dateLastAttended', k: 'date', l: () => msg('Date last attended'), opt: 1 },
      { p: 'education.dateLastSeen', k: 'date', l: () => msg('Date last seen'), opt: 1 },
      { p: 'education.believedDestination', k: 'radio', l: () => msg('Where do you believe the child has gone?'), o: destinationLabels, opt: 1 },
      { p: 'education.destinationDetails', k: 'text', l: () => msg('Details of where the child has gone'), opt: 1 },
      {
        p: 'education.deletionGround',
        k: 'radio',
        l: () => msg('Why is the school removing the child from its admission register?'),
        o: deletionGroundLabels,
        opt: 1,
        when: isSchool,
      },
    ],
  },
  {
    id: 'vulnerabilities',
    s: ['vulnerabilities', 'siblings'],
    t: () => msg('Vulnerabilities and siblings'),
    f: [
      { p: 'vulnerabilities.flags', k: 'checks', l: () => msg('Which of these apply to the child?'), h: () => msg('Select all that apply.'), o: vulnerabilityLabels, opt: 1 },
      { p: 'vulnerabilities.details', k: 'area', l: () => msg('Details of vulnerabilities'), opt: 1 },
    ],
    list: {
      p: 'siblings',
      min: 0,
      max: 10,
      t: () => msg('Brothers and sisters'),
      item: (n) => msg(str`Brother or sister ${n}`),
      add: () => msg('Add another brother or sister'),
      addFirst: () => msg('Add a brother or sister'),
      f: [fullName, { p: 'dateOfBirth', k: 'date', l: () => msg('Date of birth'), opt: 1 }, { p: 'school', k: 'text', l: () => msg('School'), opt: 1 }],
    },
  },
  {
    id: 'enquiries',
    s: ['enquiries'],
    t: () => msg('Enquiries already made'),
    list: {
      p: 'enquiries',
      min: 0,
      max: 20,
      t: () => msg('Enquiries already made'),
      item: (n) => msg(str`Enquiry ${n}`),
      add: () => msg('Add another enquiry'),
      addFirst: () => msg('Add an enquiry'),
      f: [
        { p: 'date', k: 'date', l: () => msg('Date of the enquiry') },
        { p: 'method', k: 'select', l: () => msg('What kind of enquiry was it?'), o: enquiryMethodLabels },
        { p: 'details', k: 'area', l: () => msg('What did you do and what did you find out?') },
      ],
    },
  },
  {
    id: 'concerns',
    s: ['concerns'],
    t: () => msg('Your concerns'),
    f: [
      { p: 'concerns.details', k: 'area', l: () => msg('What are your concerns about the child?') },
      { p: 'concerns.dslAppraisal', k: 'area', l: () => msg('Designated safeguarding lead’s appraisal'), opt: 1, when: isSchool },
      { p: 'concerns.socialCareReferred', k: 'bool', l: () => msg('Has the child been referred to children’s social care?'), opt: 1 },
      { p: 'concerns.socialCareReferralDate', k: 'date', l: () => msg('Date of the referral to children’s social care'), when: (d) => getAt(d, 'concerns.socialCareReferred') === true },
      {
        p: 'concerns.socialCareOutcome',
        k: 'area',
        l: () => msg('Outcome of the referral to children’s social care'),
        opt: 1,
        when: (d) => getAt(d, 'concerns.socialCareReferred') === true,
      },
    ],
  },
  { id: 'check', s: [], t: () => msg('Check your answers before sending the referral') },
  {
    id: 'declaration',
    s: ['declaration'],
    t: () => msg('Declaration'),
    f: [
      { p: 'declaration.accurate', k: 'check', l: () => msg('The information I have given is correct to the best of my knowledge') },
      { p: 'declaration.privacyNoticeRead', k: 'check', l: () => msg('I have read the privacy notice') },
    ],
  },
];

export const page = (id: PageId): Page => PAGES.find((p) => p.id === id) ?? PAGES[0]!;

/** The page that shows the field at `path` (for errors from the final check and from the relay). */
export function pageOf(path: string): PageId {
  const [s, k] = path.split('.');
  if (s === 'safeguarding') return k === 'emergencyContacted' ? 'emergency' : 'safeguarding';
  if (s === 'referrer') return k === 'type' ? 'referrer-type' : 'referrer';
  if (s === 'siblings') return 'vulnerabilities';
  return PAGES.some((p) => p.id === s) ? (s as PageId) : 'declaration';
}
