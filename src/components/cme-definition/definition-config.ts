import type { Checked, ConfigError } from '../../internal/config/controller.js';
import { DEFAULT_PROFILE, type CouncilProfile } from '../../core/profile.js';

/** The sections an editor can replace (slot `<name>`) or extend (slot `<name>-extra`). */
export const DEFINITION_SECTIONS = ['definition', 'includes', 'excludes', 'council', 'ends', 'contact'] as const;
export type DefinitionSection = (typeof DEFINITION_SECTIONS)[number];
export type SectionHtml = Partial<Record<DefinitionSection, string>>;
/** Sanitised editor HTML as DOM, ready to render. */
export type SectionViews = Partial<Record<DefinitionSection, HTMLElement | undefined>>;

/**
 * Editor config: HTML that replaces (`sections`) or follows (`extra`) a section, sanitised; and
 * the CME team's `email` (else the council profile's `team.email`).
 */
export interface DefinitionConfig {
  sections?: SectionHtml;
  extra?: SectionHtml;
  email?: string;
}

/** What the definition renders with. */
export interface DefinitionSettings {
  email: string;
  sections: SectionViews;
  extra: SectionViews;
}

/**
 * The definition's check (`ConfigModule`), loaded only when a page gives settings or a council
 * profile, so a plain definition stays small. Returns sanitised HTML.
 */
export async function check(own: Record<string, unknown>, profile: CouncilProfile): Promise<Checked<DefinitionSettings>> {
  const errors = validateDefinitionConfig(own);
  if (errors.length) return { ok: false, errors };
  const config = own as DefinitionConfig;
  const clean = async (map: SectionHtml = {}) => {
    const out: SectionViews = {};
    const entries = Object.entries(map);
    if (!entries.length) return out;
    const { sanitizeToNode } = await import('../../internal/sanitize.js');
    // Even when it is empty once sanitised: the editor's HTML replaces the section.
    for (const [key, dirty] of entries) out[key as DefinitionSection] = sanitizeToNode(dirty);
    return out;
  };
  return {
    ok: true,
    value: { email: config.email ?? profile.team?.email ?? DEFAULT_PROFILE.team.email, sections: await clean(config.sections), extra: await clean(config.extra) },
  };
}

/** Checks the editor config's shape; errors name the field at fault. */
export function validateDefinitionConfig(value: unknown): ConfigError[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) return [{ path: '(config)', message: 'Expected a JSON object.' }];
  const errors: ConfigError[] = [];
  for (const [key, map] of Object.entries(value)) {
    if (key === 'email') {
      if (typeof map !== 'string' || !map.includes('@')) errors.push({ path: key, message: 'Expected an email address.' });
    } else if (key !== 'sections' && key !== 'extra') {
      errors.push({ path: key, message: 'Unknown setting. Use "sections", "extra" or "email".' });
    } else if (typeof map !== 'object' || map === null || Array.isArray(map)) {
      errors.push({ path: key, message: 'Expected an object of section names to HTML strings.' });
    } else {
      for (const [section, text] of Object.entries(map as Record<string, unknown>)) {
        if (!(DEFINITION_SECTIONS as readonly string[]).includes(section)) {
          errors.push({ path: `${key}.${section}`, message: `Unknown section. Use one of: ${DEFINITION_SECTIONS.join(', ')}.` });
        } else if (typeof text !== 'string') {
          errors.push({ path: `${key}.${section}`, message: 'Expected a string of HTML.' });
        }
      }
    }
  }
  return errors;
}
