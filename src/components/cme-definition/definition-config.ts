import type { TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { readInlineConfig, reportConfigErrors, type ConfigError, type ConfigResult } from '../../internal/config.js';
import { fetchConfig } from '../../internal/config-src.js';
import { renderConfigError } from '../../internal/config-error.js';
import { sanitizeHtml } from '../../internal/sanitize.js';

/** The sections an editor can replace (slot `<name>`) or extend (slot `<name>-extra`). */
export const DEFINITION_SECTIONS = ['definition', 'includes', 'excludes', 'council', 'ends', 'contact'] as const;
export type DefinitionSection = (typeof DEFINITION_SECTIONS)[number];
export type SectionHtml = Partial<Record<DefinitionSection, string>>;
/** Sanitised editor HTML, ready to render. */
export type SectionViews = Partial<Record<DefinitionSection, ReturnType<typeof unsafeHTML>>>;

/** Editor config: HTML that replaces (`sections`) or follows (`extra`) a section; sanitised. */
export interface DefinitionConfig {
  sections?: SectionHtml;
  extra?: SectionHtml;
}

/**
 * Loaded only when a page gives `<cme-definition>` config (inline JSON or `config-src`), so a
 * plain definition stays small. Returns sanitised HTML, or the editor message to show.
 */
export async function loadDefinitionConfig(
  host: Element,
  src: string | undefined,
): Promise<{ ok: true; sections: SectionViews; extra: SectionViews } | { ok: false; view: TemplateResult }> {
  const raw: ConfigResult<unknown> = src ? await fetchConfig(src) : readInlineConfig(host);
  const errors = raw.ok ? validateDefinitionConfig(raw.value) : raw.errors;
  if (errors.length > 0) {
    reportConfigErrors('cme-definition', errors);
    return { ok: false, view: renderConfigError('cme-definition', errors) };
  }
  const config = (raw.ok ? raw.value : undefined) as DefinitionConfig | undefined;
  const clean = async (map: SectionHtml = {}) => {
    const out: SectionViews = {};
    // unsafeHTML is safe here only because the string has just been through DOMPurify.
    for (const [key, dirty] of Object.entries(map)) out[key as DefinitionSection] = unsafeHTML(await sanitizeHtml(dirty));
    return out;
  };
  return { ok: true, sections: await clean(config?.sections), extra: await clean(config?.extra) };
}

/** Checks the editor config's shape; errors name the field at fault. */
export function validateDefinitionConfig(value: unknown): ConfigError[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) return [{ path: '(config)', message: 'Expected a JSON object.' }];
  const errors: ConfigError[] = [];
  for (const [key, map] of Object.entries(value)) {
    if (key !== 'sections' && key !== 'extra') {
      errors.push({ path: key, message: 'Unknown setting. Use "sections" or "extra".' });
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
