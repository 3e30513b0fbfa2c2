/**
 * The referral journey as data (docs/law.md#what-a-referral-contains): one topic per page in the GOV.UK
 * style, each field named by its payload path, so the page, "Check your answers", pruning hidden
 * answers and mapping errors all read one table. It holds ids only: `<cme-referral-form>` maps
 * page ids, field paths and option-list ids to words, so this module needs no UI library and no
 * zod (the schema loads lazily; only its types are used here).
 */
import type { SectionName } from './schema.js';
import { getAt, setAt, toPayload, type Answers } from './answers.js';

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

/** Sections an editor may leave out (`hide-sections`, config `sections`). */
export const HIDEABLE_SECTIONS = ['vulnerabilities', 'siblings', 'enquiries'] as const;
export type HideableSection = (typeof HIDEABLE_SECTIONS)[number];

/** Named lists of choices; the form gives each its words (in the schema's order, as a test checks). */
export type OptionListId =
  | 'referrerTypes'
  | 'sexes'
  | 'yesNoUnknown'
  | 'provisions'
  | 'yearGroups'
  | 'destinations'
  | 'deletionGrounds'
  | 'vulnerabilities'
  | 'enquiryMethods';

export type FieldKind = 'text' | 'email' | 'tel' | 'textarea' | 'date' | 'yes-no' | 'radios' | 'select' | 'checkboxes' | 'checkbox' | 'address';

export type Condition = (answers: Answers) => boolean;

export interface JourneyField {
  /** Payload path; for a list field, relative to the item (`name` in `parents.0.name`). */
  path: string;
  kind: FieldKind;
  options?: OptionListId;
  /** `autocomplete` token: the referrer's own details only (everything else is someone else's). */
  autocomplete?: string;
  /** Names, emails and codes: no spell check. */
  noSpellcheck?: true;
  /** Postcodes and codes: capital letters on phone keyboards. */
  capitals?: true;
  width?: 'w10' | 'w20';
  /** The label says "(optional)": always, or when the condition holds. */
  optional?: true | Condition;
  /** Asked (and sent) only when this holds. */
  askedWhen?: Condition;
  /** Only a school may give it: dropped when the referrer is not a school. */
  schoolOnly?: true;
}

/** GOV.UK "Add another": a repeating group of fields. */
export interface JourneyList {
  path: 'parents' | 'siblings' | 'enquiries';
  min: number;
  /** The schema's LIMITS (a test checks that they agree). */
  max: number;
  fields: JourneyField[];
}

export interface JourneyPage {
  id: PageId;
  /** Schema sections validated on "Continue". */
  sections: SectionName[];
  fields: JourneyField[];
  list?: JourneyList;
  /** One question whose legend is the page heading. */
  singleQuestion?: true;
  /** On the path only when this holds (the emergency stop). */
  appliesWhen?: Condition;
  /**
   * On "Check your answers": this page starts a card of its own (true) or joins the previous
   * page's card (false: a follow-up page, like the emergency stop or "Your details").
   */
  newCard: boolean;
  /**
   * After a "Change" on this page, go on to the next page instead of back to "Check your
   * answers" when this holds: the answer decides what the next page asks.
   */
  decidesNext?: Condition;
}

/** The fields of an address block (child's, or a parent's if different), relative to it. */
export const ADDRESS_FIELDS: JourneyField[] = [
  { path: 'line1', kind: 'text' },
  { path: 'line2', kind: 'text', optional: true },
  { path: 'town', kind: 'text', width: 'w20' },
  { path: 'postcode', kind: 'text', noSpellcheck: true, capitals: true, width: 'w10' },
];

const referrerType = (a: Answers) => getAt(a, 'referrer.type');
export const isSchool: Condition = (a) => referrerType(a) === 'school';
const isProfessional: Condition = (a) => referrerType(a) === 'school' || referrerType(a) === 'professional';
const atImmediateRisk: Condition = (a) => getAt(a, 'safeguarding.immediateRisk') === true;
const referredToSocialCare: Condition = (a) => getAt(a, 'concerns.socialCareReferred') === true;

const schoolOnly = { askedWhen: isSchool, schoolOnly: true } as const;

/** Every page, in journey order ("sent", the confirmation, follows the declaration). */
export const JOURNEY: readonly JourneyPage[] = [
  {
    id: 'safeguarding',
    sections: ['safeguarding'],
    singleQuestion: true,
    newCard: true,
    decidesNext: atImmediateRisk,
    fields: [{ path: 'safeguarding.immediateRisk', kind: 'yes-no' }],
  },
  {
    id: 'emergency',
    sections: ['safeguarding'],
    appliesWhen: atImmediateRisk,
    newCard: false,
    fields: [{ path: 'safeguarding.emergencyContacted', kind: 'checkbox', askedWhen: atImmediateRisk }],
  },
  {
    id: 'referrer-type',
    sections: ['referrer'],
    singleQuestion: true,
    newCard: true,
    // Who refers decides what "Your details" asks.
    decidesNext: () => true,
    fields: [{ path: 'referrer.type', kind: 'radios', options: 'referrerTypes' }],
  },
  {
    id: 'referrer',
    sections: ['referrer'],
    newCard: false,
    fields: [
      { path: 'referrer.name', kind: 'text', autocomplete: 'name', noSpellcheck: true, optional: (a) => referrerType(a) === 'public' },
      { path: 'referrer.role', kind: 'text', autocomplete: 'organization-title', askedWhen: isProfessional },
      { path: 'referrer.organisation', kind: 'text', autocomplete: 'organization', askedWhen: isProfessional },
      { path: 'referrer.email', kind: 'email', autocomplete: 'email', noSpellcheck: true, optional: (a) => !isProfessional(a) },
      { path: 'referrer.phone', kind: 'tel', autocomplete: 'tel', optional: true, width: 'w20' },
    ],
  },
  {
    id: 'child',
    sections: ['child'],
    newCard: true,
    fields: [
      { path: 'child.firstName', kind: 'text', noSpellcheck: true },
      { path: 'child.lastName', kind: 'text', noSpellcheck: true },
      { path: 'child.otherNames', kind: 'text', noSpellcheck: true, optional: true },
      { path: 'child.dateOfBirth', kind: 'date' },
      { path: 'child.sex', kind: 'radios', options: 'sexes' },
      { path: 'child.upn', kind: 'text', noSpellcheck: true, capitals: true, width: 'w20', optional: true, ...schoolOnly },
      { path: 'child.whereaboutsKnown', kind: 'yes-no' },
      { path: 'child.address', kind: 'address', optional: true },
    ],
  },
  {
    id: 'parents',
    sections: ['parents'],
    newCard: true,
    fields: [],
    list: {
      path: 'parents',
      min: 1,
      max: 6,
      fields: [
        { path: 'name', kind: 'text', noSpellcheck: true },
        { path: 'relationship', kind: 'text' },
        { path: 'parentalResponsibility', kind: 'radios', options: 'yesNoUnknown' },
        { path: 'phone', kind: 'tel', optional: true, width: 'w20' },
        { path: 'email', kind: 'email', noSpellcheck: true, optional: true },
        { path: 'language', kind: 'text', optional: true, width: 'w20' },
        { path: 'interpreterNeeded', kind: 'yes-no', optional: true },
        { path: 'address', kind: 'address', optional: true },
      ],
    },
  },
  {
    id: 'education',
    sections: ['education'],
    newCard: true,
    fields: [
      { path: 'education.registeredAtSchool', kind: 'radios', options: 'yesNoUnknown' },
      { path: 'education.provision', kind: 'radios', options: 'provisions', optional: true },
      { path: 'education.lastSchool', kind: 'text', optional: true },
      { path: 'education.yearGroup', kind: 'select', options: 'yearGroups', optional: true },
      { path: 'education.dateLastAttended', kind: 'date', optional: true },
      { path: 'education.dateLastSeen', kind: 'date', optional: true },
      { path: 'education.believedDestination', kind: 'radios', options: 'destinations', optional: true },
      { path: 'education.destinationDetails', kind: 'text', optional: true },
      { path: 'education.deletionGround', kind: 'radios', options: 'deletionGrounds', optional: true, ...schoolOnly },
    ],
  },
  {
    id: 'vulnerabilities',
    sections: ['vulnerabilities', 'siblings'],
    newCard: true,
    fields: [
      { path: 'vulnerabilities.flags', kind: 'checkboxes', options: 'vulnerabilities', optional: true },
      { path: 'vulnerabilities.details', kind: 'textarea', optional: true },
    ],
    list: {
      path: 'siblings',
      min: 0,
      max: 10,
      fields: [
        { path: 'name', kind: 'text', noSpellcheck: true },
        { path: 'dateOfBirth', kind: 'date', optional: true },
        { path: 'school', kind: 'text', optional: true },
      ],
    },
  },
  {
    id: 'enquiries',
    sections: ['enquiries'],
    newCard: true,
    fields: [],
    list: {
      path: 'enquiries',
      min: 0,
      max: 20,
      fields: [
        { path: 'date', kind: 'date' },
        { path: 'method', kind: 'select', options: 'enquiryMethods' },
        { path: 'details', kind: 'textarea' },
      ],
    },
  },
  {
    id: 'concerns',
    sections: ['concerns'],
    newCard: true,
    fields: [
      { path: 'concerns.details', kind: 'textarea' },
      { path: 'concerns.dslAppraisal', kind: 'textarea', optional: true, ...schoolOnly },
      { path: 'concerns.socialCareReferred', kind: 'yes-no', optional: true },
      { path: 'concerns.socialCareReferralDate', kind: 'date', askedWhen: referredToSocialCare },
      { path: 'concerns.socialCareOutcome', kind: 'textarea', optional: true, askedWhen: referredToSocialCare },
    ],
  },
  { id: 'check', sections: [], newCard: false, fields: [] },
  {
    id: 'declaration',
    sections: ['declaration'],
    newCard: false,
    fields: [
      { path: 'declaration.accurate', kind: 'checkbox' },
      { path: 'declaration.privacyNoticeRead', kind: 'checkbox' },
    ],
  },
  { id: 'sent', sections: [], newCard: false, fields: [] },
];

export const PAGE_IDS: readonly PageId[] = JOURNEY.map((p) => p.id);
export const isPageId = (v: unknown): v is PageId => PAGE_IDS.includes(v as PageId);

/** The page with this id. */
export const journeyPage = (id: PageId): JourneyPage => JOURNEY.find((p) => p.id === id)!;

/** The section a field path belongs to (its first segment). */
const sectionOf = (path: string) => path.split('.')[0]!;
const hiddenBy = (hidden: readonly string[], path: string) => hidden.includes(sectionOf(path));

/** The page's own fields that are asked, given the answers and the sections turned off. */
export function askedFields(page: JourneyPage, answers: Answers, hidden: readonly HideableSection[] = []): JourneyField[] {
  return page.fields.filter((f) => !hiddenBy(hidden, f.path) && (!f.askedWhen || f.askedWhen(answers)));
}

/** The page's list, unless its section is turned off. */
export const askedList = (page: JourneyPage, hidden: readonly HideableSection[] = []): JourneyList | undefined =>
  page.list && !(hidden as readonly string[]).includes(page.list.path) ? page.list : undefined;

/** Whether "(optional)" goes after the field's label. */
export const isOptional = (f: JourneyField, answers: Answers): boolean => (typeof f.optional === 'function' ? f.optional(answers) : !!f.optional);

/**
 * The pages on this referral's path, in order, from the first question to the declaration:
 * the emergency stop only at immediate risk; a page whose every section is turned off is left out.
 */
export function pagesFor(answers: Answers, hidden: readonly HideableSection[] = []): PageId[] {
  return JOURNEY.filter((p) => {
    if (p.id === 'sent') return false;
    if (p.appliesWhen && !p.appliesWhen(answers)) return false;
    const asks = p.fields.length > 0 || p.list !== undefined;
    return !asks || p.fields.some((f) => !hiddenBy(hidden, f.path)) || askedList(p, hidden) !== undefined;
  }).map((p) => p.id);
}

export interface Position {
  answers: Answers;
  hidden?: readonly HideableSection[];
  /** The person came here with "Change" from "Check your answers". */
  changing?: boolean;
}

/** The page after `from` on "Continue" (after "Check your answers" comes the declaration, then "sent"). */
export function nextPage(from: PageId, { answers, hidden = [], changing = false }: Position): PageId {
  const flow = pagesFor(answers, hidden);
  const page = journeyPage(from);
  // While changing an answer, come back to "Check your answers", except through the pages it decides.
  if (changing && from !== 'check' && from !== 'declaration' && !page.decidesNext?.(answers)) return 'check';
  const i = flow.indexOf(from);
  return i < 0 ? flow[0]! : (flow[i + 1] ?? 'sent');
}

/** The page the Back link leads to, or undefined on the first page (and on the confirmation). */
export function previousPage(from: PageId, { answers, hidden = [], changing = false }: Position): PageId | undefined {
  if (from === 'sent') return undefined;
  if (changing && from !== 'check') return 'check';
  const flow = pagesFor(answers, hidden);
  return flow[flow.indexOf(from) - 1];
}

/** The paths only a school may give, as the schema's cross-section rule lists them. */
export const SCHOOL_ONLY_PATHS: readonly string[] = JOURNEY.flatMap((p) => p.fields.filter((f) => f.schoolOnly).map((f) => f.path));

/** Drops school-only answers (in place) when the referrer is not a school; returns the paths dropped. */
export function dropSchoolOnlyAnswers(answers: Answers): string[] {
  if (isSchool(answers)) return [];
  const dropped = SCHOOL_ONLY_PATHS.filter((p) => getAt(answers, p) !== undefined);
  for (const p of dropped) setAt(answers, p, undefined);
  return dropped;
}

/** Sections every referral has: a missing one is sent empty, so each missing answer gets its own message. */
const REQUIRED_SECTIONS = ['safeguarding', 'referrer', 'child', 'education', 'concerns', 'declaration'];

/**
 * The answers as sent: a copy without the answers to questions not asked (a follow-up whose
 * trigger was changed, a school-only answer from a non-school), without turned-off sections, and
 * with dates as ISO strings (`toPayload`). The answers themselves are not changed.
 */
export function pruneAnswers(answers: Answers, hidden: readonly HideableSection[] = []): Answers {
  const d = JSON.parse(JSON.stringify(answers)) as Answers;
  for (const s of REQUIRED_SECTIONS) d[s] ??= {};
  for (const p of JOURNEY) for (const f of p.fields) if (f.askedWhen && !f.askedWhen(answers)) setAt(d, f.path, undefined);
  for (const s of hidden) delete d[s];
  // The vulnerabilities page carries the siblings list; with both off, neither goes.
  if (hidden.includes('vulnerabilities') && hidden.includes('siblings')) delete d.siblings;
  return toPayload(d);
}

/**
 * The page that shows the field at `path` (for errors from the final check and the relay): the
 * page with that field or list, else the first page validating its section, else the
 * declaration (the spam trap, a whole-payload error).
 */
export function pageOfPath(path: string): PageId {
  const under = (p: string) => path === p || path.startsWith(`${p}.`);
  const byField = JOURNEY.find((p) => p.fields.some((f) => under(f.path)) || (p.list && under(p.list.path)));
  if (byField) return byField.id;
  const bySection = JOURNEY.find((p) => p.sections.includes(sectionOf(path) as SectionName));
  return bySection?.id ?? 'declaration';
}

/**
 * Where errors from the final check or the relay are shown: the first page on the path holding
 * one, with the errors that belong to it. Errors on a page not on the path go to the declaration.
 */
export function pageForErrors<E extends { path: string }>(errors: readonly E[], answers: Answers, hidden: readonly HideableSection[] = []): { page: PageId; errors: E[] } {
  const flow = pagesFor(answers, hidden);
  const where = (e: E) => {
    const p = pageOfPath(e.path);
    return flow.includes(p) ? p : 'declaration';
  };
  const page = flow.find((p) => errors.some((e) => where(e) === p)) ?? 'declaration';
  return { page, errors: errors.filter((e) => where(e) === page) };
}
