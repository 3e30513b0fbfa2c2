import type { TemplateResult } from 'lit';
import { readInlineConfig, reportConfigErrors, type ConfigError, type ConfigResult } from '../../internal/config.js';
import type { Contact } from '../../core/contact.js';
import { sanitizeHtml } from '../../internal/sanitize.js';
import { isObject } from '../../core/is-object.js';
import { HIDEABLE_SECTIONS, type HideableSection } from '../../core/referral/journey.js';

/**
 * Editor config for `<cme-referral-form>` (child `<script type="application/json">`,
 * `data-config` or `config-src`), loaded only when a page gives one:
 * ```json
 * { "emergencyContacts": [{ "name": "Police", "phone": "999", "note": "If the child is in danger now" }],
 *   "privacyNotice": "<p>HTML, sanitised with DOMPurify</p>",
 *   "nextSteps": "<p>HTML shown under “What happens next”</p>",
 *   "sections": { "siblings": false } }
 * ```
 */
export type { Contact };
export type OptionalSection = HideableSection;
export interface FormConfig {
  emergencyContacts?: Contact[];
  privacyNotice?: string;
  nextSteps?: string;
  sections?: Partial<Record<OptionalSection, boolean>>;
}
export interface LoadedConfig {
  config: FormConfig;
  /** The editor HTML after DOMPurify. */
  privacyNotice?: string | undefined;
  nextSteps?: string | undefined;
  /** The editor message, when the config is broken (a function: rendered in the current locale). */
  error?: () => TemplateResult;
}

const KEYS = ['emergencyContacts', 'privacyNotice', 'nextSteps', 'sections'];
const CONTACT_KEYS = ['name', 'phone', 'email', 'href', 'note'];
const SECTIONS: readonly string[] = HIDEABLE_SECTIONS;

/** Checks the config's shape; every problem names its path. */
export function checkFormConfig(value: unknown): ConfigError[] {
  const errors: ConfigError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  if (!isObject(value)) return [{ path: '(config)', message: `Expected a JSON object with any of ${KEYS.join(', ')}.` }];
  for (const k of Object.keys(value)) if (!KEYS.includes(k)) add(k, `Unknown setting. Use ${KEYS.join(', ')}.`);
  for (const k of ['privacyNotice', 'nextSteps']) if (value[k] !== undefined && typeof value[k] !== 'string') add(k, 'Expected a string of HTML.');
  const contacts = value.emergencyContacts;
  if (contacts !== undefined && !Array.isArray(contacts)) add('emergencyContacts', 'Expected a list of contacts.');
  if (Array.isArray(contacts)) {
    contacts.forEach((c: unknown, i) => {
      const at = `emergencyContacts.${i}`;
      if (!isObject(c)) return add(at, 'Expected an object like {"name": "Police", "phone": "999"}.');
      for (const k of Object.keys(c)) if (!CONTACT_KEYS.includes(k)) add(`${at}.${k}`, `Unknown field. Use ${CONTACT_KEYS.join(', ')}.`);
      if (typeof c.name !== 'string' || !c.name.trim()) add(`${at}.name`, 'Give the contact a name.');
      for (const k of CONTACT_KEYS.slice(1)) if (c[k] !== undefined && typeof c[k] !== 'string') add(`${at}.${k}`, 'Expected text.');
      if (typeof c.href === 'string' && !/^(https?:|mailto:|tel:|\/)/i.test(c.href)) add(`${at}.href`, 'Use an https:, mailto: or tel: link, or a path starting with /.');
    });
  }
  const s = value.sections;
  if (s !== undefined && !isObject(s)) add('sections', 'Expected an object like {"siblings": false}.');
  if (isObject(s)) {
    for (const [k, v] of Object.entries(s)) {
      if (!SECTIONS.includes(k)) add(`sections.${k}`, `Only ${SECTIONS.join(', ')} can be turned off.`);
      else if (typeof v !== 'boolean') add(`sections.${k}`, 'Expected true or false.');
    }
  }
  return errors;
}

/** Reads, checks and sanitises the config (DOMPurify loads only when there is editor HTML). */
export async function loadFormConfig(host: Element, src: string | undefined): Promise<LoadedConfig> {
  let raw: ConfigResult<unknown> = readInlineConfig(host);
  if (src) raw = await (await import('../../internal/config-src.js')).fetchConfig(src);
  const errors = raw.ok ? checkFormConfig(raw.value ?? {}) : raw.errors;
  if (errors.length) {
    reportConfigErrors('cme-referral-form', errors);
    const { renderConfigError } = await import('../../internal/config-error.js');
    return { config: {}, error: () => renderConfigError('cme-referral-form', errors) };
  }
  const config = ((raw.ok && raw.value) || {}) as FormConfig;
  const clean = (h: string | undefined) => (h ? sanitizeHtml(h) : undefined);
  return { config, privacyNotice: await clean(config.privacyNotice), nextSteps: await clean(config.nextSteps) };
}
