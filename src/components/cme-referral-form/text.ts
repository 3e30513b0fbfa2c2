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
import { YEAR_GROUPS } from '../../core/referral/options.js';
import { getAt, type Answers } from '../../core/referral/answers.js';
import type { JourneyList, OptionListId, PageId } from '../../core/referral/journey.js';

/*
 * The words of the journey (`core/referral/journey.ts` holds ids only): page headings, the
 * "Check your answers" card titles, field labels and hints by payload path, list words, and the
 * option lists. Functions, not constants, so a locale switched at runtime is honoured.
 */

type Text = () => string;

export const pageTitle: Record<PageId, Text> = {
  safeguarding: () => msg('Is the child at immediate risk of harm?'),
  emergency: () => msg('Get help for the child now'),
  'referrer-type': () => msg('Who is making the referral?'),
  referrer: () => msg('Your details'),
  child: () => msg('About the child'),
  parents: () => msg('Parents or carers'),
  education: () => msg('The child’s education'),
  vulnerabilities: () => msg('Vulnerabilities and siblings'),
  enquiries: () => msg('Enquiries already made'),
  concerns: () => msg('Your concerns'),
  check: () => msg('Check your answers before sending the referral'),
  declaration: () => msg('Declaration'),
  sent: () => msg('Referral sent'),
};

/** The card's title on "Check your answers", where it is not the page heading. */
export const cardTitle = (id: PageId): string =>
  id === 'safeguarding' ? msg('Safeguarding') : id === 'referrer-type' ? msg('About you') : pageTitle[id]();

const fullName: Text = () => msg('Full name');
const phone: Text = () => msg('Telephone number');
const email: Text = () => msg('Email address');

/** Labels (or legends) by path; list fields as `<list>.<field>`, address parts as `address.<part>`. */
const LABELS: Record<string, Text> = {
  'safeguarding.immediateRisk': () => msg('Is the child at immediate risk of harm?'),
  'safeguarding.emergencyContacted': () => msg('I have contacted the police or children’s social care'),
  'referrer.type': () => msg('Who is making the referral?'),
  'referrer.name': () => msg('Your full name'),
  'referrer.role': () => msg('Job title or role'),
  'referrer.organisation': () => msg('School or organisation'),
  'referrer.email': email,
  'referrer.phone': phone,
  'child.firstName': () => msg('First name'),
  'child.lastName': () => msg('Last name'),
  'child.otherNames': () => msg('Other names they are known by'),
  'child.dateOfBirth': () => msg('Date of birth'),
  'child.sex': () => msg('Sex'),
  'child.upn': () => msg('Unique pupil number (UPN)'),
  'child.whereaboutsKnown': () => msg('Do you know where the child is living now?'),
  'child.address': () => msg('Current or last known address'),
  'address.line1': () => msg('Address line 1'),
  'address.line2': () => msg('Address line 2'),
  'address.town': () => msg('Town or city'),
  'address.postcode': () => msg('Postcode'),
  'parents.name': fullName,
  'parents.relationship': () => msg('Relationship to the child'),
  'parents.parentalResponsibility': () => msg('Do they have parental responsibility?'),
  'parents.phone': phone,
  'parents.email': email,
  'parents.language': () => msg('Main language'),
  'parents.interpreterNeeded': () => msg('Do they need an interpreter?'),
  'parents.address': () => msg('Address, if different from the child’s'),
  'education.registeredAtSchool': () => msg('Is the child on a school’s admission register?'),
  'education.provision': () => msg('What education is the child getting now?'),
  'education.lastSchool': () => msg('Current or last school'),
  'education.yearGroup': () => msg('Year group'),
  'education.dateLastAttended': () => msg('Date last attended'),
  'education.dateLastSeen': () => msg('Date last seen'),
  'education.believedDestination': () => msg('Where do you believe the child has gone?'),
  'education.destinationDetails': () => msg('Details of where the child has gone'),
  'education.deletionGround': () => msg('Why is the school removing the child from its admission register?'),
  'vulnerabilities.flags': () => msg('Which of these apply to the child?'),
  'vulnerabilities.details': () => msg('Details of vulnerabilities'),
  'siblings.name': fullName,
  'siblings.dateOfBirth': () => msg('Date of birth'),
  'siblings.school': () => msg('School'),
  'enquiries.date': () => msg('Date of the enquiry'),
  'enquiries.method': () => msg('What kind of enquiry was it?'),
  'enquiries.details': () => msg('What did you do and what did you find out?'),
  'concerns.details': () => msg('What are your concerns about the child?'),
  'concerns.dslAppraisal': () => msg('Designated safeguarding lead’s appraisal'),
  'concerns.socialCareReferred': () => msg('Has the child been referred to children’s social care?'),
  'concerns.socialCareReferralDate': () => msg('Date of the referral to children’s social care'),
  'concerns.socialCareOutcome': () => msg('Outcome of the referral to children’s social care'),
  'declaration.accurate': () => msg('The information I have given is correct to the best of my knowledge'),
  'declaration.privacyNoticeRead': () => msg('I have read the privacy notice'),
};

const HINTS: Record<string, (a: Answers) => string | undefined> = {
  'safeguarding.immediateRisk': () => msg('For example, they are being abused, neglected or exploited, or are in danger now.'),
  'referrer.name': (a) => (getAt(a, 'referrer.type') === 'public' ? msg('You can stay anonymous, but then we cannot contact you if we need to know more.') : undefined),
  'child.firstName': () => msg('Their legal name, if you know it.'),
  'child.dateOfBirth': () => msg('For example, 27 3 2014'),
  'child.upn': () => msg('13 characters, like H801200001001'),
  'parents.relationship': () => msg('For example, mother, grandparent or foster carer'),
  'vulnerabilities.flags': () => msg('Select all that apply.'),
};

/** The key of a path in the tables: list indexes dropped (`parents.0.name` → `parents.name`), address parts generic. */
export const textKey = (path: string): string => {
  const bare = path.replace(/\.\d+(\.|$)/g, '$1');
  const address = /\.address\.(\w+)$/.exec(bare);
  return address ? `address.${address[1]}` : bare;
};

/** The label of the field at a path (indexes ignored). */
export const labelOf = (path: string): string => LABELS[textKey(path)]?.() ?? '';
export const hintOf = (path: string, a: Answers): string | undefined => HINTS[textKey(path)]?.(a);

export const listText: Record<JourneyList['path'], { title: Text; item: (n: number) => string; add: Text; addFirst: Text }> = {
  parents: {
    title: () => msg('Parents or carers'),
    item: (n) => msg(str`Parent or carer ${n}`),
    add: () => msg('Add another parent or carer'),
    addFirst: () => msg('Add a parent or carer'),
  },
  siblings: {
    title: () => msg('Brothers and sisters'),
    item: (n) => msg(str`Brother or sister ${n}`),
    add: () => msg('Add another brother or sister'),
    addFirst: () => msg('Add a brother or sister'),
  },
  enquiries: {
    title: () => msg('Enquiries already made'),
    item: (n) => msg(str`Enquiry ${n}`),
    add: () => msg('Add another enquiry'),
    addFirst: () => msg('Add an enquiry'),
  },
};

type Labels = () => Record<string, string>;
const pairs = (labels: Labels) => (): [string, string][] => Object.entries(labels());

/**
 * Choices by list id: [value, words] in the schema's order. Pairs, not an object: an object
 * would put the year groups "1"…"13" before "nursery" and "reception".
 */
export const optionLabels: Record<OptionListId, () => [string, string][]> = {
  referrerTypes: pairs(referrerTypeLabels),
  sexes: pairs(sexLabels),
  yesNoUnknown: pairs(yesNoUnknownLabels),
  provisions: pairs(provisionLabels),
  yearGroups: () => YEAR_GROUPS.map((y) => [y, yearGroupLabel(y)]),
  destinations: pairs(destinationLabels),
  deletionGrounds: pairs(deletionGroundLabels),
  vulnerabilities: pairs(vulnerabilityLabels),
  enquiryMethods: pairs(enquiryMethodLabels),
};
