import type { TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { CouncilProfile } from '../../core/profile.js';
import { checkProfile } from '../../core/check-profile.js';

/**
 * The contact-list check, for the components' own settings (the form's emergency contacts).
 * Taken from here, not from core, so the profile check and these readers build into one chunk
 * (one request, and the smallest total) rather than three.
 */
export { checkContacts } from '../../core/check-profile.js';
import type { Checked, ConfigError, ConfigModule } from './controller.js';

/*
 * Reads a component's settings from every source that is there, in one order (docs/editors.md,
 * "Where settings come from"): the council profile, then the component's `data-config`, its
 * child `<script type="application/json">` and `config-src`. A source that is there but empty
 * or broken is an error naming it, never a silent fall back to the defaults: an editor (or a
 * CMS) that emptied a script must see it, not a helpline saying "Open now" on a closure day.
 */

type Settings = Record<string, unknown>;
type Profile = { ok: true; value: CouncilProfile; source: string } | { ok: false; errors: ConfigError[] };

const fail = (source: string, message: string): Checked<never> => ({ ok: false, errors: [{ source, path: '', message }] });
const named = (errors: ConfigError[], source: string) => errors.map((e) => ({ ...e, source }));

/** One source's text: a JSON object, or an error naming the source. */
export function parseSource(text: string | null | undefined, source: string): Checked<Settings> {
  if (!text?.trim()) return fail(source, msg('It is empty. Put the settings back, or remove it to use the defaults.'));
  try {
    const value: unknown = JSON.parse(text);
    // A plain object (isObject, inline: this chunk then needs no other).
    return typeof value === 'object' && value && !Array.isArray(value) ? { ok: true, value: value as Settings } : fail(source, msg('Expected a JSON object, in { }.'));
  } catch (error) {
    return fail(source, msg(str`This is not valid JSON: ${(error as Error).message}`));
  }
}

/** A source at a URL (same origin, or CORS-enabled). */
async function fetchSource(url: string, source: string): Promise<Checked<Settings>> {
  if (!url.trim()) return parseSource('', source);
  try {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return response.ok ? parseSource(await response.text(), source) : fail(source, msg(str`Could not load it (HTTP ${response.status}).`));
  } catch (error) {
    return fail(source, msg(str`Could not load it: ${(error as Error).message}`));
  }
}

const profiles = new Map<string, Promise<Profile>>();

/**
 * The page's council profile, read once per page (`<script type="application/json"
 * id="cme-profile">` or `<meta name="cme-profile" content="URL">`); `{}` without one.
 */
function pageProfile(): Promise<Profile> {
  const el = document.querySelector<HTMLScriptElement | HTMLMetaElement>('script#cme-profile,meta[name="cme-profile"]');
  if (!el) return Promise.resolve({ ok: true, value: {}, source: '' });
  const inline = el instanceof HTMLScriptElement;
  const key = inline ? `#${el.textContent}` : el.content;
  let p = profiles.get(key);
  if (!p) {
    const source = inline ? 'cme-profile' : `cme-profile (${el.content})`;
    p = (inline ? Promise.resolve(parseSource(el.textContent, source)) : fetchSource(el.content, source)).then(async (raw) => {
      if (!raw.ok) return raw;
      const c = checkProfile(raw.value);
      return c.ok ? { ...c, source } : { ok: false, errors: named(c.errors, source) };
    });
    profiles.set(key, p);
  }
  return p;
}

/** Every source of `host`, checked one by one (so each error names its source), then together. */
export async function loadConfig<T>(
  host: HTMLElement,
  module: () => Promise<ConfigModule<T>>,
): Promise<{ ok: true; value: T; view?: undefined } | { ok: false; view: () => TemplateResult }> {
  const [m, p] = await Promise.all([module(), pageProfile()]);
  const errors: ConfigError[] = p.ok ? [] : p.errors;
  let profile = p.ok ? p.value : {};
  // The component's own check of the profile's fields it uses (a helpline's hours and terms).
  if (p.ok && p.source) {
    const c = await m.check({}, profile);
    if (!c.ok) errors.push(...named(c.errors, p.source));
  }
  // A broken profile is reported once; the component's own sources are checked without it.
  if (errors.length) profile = {};
  const script = [...host.children].find((el): el is HTMLScriptElement => el instanceof HTMLScriptElement && el.type.trim().toLowerCase() === 'application/json');
  const src = (host as { configSrc?: string | null }).configSrc ?? null;
  const data = host.getAttribute('data-config');
  const sources: [string, Checked<Settings> | Promise<Checked<Settings>>][] = [];
  if (data !== null) sources.push(['data-config', parseSource(data, 'data-config')]);
  if (script) sources.push(['<script type="application/json">', parseSource(script.textContent, '<script type="application/json">')]);
  if (src !== null) sources.push([`config-src (${src})`, fetchSource(src, `config-src (${src})`)]);
  const own: Settings = {};
  for (const [source, pending] of sources) {
    const raw = await pending;
    if (!raw.ok) {
      errors.push(...raw.errors);
      continue;
    }
    const alone = await m.check(raw.value, profile);
    if (alone.ok) Object.assign(own, raw.value);
    else errors.push(...named(alone.errors, source));
  }
  const result = errors.length ? ({ ok: false, errors } as const) : await m.check(own, profile);
  if (result.ok) return { ok: true, value: result.value };
  return { ok: false, view: (await import('./error-box.js')).errorBox(host, result.errors) };
}
