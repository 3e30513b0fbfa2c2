import type { Checked, ConfigError } from '../../internal/config/controller.js';
import type { Contact } from '../../core/contact.js';
import type { CouncilProfile } from '../../core/profile.js';
import { isObject } from '../../core/is-object.js';
import { HIDEABLE_SECTIONS, type HideableSection } from '../../core/referral/journey.js';

/**
 * Editor settings for `<cme-referral-form>` (`data-config`, a child `<script
 * type="application/json">` or `config-src`, read by the shared config controller). The check
 * ships with the form (a chunk of its own cost more than it saved); the contact check and
 * DOMPurify load only for settings that need them:
 * ```json
 * { "emergencyContacts": [{ "name": "Police", "phone": "999", "note": "If the child is in danger now" }],
 *   "privacyNotice": "<p>HTML, sanitised with DOMPurify</p>",
 *   "nextSteps": "<p>HTML shown under “What happens next”</p>",
 *   "sections": { "siblings": false } }
 * ```
 * The council profile gives the team's email and phone, the emergency contacts and the privacy
 * notice link; the form's own settings and attributes win.
 */
export type { Contact };
export type OptionalSection = HideableSection;
export interface FormConfig {
  emergencyContacts?: Contact[];
  privacyNotice?: string;
  nextSteps?: string;
  sections?: Partial<Record<OptionalSection, boolean>>;
}

/** What the form renders with: its settings over the profile's, editor HTML as DOM after DOMPurify (ready to render). */
export interface FormSettings {
  emergencyContacts?: Contact[] | undefined;
  privacyNotice?: HTMLElement | undefined;
  nextSteps?: HTMLElement | undefined;
  sections?: Partial<Record<OptionalSection, boolean>> | undefined;
  team?: CouncilProfile['team'];
  privacyUrl?: string | undefined;
}

const KEYS = ['emergencyContacts', 'privacyNotice', 'nextSteps', 'sections'];
const SECTIONS: readonly string[] = HIDEABLE_SECTIONS;

/** Checks the settings' shape; every problem names its path. */
export async function checkFormConfig(value: unknown): Promise<ConfigError[]> {
  const errors: ConfigError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  if (!isObject(value)) return [{ path: '', message: `Expected a JSON object with any of ${KEYS.join(', ')}.` }];
  for (const k of Object.keys(value)) if (!KEYS.includes(k)) add(k, `Unknown setting. Use ${KEYS.join(', ')}.`);
  for (const k of ['privacyNotice', 'nextSteps']) if (value[k] !== undefined && typeof value[k] !== 'string') add(k, 'Expected a string of HTML.');
  // The contact check comes with the config readers (one chunk with the profile's check).
  if (value.emergencyContacts !== undefined) errors.push(...(await import('../../internal/config/sources.js')).checkContacts(value.emergencyContacts, 'emergencyContacts'));
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

/**
 * The form's check for the config controller. DOMPurify loads only when there is editor HTML,
 * so it is not in the form's first load.
 */
export async function check(own: Record<string, unknown>, profile: CouncilProfile): Promise<Checked<FormSettings>> {
  const errors = await checkFormConfig(own);
  if (errors.length) return { ok: false, errors };
  const c = own as FormConfig;
  // Editor HTML that is empty once sanitised leaves the form's own words in place.
  const clean = async (h: string | undefined) => {
    const node = h ? (await import('../../internal/sanitize.js')).sanitizeToNode(h) : undefined;
    return node?.hasChildNodes() ? node : undefined;
  };
  return {
    ok: true,
    value: {
      emergencyContacts: c.emergencyContacts ?? profile.emergencyContacts,
      privacyNotice: await clean(c.privacyNotice),
      nextSteps: await clean(c.nextSteps),
      sections: c.sections,
      team: profile.team,
      privacyUrl: profile.privacyUrl,
    },
  };
}
