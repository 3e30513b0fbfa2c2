import { msg, str } from '@lit/localize';
import { checkProfile } from '../../core/check-profile.js';
import { isObject } from '../../core/is-object.js';
import type { CouncilProfile } from '../../core/profile.js';
import type { Checked, ConfigError, ConfigModule } from './controller.js';

/*
 * Reads a component's settings from every source that is there, in one order (docs/editors.md,
 * "Where settings come from"): the council profile, then the component's `data-config`, its
 * child `<script type="application/json">` and `config-src`. A source that is there but empty
 * or broken is an error naming it, never a silent fall back to the defaults: an editor (or a
 * CMS) that emptied a script must see it, not a helpline saying "Open now" on a closure day.
 */

type Settings = Record<string, unknown>;

const fail = (source: string, message: string): Checked<never> => ({ ok: false, errors: [{ source, path: '', message }] });

/** One source's text: a JSON object, or an error naming the source. */
export function parseSource(text: string | null | undefined, source: string): Checked<Settings> {
  if (!text?.trim()) return fail(source, msg('It is empty. Put the settings back, or remove it to use the defaults.'));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(source, msg(str`This is not valid JSON: ${(error as Error).message}`));
  }
  return isObject(value) ? { ok: true, value } : fail(source, msg('Expected a JSON object, in { }.'));
}

/** A source at a URL (same origin, or CORS-enabled). */
export async function fetchSource(url: string, source: string): Promise<Checked<Settings>> {
  if (!url.trim()) return parseSource('', source);
  try {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) return fail(source, msg(str`Could not load it (HTTP ${response.status}).`));
    return parseSource(await response.text(), source);
  } catch (error) {
    return fail(source, msg(str`Could not load it: ${(error as Error).message}`));
  }
}

const profiles = new Map<string, Promise<Checked<CouncilProfile>>>();

/**
 * The page's council profile, read once per page (`<script type="application/json"
 * id="cme-profile">` or `<meta name="cme-profile" content="URL">`); `{}` without one.
 */
export function pageProfile(): Promise<Checked<CouncilProfile>> {
  const el = document.querySelector<HTMLScriptElement | HTMLMetaElement>('script#cme-profile,meta[name="cme-profile"]');
  if (!el) return Promise.resolve({ ok: true, value: {} });
  const inline = el instanceof HTMLScriptElement;
  const key = inline ? `#${el.textContent}` : el.content;
  let p = profiles.get(key);
  if (!p) {
    const source = inline ? 'cme-profile' : `cme-profile (${el.content})`;
    p = (inline ? Promise.resolve(parseSource(el.textContent, source)) : fetchSource(el.content, source)).then((raw) => {
      if (!raw.ok) return raw;
      const c = checkProfile(raw.value);
      return c.ok ? c : { ok: false, errors: c.errors.map((e) => ({ ...e, source })) };
    });
    profiles.set(key, p);
  }
  return p;
}

/** Every source of `host`, checked one by one (so each error names its source), then together. */
export async function loadConfig<T>(host: HTMLElement, m: ConfigModule<T>): Promise<Checked<T>> {
  const errors: ConfigError[] = [];
  const p = await pageProfile();
  const profile = p.ok ? p.value : {};
  if (!p.ok) errors.push(...p.errors);
  const script = [...host.children].find((el): el is HTMLScriptElement => el instanceof HTMLScriptElement && el.type.trim().toLowerCase() === 'application/json');
  const src = host.getAttribute('config-src');
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
    else errors.push(...alone.errors.map((e) => ({ ...e, source })));
  }
  const result = errors.length ? ({ ok: false, errors } as const) : await m.check(own, profile);
  if (!result.ok) {
    // A warning, not an error: the visitor's page still works; the visible box is where editors look.
    console.warn(`<${host.localName}> configuration problem:\n${result.errors.map((e) => `- ${[e.source, e.path].filter(Boolean).join(' ')}: ${e.message}`).join('\n')}`);
  }
  return result;
}
