/**
 * What the embed builder makes from an editor's answers: the component's attributes and JSON
 * config, checked with the components' own checks, then written as the snippet for a CMS.
 * Pure functions (no DOM): the builder page and its tests use them.
 */
import { checkHelplineConfig } from '../core/helpline/check-config.js';
import { checkContacts, checkProfile } from '../core/check-profile.js';
import { WEEKDAYS, type Weekday } from '../core/helpline/zoned-time.js';
import { parseCellDate, type DateRange } from './term-dates.js';

export type Kind = 'helpline' | 'definition' | 'wizard' | 'referral-form' | 'profile';
export type Cms = 'drupal' | 'wordpress' | 'tinymce' | 'raw';

/** The builder's form, as text (what the editor typed). */
export interface BuilderInput {
  kind: Kind;
  council: string;
  phone: string;
  email: string;
  teamEmail: string;
  teamPhone: string;
  privacyUrl: string;
  /** Per weekday: ranges like `09:00-12:30, 13:00-16:30`; empty: closed that day. */
  hours: Record<Weekday, string>;
  /** Term rows as typed (ISO or UK dates). */
  terms: { from: string; to: string }[];
  /** One closure per line: a date, then its label. */
  closures: string;
  bankHolidays: 'england-and-wales' | 'scotland' | 'northern-ireland' | 'none';
  emergencyName: string;
  emergencyPhone: string;
  heading: string;
  headingLevel: string;
  lang: string;
  /** One override per line: `Text as shown = replacement`. */
  overrides: string;
}

/** A problem, named by the builder field it belongs to (the `id` of its input). */
export interface FieldError {
  field: string;
  message: string;
}

export interface Built {
  tag: string;
  /** Attributes in the order they are written (component attribute names). */
  attributes: [string, string][];
  /** The JSON config (component) or the profile; undefined when nothing needs one. */
  config?: Record<string, unknown>;
  /** The copy overrides, as `data-i18n` takes them. */
  i18n?: Record<string, string>;
}

export type BuildResult = { ok: true; value: Built } | { ok: false; errors: FieldError[] };

const FIELD_OF_DAY = (d: string) => `hours-${d}`;

/** Maps a dotted path from the components' checks to the builder field the editor fixes. */
export function fieldForPath(path: string): string {
  const p = path.replace(/^helpline\./, '');
  let m: RegExpExecArray | null;
  if ((m = /^weekly\.(mon|tue|wed|thu|fri|sat|sun)/.exec(p))) return FIELD_OF_DAY(m[1]!);
  if ((m = /^termTime\.(\d+)\.(from|to)/.exec(p))) return `term-${m[1]}-${m[2]}`;
  if (p.startsWith('termTime')) return 'term-0-from';
  if (p.startsWith('closures')) return 'closures';
  if (p.startsWith('bankHolidays')) return 'bank-holidays';
  if (p.startsWith('emergencyContacts') || p.startsWith('content')) return p.endsWith('phone') ? 'emergency-phone' : 'emergency-name';
  if (p.startsWith('team.email')) return 'team-email';
  if (p.startsWith('team.phone')) return 'team-phone';
  if (p === 'phone') return 'phone';
  if (p === 'email') return 'email';
  if (p === 'council') return 'council';
  if (p === 'privacyUrl') return 'privacy-url';
  return 'kind';
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l, i) => ({ line: l.trim(), n: i + 1 }))
    .filter((l) => l.line !== '');

/** The helpline's hours, terms, closures and bank holidays as its config, with the builder's own line-level errors. */
function hoursConfig(input: BuilderInput, errors: FieldError[]): Record<string, unknown> {
  const weekly: Record<string, string[]> = {};
  for (const day of WEEKDAYS) {
    const ranges = input.hours[day]
      .split(/[,;]/)
      .map((r) => r.trim().replace(/\s*(?:-|–|to)\s*/, '-'))
      .filter(Boolean);
    if (ranges.length) weekly[day] = ranges;
  }
  const config: Record<string, unknown> = { weekly };
  const terms: DateRange[] = input.terms
    .filter((t) => t.from.trim() || t.to.trim())
    // An empty last day makes a one-day term (and no second message about the same typing).
    .map((t) => ({ from: parseCellDate(t.from) ?? t.from.trim(), to: parseCellDate(t.to || t.from) ?? (t.to.trim() || t.from.trim()) }));
  if (terms.length) config.termTime = terms;
  const closures = lines(input.closures).flatMap(({ line, n }) => {
    const [first = '', ...rest] = line.split(/\s+/);
    let date = parseCellDate(first);
    let label = rest.join(' ');
    // "16 December 2026 Staff training": a written date is three words.
    if (!date) {
      const words = line.split(/\s+/);
      date = parseCellDate(words.slice(0, 3).join(' '));
      label = words.slice(3).join(' ');
    }
    if (!date) {
      errors.push({ field: 'closures', message: `Line ${n}: start with a date, like 16/12/2026 Staff training.` });
      return [];
    }
    return [{ date, ...(label ? { label } : {}) }];
  });
  if (closures.length) config.closures = closures;
  config.bankHolidays = input.bankHolidays === 'none' ? false : input.bankHolidays;
  return config;
}

function contacts(input: BuilderInput): { name: string; phone?: string }[] | undefined {
  if (!input.emergencyName.trim() && !input.emergencyPhone.trim()) return undefined;
  return [{ name: input.emergencyName.trim(), ...(input.emergencyPhone.trim() ? { phone: input.emergencyPhone.trim() } : {}) }];
}

function overrides(input: BuilderInput, errors: FieldError[]): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  for (const { line, n } of lines(input.overrides)) {
    const at = line.indexOf('=');
    if (at <= 0 || !line.slice(at + 1).trim()) errors.push({ field: 'overrides', message: `Line ${n}: write the text as shown, then =, then its replacement.` });
    else result[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return Object.keys(result).length ? result : undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Turns the form into a component's (or the profile's) settings, checked as the components check them. */
export function build(input: BuilderInput): BuildResult {
  const errors: FieldError[] = [];
  const attributes: [string, string][] = [];
  const attr = (name: string, value: string) => value.trim() && attributes.push([name, value.trim()]);
  const needEmail = (field: string, value: string) => {
    if (value.trim() && !EMAIL.test(value.trim())) errors.push({ field, message: 'Enter an email address in the correct format, like cme@your-council.gov.uk' });
  };
  let config: Record<string, unknown> | undefined;
  const i18n = input.kind === 'profile' ? undefined : overrides(input, errors);

  if (input.kind === 'helpline' || input.kind === 'profile') {
    const hours = hoursConfig(input, errors);
    const checked = checkHelplineConfig(hours);
    if (!checked.ok) {
      // termTime skips the table's empty rows: map its indexes back to the rows.
      const rows = input.terms.flatMap((t, i) => (t.from.trim() || t.to.trim() ? [i] : []));
      for (const e of checked.errors) {
        let field = fieldForPath(e.path);
        const term = /^term-(\d+)-(from|to)$/.exec(field);
        if (term) {
          const row = rows[+term[1]!] ?? 0;
          if (term[2] === 'to' && !input.terms[row]?.to.trim()) continue; // an empty last day: reported on the first day
          field = `term-${row}-${term[2]}`;
        }
        errors.push({ field, message: e.message });
      }
    }
    needEmail('email', input.email);
    if (input.kind === 'helpline') {
      if (!input.phone.trim()) errors.push({ field: 'phone', message: 'Enter the helpline’s telephone number' });
      attr('phone', input.phone);
      attr('email', input.email);
      config = hours;
    } else {
      const { termTime, ...helplineHours } = hours;
      const profile: Record<string, unknown> = {};
      if (input.council.trim()) profile.council = input.council.trim();
      const team = { ...(input.teamEmail.trim() ? { email: input.teamEmail.trim() } : {}), ...(input.teamPhone.trim() ? { phone: input.teamPhone.trim() } : {}) };
      if (Object.keys(team).length) profile.team = team;
      profile.helpline = { ...(input.phone.trim() ? { phone: input.phone.trim() } : {}), ...(input.email.trim() ? { email: input.email.trim() } : {}), ...helplineHours };
      if (termTime) profile.termTime = termTime;
      const emergency = contacts(input);
      if (emergency) profile.emergencyContacts = emergency;
      if (input.privacyUrl.trim()) profile.privacyUrl = input.privacyUrl.trim();
      needEmail('team-email', input.teamEmail);
      const checkedProfile = checkProfile(profile);
      if (!checkedProfile.ok) for (const e of checkedProfile.errors) errors.push({ field: fieldForPath(e.path), message: e.message });
      config = profile;
    }
  } else if (input.kind === 'definition') {
    if (!input.email.trim()) errors.push({ field: 'email', message: 'Enter the CME team’s email address' });
    needEmail('email', input.email);
    attr('email', input.email);
  } else {
    const emergency = contacts(input);
    if (emergency) {
      for (const e of checkContacts(emergency, 'emergencyContacts')) errors.push({ field: fieldForPath(e.path), message: e.message });
      config = input.kind === 'wizard' ? { content: { emergency: { contacts: emergency } } } : { emergencyContacts: emergency };
    }
    if (input.kind === 'referral-form') {
      needEmail('team-email', input.teamEmail);
      attr('team-email', input.teamEmail);
      attr('team-phone', input.teamPhone);
      if (input.privacyUrl.trim() && !/^(https?:|\/)/i.test(input.privacyUrl.trim())) errors.push({ field: 'privacy-url', message: 'Use an https: link or a path starting with /' });
      attr('privacy-url', input.privacyUrl);
    }
  }
  if (input.kind !== 'profile') {
    attr('heading', input.heading);
    if (input.headingLevel && input.headingLevel !== '2') attr('heading-level', input.headingLevel);
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { tag: input.kind === 'profile' ? 'cme-profile' : `cme-${input.kind}`, attributes, ...(config ? { config } : {}), ...(i18n ? { i18n } : {}) } };
}

const singleQuoted = (v: string) => `'${v.replace(/&/g, '&amp;').replace(/'/g, '&#39;')}'`;
const doubleQuoted = (v: string) => `"${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
const text = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const json = (v: unknown) => JSON.stringify(v);

/** The no-JavaScript fallback written inside the snippet. */
function fallback(b: Built): string {
  const a = Object.fromEntries(b.attributes);
  switch (b.tag) {
    case 'cme-helpline':
      return `School attendance helpline: ${a.phone ?? ''}.`;
    case 'cme-definition':
      return `Children missing education: email the CME team at ${a.email ?? ''}.`;
    case 'cme-wizard':
      return 'Not sure whether a child is missing education? Contact the CME team.';
    default:
      return `To refer a child, email ${a['team-email'] ?? 'the CME team'}.`;
  }
}

/**
 * The snippet for a CMS. Rich-text editors (Drupal CKEditor 5, TinyMCE-based CMSs, WordPress for
 * users without `unfiltered_html`) get placeholder mode with `data-config`, the form that
 * survives them; raw HTML gets the custom tag with a child JSON script.
 */
export function snippet(b: Built, cms: Cms, lang = ''): string {
  if (b.tag === 'cme-profile') return `${JSON.stringify(b.config ?? {}, null, 2)}\n`;
  const langAttr = lang && lang !== 'en-GB' ? ` lang="${lang}"` : '';
  const inner = `  <p>${text(fallback(b))}</p>`;
  if (cms === 'raw') {
    const attrs = b.attributes.map(([k, v]) => ` ${k}=${doubleQuoted(v)}`).join('');
    const i18n = b.i18n ? ` data-i18n=${singleQuoted(json(b.i18n))}` : '';
    const script = b.config ? `  <script type="application/json">\n    ${json(b.config).replace(/</g, '\\u003c')}\n  </script>\n` : '';
    return `<${b.tag}${attrs}${i18n}${langAttr}>\n${script}${inner}\n</${b.tag}>\n`;
  }
  const attrs = b.attributes.map(([k, v]) => ` data-${k}=${doubleQuoted(v)}`).join('');
  const config = b.config ? `\n     data-config=${singleQuoted(json(b.config))}` : '';
  const i18n = b.i18n ? `\n     data-i18n=${singleQuoted(json(b.i18n))}` : '';
  return `<div data-cme="${b.tag.slice(4)}"${attrs}${langAttr}${config}${i18n}>\n${inner}\n</div>\n`;
}

/** The line for the site template's `<head>` naming the profile file. */
export const profileMeta = (url: string): string => `<meta name="cme-profile" content=${doubleQuoted(url)}>`;
