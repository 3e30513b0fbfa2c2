/**
 * The CME referral: one zod/mini schema that the browser form and the relay both validate with
 * (docs/law.md#what-a-referral-contains). Messages follow the GOV.UK error-message style and are produced by `msg()` at
 * parse time, never at module load, so a locale switched at runtime is honoured.
 *
 * The payload is made of sections, one per form topic; each section schema is exported
 * (`referralSections`) and `parseSections()` validates some of them against a draft, so the form
 * can check one page at a time and get the same field paths (`child.dateOfBirth`,
 * `parents.0.phone`) that `parseReferral()` and the relay's 400 responses use.
 */
import { msg, str } from '@lit/localize';
import * as z from 'zod/mini';
import { isObject } from '../is-object.js';
import { londonDate } from '../london-date.js';
import { isRealDate, normaliseEmail, normalisePhone, normalisePostcode, normaliseUpn, upnCheckLetterOk } from './rules.js';

type M = () => string;
type Payload<T = unknown> = z.core.ParsePayload<T>;

// ---------------------------------------------------------------------------------------------
// Option lists (exported so the form renders the same choices the schema accepts)

export const REFERRER_TYPES = ['school', 'professional', 'parent-carer', 'public'] as const;
export const SEXES = ['female', 'male', 'not-known'] as const;
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
/** The wizard's `CaseFacts.education` values, so its hand-off pre-fills this answer. */
export const PROVISIONS = ['none', 'awaiting-place', 'home-education', 'alternative-provision', 'unknown'] as const;
// Year groups live in a zod-free module, so the form can render them before zod loads.
import { YEAR_GROUPS } from './options.js';
export { YEAR_GROUPS };
export const DESTINATIONS = ['not-moved', 'other-la', 'abroad', 'home-education', 'other', 'unknown'] as const;
/**
 * Why a school is deleting the pupil from its admission register (School Attendance (Pupil
 * Registration) (England) Regulations 2024 reg 9): home education notified in writing (9(1)(f)),
 * not returned within 10 school days after leave of absence (9(1)(h)), 20 continuous school days
 * of unauthorised absence (9(1)(i)); the last two need joint school and LA enquiries first.
 */
export const DELETION_GROUNDS = ['home-education', 'not-returned-after-leave', 'continuous-absence', 'moved-away', 'other'] as const;
export const VULNERABILITIES = [
  'looked-after',
  'previously-looked-after',
  'child-protection-plan',
  'child-in-need',
  'known-to-social-care',
  'ehcp',
  'sen-support',
  'gypsy-roma-traveller',
  'mobile-family',
  'young-carer',
  'private-fostering',
] as const;
export const ENQUIRY_METHODS = ['phone', 'emergency-contact', 'home-visit', 'letter', 'email', 'other-agency', 'social-media', 'other'] as const;

/** Length caps in characters (after trimming). The form can show them as character counts. */
export const LIMITS = { name: 100, short: 200, postcode: 10, phone: 30, email: 254, details: 1000, long: 5000, maxParents: 6, maxSiblings: 10, maxEnquiries: 20 } as const;

// ---------------------------------------------------------------------------------------------
// "Today" for "not in the future": the Europe/London civil date, fixed once per parse.

let fixedToday: string | undefined;
const today = (): string => fixedToday ?? londonDate();

// ---------------------------------------------------------------------------------------------
// Field builders

const SINGLE_LINE = /^[^\u0000-\u001f\u007f<>\u202a-\u202e\u2066-\u2069]*$/;
// Multi-line text keeps tabs and line feeds but no other control characters and no HTML tags.
const MULTI_LINE = /^(?![\s\S]*<[a-zA-Z!/?])[^\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]*$/;

// Characters that hide or change how text reads without showing: C1 controls, format characters
// (zero-width space, soft hyphen, byte order mark, bidi marks) except the zero-width joiners that
// Urdu, Persian and emoji need, line and paragraph separators (U+2028, U+2029), unusual spaces,
// and unpaired surrogates. U+FFFD is what invalid UTF-8 became: refused with its own message.
const HIDDEN = /[\u0080-\u009f\p{Zl}\p{Zp}\u1680\u2000-\u200a\u202f\u205f\u3000\p{Cs}]|(?![\u200c\u200d\u202a-\u202e\u2066-\u2069])\p{Cf}/u;
/** At least one character that shows: not a space, control, format or separator character. */
const VISIBLE = /[^\p{Z}\p{C}\s]/u;

const notText: M = () => msg('Enter the answer as text');

const custom = (p: Payload, message: string, path: PropertyKey[] = []): void => {
  p.issues.push({ code: 'custom', input: p.value, path, message });
};

const need = (required?: M) => (required ? [z.minLength(1, { error: required })] : []);

/** Trimmed text, length-capped; single-line fields refuse line breaks and `<`/`>`. */
function text(label: M, max: number, required?: M, multiline = false) {
  return z.string({ error: required ?? notText }).check(
    z.overwrite((s: string) => (multiline ? s.replace(/\r\n?/g, '\n') : s).trim()),
    ...need(required),
    z.maxLength(max, { error: () => msg(str`${label()} must be ${max} characters or fewer`) }),
    multiline
      ? z.regex(MULTI_LINE, { error: () => msg(str`${label()} must not include HTML tags or hidden control characters`) })
      : z.regex(SINGLE_LINE, { error: () => msg(str`${label()} must be on one line and must not include < or >`) }),
    z.check<string>((p) => {
      if (p.value === '') return;
      if (p.value.includes('\ufffd')) custom(p, msg(str`${label()} includes characters that could not be read. Type them again`));
      else if (HIDDEN.test(p.value)) custom(p, msg(str`${label()} must not include invisible characters or special spaces`));
      else if (!VISIBLE.test(p.value)) custom(p, required ? required() : msg(str`${label()} must include at least one letter, number or symbol`));
    }),
  );
}
const longText = (label: M, max: number, required?: M) => text(label, max, required, true);

/** Text with a shape (postcode, phone, email, UPN): normalised by `normalise`, or `invalid`. */
function formatted(max: number, normalise: (s: string) => string | null, invalid: M, required?: M) {
  return z.string({ error: required ?? invalid }).check(
    z.trim(),
    ...need(required),
    z.maxLength(max, { error: invalid }),
    z.check<string>((p) => {
      if (p.value === '') return;
      const value = normalise(p.value);
      if (value === null) custom(p, invalid());
      else p.value = value;
    }),
  );
}

/** ISO `YYYY-MM-DD`, a real date, not after today in England. */
function date(label: M, required?: M) {
  const real = () => msg(str`${label()} must be a real date`);
  return z.string({ error: required ?? real }).check(
    z.trim(),
    ...need(required),
    z.regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: real }),
    z.check<string>((p) => {
      if (p.value === '') return;
      if (!isRealDate(p.value)) custom(p, real());
      else if (p.value > today()) custom(p, msg(str`${label()} must be today or in the past`));
    }),
  );
}

const choice = <const T extends readonly string[]>(values: T, error: M) => z.enum(values, { error });
const yesNo = (error: M) => z.boolean({ error });

const postcode = (required?: M) => formatted(LIMITS.postcode, normalisePostcode, () => msg('Enter a full UK postcode, like WR5 2NP'), required);
const phone = (required?: M) =>
  formatted(LIMITS.phone, normalisePhone, () => msg('Enter a telephone number, like 01905 844440, 07700 900982 or +33 1 23 45 67 89'), required);
const email = (required?: M) =>
  formatted(LIMITS.email, normaliseEmail, () => msg('Enter an email address in the correct format, like name@example.com'), required);

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Optional answers left blank ('') are dropped, so the payload only carries what was given. */
function dropEmpty<T>(value: T): T {
  if (isObject(value)) for (const k of Object.keys(value)) if (value[k] === '') delete value[k];
  return value;
}

/**
 * A strict object (unknown keys are refused) whose optional blank answers are dropped.
 * `rules` run even when a field failed, so every problem on a page shows at once; they must
 * cope with invalid values.
 */
function section<S extends z.core.$ZodLooseShape>(shape: S, missing: M, rules?: (v: Record<string, unknown>, p: Payload) => void) {
  const checks: z.core.$ZodCheck<z.output<z.ZodMiniObject<S, z.core.$strict>>>[] = [];
  if (rules) checks.push(z.check((p) => (isObject(p.value) ? rules(p.value, p) : undefined), { when: () => true }));
  checks.push(z.overwrite(dropEmpty));
  return z.strictObject(shape, { error: (iss) => (iss.code === 'unrecognized_keys' ? undefined : missing()) }).check(...checks);
}

function list<T extends z.core.$ZodType>(item: T, min: number, max: number, fewer: M, more: M) {
  return z.array(item, { error: fewer }).check(z.minLength(min, { error: fewer }), z.maxLength(max, { error: more }));
}

// ---------------------------------------------------------------------------------------------
// Sections

const address = section(
  {
    line1: text(() => msg('Address line 1'), LIMITS.short, () => msg('Enter address line 1, typically the building and street')),
    line2: z.optional(text(() => msg('Address line 2'), LIMITS.short)),
    town: text(() => msg('Town or city'), LIMITS.short, () => msg('Enter town or city')),
    postcode: postcode(() => msg('Enter postcode')),
  },
  () => msg('Enter the address'),
);

/** 1. Safeguarding gate: immediate risk means police or children's social care first. */
export const safeguardingSection = section(
  {
    immediateRisk: yesNo(() => msg('Select yes if the child is at immediate risk of harm')),
    emergencyContacted: z.optional(yesNo(() => msg('Select yes if you have contacted the police or children’s social care'))),
  },
  () => msg('Answer the question about immediate risk of harm'),
  (v, p) => {
    if (v.immediateRisk === true && v.emergencyContacted !== true) {
      custom(p, msg('Contact the police on 999 or children’s social care first, then confirm you have done so'), ['emergencyContacted']);
    }
  },
);

/** 2. Referrer. Schools and professionals give role, organisation and email; the public may stay anonymous. */
export const referrerSection = section(
  {
    type: choice(REFERRER_TYPES, () => msg('Select who is making the referral')),
    name: z.optional(text(() => msg('Your full name'), LIMITS.name)),
    role: z.optional(text(() => msg('Job title or role'), LIMITS.short)),
    organisation: z.optional(text(() => msg('School or organisation'), LIMITS.short)),
    email: z.optional(email()),
    phone: z.optional(phone()),
  },
  () => msg('Enter your details'),
  (v, p) => {
    const professional = v.type === 'school' || v.type === 'professional';
    if (REFERRER_TYPES.includes(v.type as never) && v.type !== 'public' && !present(v.name)) custom(p, msg('Enter your full name'), ['name']);
    if (professional && !present(v.role)) custom(p, msg('Enter your job title or role'), ['role']);
    if (professional && !present(v.organisation)) custom(p, msg('Enter the name of your school or organisation'), ['organisation']);
    if (professional && !present(v.email)) custom(p, msg('Enter your email address'), ['email']);
  },
);

/** 3. The child. `upn` is for schools only (checked against the referrer type). */
export const childSection = section(
  {
    firstName: text(() => msg('Child’s first name'), LIMITS.name, () => msg('Enter the child’s first name')),
    lastName: text(() => msg('Child’s last name'), LIMITS.name, () => msg('Enter the child’s last name')),
    otherNames: z.optional(text(() => msg('Other names the child is known by'), LIMITS.short)),
    dateOfBirth: date(() => msg('Child’s date of birth'), () => msg('Enter the child’s date of birth')),
    sex: choice(SEXES, () => msg('Select the child’s sex')),
    upn: z.optional(
      formatted(20, normaliseUpn, () => msg('Enter a unique pupil number (UPN) in the correct format, like H801200001001')).check(
        z.check<string>((p) => {
          if (p.value !== '' && !upnCheckLetterOk(p.value)) custom(p, msg('Check the unique pupil number (UPN): its first letter does not match the other characters'));
        }),
      ),
    ),
    whereaboutsKnown: yesNo(() => msg('Select yes if you know where the child is living now')),
    address: z.optional(address),
  },
  () => msg('Enter the child’s details'),
);

export const parentSchema = section(
  {
    name: text(() => msg('Parent or carer’s full name'), LIMITS.name, () => msg('Enter the parent or carer’s full name')),
    relationship: text(() => msg('Relationship to the child'), LIMITS.name, () => msg('Enter their relationship to the child, like mother or foster carer')),
    parentalResponsibility: choice(YES_NO_UNKNOWN, () => msg('Select whether they have parental responsibility')),
    phone: z.optional(phone()),
    email: z.optional(email()),
    address: z.optional(address),
    language: z.optional(text(() => msg('Language'), LIMITS.name)),
    interpreterNeeded: z.optional(yesNo(() => msg('Select yes if they need an interpreter'))),
  },
  () => msg('Enter the parent or carer’s details'),
);

/** 4. One to six parents or carers. */
export const parentsSection = list(
  parentSchema,
  1,
  LIMITS.maxParents,
  () => msg('Add at least one parent or carer'),
  () => msg(str`You can add up to ${LIMITS.maxParents} parents or carers`),
);

/** 5. Education. `deletionGround` is for schools only. */
export const educationSection = section(
  {
    registeredAtSchool: choice(YES_NO_UNKNOWN, () => msg('Select whether the child is on a school’s admission register')),
    provision: z.optional(choice(PROVISIONS, () => msg('Select what education the child is getting now'))),
    lastSchool: z.optional(text(() => msg('Current or last school'), LIMITS.short)),
    yearGroup: z.optional(choice(YEAR_GROUPS, () => msg('Select the child’s year group'))),
    dateLastAttended: z.optional(date(() => msg('Date last attended'))),
    dateLastSeen: z.optional(date(() => msg('Date last seen'))),
    believedDestination: z.optional(choice(DESTINATIONS, () => msg('Select where you believe the child has gone'))),
    destinationDetails: z.optional(text(() => msg('Details of where the child has gone'), LIMITS.short)),
    deletionGround: z.optional(choice(DELETION_GROUNDS, () => msg('Select why the school is removing the child from its register'))),
  },
  () => msg('Enter the child’s education details'),
);

/** 6a. Vulnerabilities (any that apply; duplicates are merged). */
export const vulnerabilitiesSection = section(
  {
    flags: z.optional(
      z.array(choice(VULNERABILITIES, () => msg('Select the vulnerabilities that apply')), { error: () => msg('Select the vulnerabilities that apply') }).check(
        z.maxLength(VULNERABILITIES.length * 2, { error: () => msg('Select the vulnerabilities that apply') }),
        z.overwrite((flags) => [...new Set(flags)]),
      ),
    ),
    details: z.optional(longText(() => msg('Details of vulnerabilities'), LIMITS.details)),
  },
  () => msg('Select the vulnerabilities that apply'),
);

export const siblingSchema = section(
  {
    name: text(() => msg('Sibling’s full name'), LIMITS.name, () => msg('Enter the sibling’s full name')),
    dateOfBirth: z.optional(date(() => msg('Sibling’s date of birth'))),
    school: z.optional(text(() => msg('Sibling’s school'), LIMITS.short)),
  },
  () => msg('Enter the sibling’s details'),
);

/** 6b. Siblings (up to ten). */
export const siblingsSection = list(siblingSchema, 0, LIMITS.maxSiblings, () => msg('Enter the siblings'), () => msg(str`You can add up to ${LIMITS.maxSiblings} siblings`));

export const enquirySchema = section(
  {
    date: date(() => msg('Date of the enquiry'), () => msg('Enter the date of the enquiry')),
    method: choice(ENQUIRY_METHODS, () => msg('Select what kind of enquiry it was')),
    details: longText(() => msg('Details of the enquiry'), LIMITS.details, () => msg('Enter what you did and what you found out')),
  },
  () => msg('Enter the enquiry'),
);

/** 7. Enquiries already made: a dated log (up to twenty entries). */
export const enquiriesSection = list(enquirySchema, 0, LIMITS.maxEnquiries, () => msg('Enter the enquiries made'), () => msg(str`You can add up to ${LIMITS.maxEnquiries} enquiries`));

/** 8. Concerns. `dslAppraisal` (designated safeguarding lead) is for schools only. */
export const concernsSection = section(
  {
    details: longText(() => msg('Concerns'), LIMITS.long, () => msg('Enter your concerns about the child')),
    dslAppraisal: z.optional(longText(() => msg('Designated safeguarding lead’s appraisal'), LIMITS.long)),
    socialCareReferred: z.optional(yesNo(() => msg('Select yes if the child has been referred to children’s social care'))),
    socialCareReferralDate: z.optional(date(() => msg('Date of the referral to children’s social care'))),
    socialCareOutcome: z.optional(longText(() => msg('Outcome of the referral to children’s social care'), LIMITS.details)),
  },
  () => msg('Enter your concerns about the child'),
  (v, p) => {
    if (v.socialCareReferred === true && !present(v.socialCareReferralDate)) {
      custom(p, msg('Enter the date of the referral to children’s social care'), ['socialCareReferralDate']);
    }
  },
);

/** 9. Declaration. */
export const declarationSection = section(
  {
    accurate: z.literal(true, { error: () => msg('Confirm that the information you have given is accurate') }),
    privacyNoticeRead: z.literal(true, { error: () => msg('Confirm that you have read the privacy notice') }),
  },
  () => msg('Confirm the declaration'),
);

/** Every section, by its key in the payload (and the first segment of its error paths). */
export const referralSections = {
  safeguarding: safeguardingSection,
  referrer: referrerSection,
  child: childSection,
  parents: parentsSection,
  education: educationSection,
  vulnerabilities: vulnerabilitiesSection,
  siblings: siblingsSection,
  enquiries: enquiriesSection,
  concerns: concernsSection,
  declaration: declarationSection,
};
export type SectionName = keyof typeof referralSections;
export const SECTION_NAMES = Object.keys(referralSections) as SectionName[];
/** Sections that may be left out of the payload altogether. */
export const OPTIONAL_SECTIONS: readonly SectionName[] = ['vulnerabilities', 'siblings', 'enquiries'];

/** The spam trap. A browser's autofill can fill it too, so a filled one is reported, not swallowed. */
export const HONEYPOT_FIELD = 'website';
const honeypotMessage: M = () =>
  msg('A hidden anti-spam field (“website”) was filled in, perhaps by your browser’s autofill. Clear it and send the referral again.');

// ---------------------------------------------------------------------------------------------
// Rules across sections

const SCHOOL_ONLY: [SectionName, string][] = [
  ['child', 'upn'],
  ['education', 'deletionGround'],
  ['concerns', 'dslAppraisal'],
];

/**
 * Rules that compare sections: school-only answers, and education dates not before the child's
 * date of birth. Works on a draft or a half-parsed value (only well-formed values are compared).
 */
export function crossSectionErrors(input: unknown): ReferralError[] {
  const out: ReferralError[] = [];
  if (!isObject(input)) return out;
  const get = (s: string, k: string): unknown => (isObject(input[s]) ? (input[s] as Record<string, unknown>)[k] : undefined);
  const type = get('referrer', 'type');
  if (REFERRER_TYPES.includes(type as never) && type !== 'school') {
    for (const [s, k] of SCHOOL_ONLY) {
      const v = get(s, k);
      if (present(typeof v === 'string' ? v.trim() : v)) out.push({ path: `${s}.${k}`, message: msg('Only a school can give this information: remove it or change who is making the referral') });
    }
  }
  const dob = get('child', 'dateOfBirth');
  const dobOk = typeof dob === 'string' && isRealDate(dob.trim());
  const check = (k: string, label: M) => {
    const v = get('education', k);
    if (dobOk && typeof v === 'string' && isRealDate(v.trim()) && v.trim() < dob.trim()) {
      out.push({ path: `education.${k}`, message: msg(str`${label()} must be on or after the child’s date of birth`) });
    }
  };
  check('dateLastAttended', () => msg('Date last attended'));
  check('dateLastSeen', () => msg('Date last seen'));
  return out;
}

const shape = {
  ...referralSections,
  vulnerabilities: z.optional(vulnerabilitiesSection),
  siblings: z.optional(siblingsSection),
  enquiries: z.optional(enquiriesSection),
  [HONEYPOT_FIELD]: z.optional(z.string({ error: honeypotMessage }).check(z.maxLength(0, { error: honeypotMessage }))),
};

/** The whole referral. Prefer `parseReferral()`, which also fixes "today" and flattens errors. */
export const referralSchema = z.strictObject(shape, { error: (iss) => (iss.code === 'unrecognized_keys' ? undefined : msg('Send the referral as a JSON object')) }).check(
  z.check((p) => {
    for (const e of crossSectionErrors(p.value)) custom(p, e.message, e.path.split('.'));
  }, { when: () => true }),
  z.overwrite((v) => {
    delete v[HONEYPOT_FIELD];
    return v;
  }),
);

export type Referral = z.output<typeof referralSchema>;
export type ReferralInput = z.input<typeof referralSchema>;
export type Address = z.output<typeof address>;
export type Parent = z.output<typeof parentSchema>;
export type Sibling = z.output<typeof siblingSchema>;
export type Enquiry = z.output<typeof enquirySchema>;
export interface ReferralError {
  /** Dotted path of the field at fault, e.g. `child.dateOfBirth`, `parents.0.phone`; '' for the whole payload. */
  path: string;
  message: string;
}
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: ReferralError[] };
export interface ParseOptions {
  /** Today's date (`YYYY-MM-DD`) for "not in the future"; defaults to the Europe/London date now. */
  today?: string;
}

/** Most errors reported at once: a hostile 30,000-element array must not make a 3 MB response. */
export const MAX_ERRORS = 50;

function toErrors(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): ReferralError[] {
  const out: ReferralError[] = [];
  for (const iss of issues) {
    const path = [...prefix, ...iss.path];
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) out.push({ path: [...path, key].join('.'), message: msg('Remove this field: it is not part of a referral') });
    } else {
      out.push({ path: path.join('.'), message: iss.message });
    }
  }
  return out;
}

/** One message per field (the first, in the order the checks run), in payload order, capped. */
function tidy(errors: ReferralError[]): ReferralError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.path) && seen.add(e.path)).slice(0, MAX_ERRORS);
}

function withToday<T>(options: ParseOptions | undefined, fn: () => T): T {
  const previous = fixedToday;
  fixedToday = options?.today ?? londonDate();
  try {
    return fn();
  } finally {
    fixedToday = previous;
  }
}

/**
 * Validates and normalises a whole referral (the relay's gate, and the form's final check).
 * Errors carry dotted paths that match the form's fields.
 */
export function parseReferral(input: unknown, options?: ParseOptions): ParseResult<Referral> {
  return withToday(options, () => {
    const result = referralSchema.safeParse(input);
    return result.success ? { ok: true, value: result.data } : { ok: false, errors: tidy(toErrors(result.error.issues)) };
  });
}

/**
 * Validates only the named sections of a draft (for one page of the form), plus the cross-section
 * rules whose field lies in those sections (using the rest of the draft as context). Optional
 * sections missing from the draft pass. Paths are the same as `parseReferral()`'s.
 */
export function parseSections(draft: unknown, names: readonly SectionName[], options?: ParseOptions): ParseResult<Partial<Referral>> {
  return withToday(options, () => {
    const source = isObject(draft) ? draft : {};
    const value: Record<string, unknown> = {};
    const errors: ReferralError[] = [];
    for (const name of names) {
      if (source[name] === undefined && OPTIONAL_SECTIONS.includes(name)) continue;
      const result = referralSections[name].safeParse(source[name]);
      if (result.success) value[name] = result.data;
      else errors.push(...toErrors(result.error.issues, [name]));
    }
    errors.push(...crossSectionErrors(source).filter((e) => names.includes(e.path.split('.')[0] as SectionName)));
    return errors.length === 0 ? { ok: true, value: value as Partial<Referral> } : { ok: false, errors: tidy(errors) };
  });
}
