/**
 * The council profile's check (loaded only on pages that have a profile): its shape, its text
 * fields and its contacts. Each error names the field at fault in dotted form, as the
 * components' own checks do. The helpline's hours and the term dates are checked by the
 * helpline's own check, with the same messages as in its config, on pages that show it.
 */
import type { Contact } from './contact.js';
import { isObject } from './is-object.js';

/** One problem: the field in dotted form and what to do. */
export interface ProfileError {
  path: string;
  message: string;
}
import type { CouncilProfile } from './profile.js';

const KEYS = ['council', 'team', 'helpline', 'termTime', 'emergencyContacts', 'privacyUrl'];
const TEAM_KEYS = ['email', 'phone'];
const HELPLINE_KEYS = ['phone', 'email', 'timeZone', 'weekly', 'bankHolidays', 'closures'];
const CONTACT_KEYS = ['name', 'phone', 'email', 'href', 'note'];
/** Links editors may give: web, mail, telephone, or a path on the site. */
export const SAFE_HREF = /^(https?:|mailto:|tel:|\/)/i;

type Result = { ok: true; value: CouncilProfile } | { ok: false; errors: ProfileError[] };

/** Checks a contact list (`emergencyContacts`) at `path`; shared with the components that take one. */
export function checkContacts(value: unknown, path: string): ProfileError[] {
  const errors: ProfileError[] = [];
  const add = (p: string, message: string) => errors.push({ path: p, message });
  if (!Array.isArray(value)) return [{ path, message: 'Expected a list of contacts.' }];
  value.forEach((c: unknown, i) => {
    const at = `${path}.${i}`;
    if (!isObject(c)) return add(at, 'Expected an object like {"name": "Police", "phone": "999"}.');
    for (const k of Object.keys(c)) if (!CONTACT_KEYS.includes(k)) add(`${at}.${k}`, `Unknown field. Use ${CONTACT_KEYS.join(', ')}.`);
    if (typeof c.name !== 'string' || !c.name.trim()) add(`${at}.name`, 'Give the contact a name.');
    for (const k of CONTACT_KEYS.slice(1)) if (c[k] !== undefined && typeof c[k] !== 'string') add(`${at}.${k}`, 'Expected text.');
    if (typeof c.href === 'string' && !SAFE_HREF.test(c.href)) add(`${at}.href`, 'Use an https:, mailto: or tel: link, or a path starting with /.');
  });
  return errors;
}

/** Checks a council profile (see `CouncilProfile`); unknown keys are errors, as in every config. */
export function checkProfile(input: unknown): Result {
  const errors: ProfileError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  const text = (v: unknown, path: string) => {
    if (v !== undefined && (typeof v !== 'string' || !v.trim())) add(path, 'Expected text.');
  };
  const strict = (v: Record<string, unknown>, keys: string[], at: string) => {
    for (const k of Object.keys(v)) if (!keys.includes(k)) add(at + k, `Unknown setting. Use ${keys.join(', ')}.`);
  };
  if (!isObject(input)) return { ok: false, errors: [{ path: '(profile)', message: `Expected a JSON object with any of ${KEYS.join(', ')}.` }] };
  strict(input, KEYS, '');
  text(input.council, 'council');
  text(input.privacyUrl, 'privacyUrl');
  if (typeof input.privacyUrl === 'string' && !SAFE_HREF.test(input.privacyUrl)) add('privacyUrl', 'Use an https: link or a path starting with /.');
  for (const [key, keys] of [['team', TEAM_KEYS], ['helpline', HELPLINE_KEYS]] as const) {
    const part = input[key];
    if (part === undefined) continue;
    if (!isObject(part)) {
      add(key, 'Expected a JSON object.');
      continue;
    }
    strict(part, [...keys], `${key}.`);
    text(part.email, `${key}.email`);
    text(part.phone, `${key}.phone`);
  }
  if (input.emergencyContacts !== undefined) errors.push(...checkContacts(input.emergencyContacts, 'emergencyContacts'));
  return errors.length ? { ok: false, errors } : { ok: true, value: input as CouncilProfile };
}

export type { Contact };
