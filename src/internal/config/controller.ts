import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { CouncilProfile } from '../../core/profile.js';
import { isObject } from '../../core/is-object.js';

/*
 * One life cycle for every component's editor settings (docs/editors.md, "Where settings come
 * from"). This file is all that loads on a page without settings, or with a child JSON script
 * alone; merging, fetching, the profile and the editor's error box (`sources.ts`, `error-box.ts`)
 * load only when they are needed.
 */

/** One problem for the web editor: the source it came from, the setting, and what to do. */
export interface ConfigError {
  /** Where: `data-config`, `<script type="application/json">`, `config-src (URL)` or `cme-profile (URL)`. */
  source?: string;
  /** The setting at fault in dotted form (`weekly.mon.0`); empty for the source as a whole. */
  path: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: ConfigError[] };

/**
 * `none`: no source on the page, the component's defaults apply. `loading`: a source is being
 * read (the component keeps the editor's fallback and reserved space). `ok`: `value` holds the
 * checked settings. `errors`: a source is broken; `errorView` renders the editor's box.
 */
export type ConfigState = 'none' | 'loading' | 'ok' | 'errors';

/**
 * What a component gives, in a module it loads lazily: its check. `own` is the component's
 * settings (data-config, then the child JSON script, then config-src, merged key by key);
 * `profile` the page's council profile (`{}` without one). The check merges the two, the
 * component's own settings winning, and fills the component's defaults.
 */
export interface ConfigModule<T> {
  check(own: Record<string, unknown>, profile: CouncilProfile): Checked<T> | Promise<Checked<T>>;
}

/** Work that changes what a component renders; its `updateComplete` waits for it (tests, page scripts). */
export const settling = new WeakMap<Element, Promise<unknown>>();
export const settle = (el: Element, p: Promise<unknown>): void => void settling.set(el, Promise.all([settling.get(el), p]));

/**
 * The config controller: every component creates one with its defaults and its check module.
 * Sources are looked for when it first connects and again when `config-src` changes.
 */
export class ConfigController<T> implements ReactiveController {
  state: ConfigState = 'none';
  /** The editor's error box, in the current language, while `state` is `errors`. */
  errorView?: (() => TemplateResult) | undefined;
  private src?: string | null;
  private run = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The checked settings: the defaults until a source has loaded. */
    public value: T,
    private readonly module: () => Promise<ConfigModule<T>>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Before the first render, so that it never shows the defaults while settings load.
    this.hostUpdate();
  }

  hostUpdate(): void {
    const h = this.host;
    // The property, so that page scripts (and the embed builder) can set it too.
    const src = (h as { configSrc?: string | null }).configSrc ?? null;
    if (this.src === src) return;
    const first = this.src === undefined;
    this.src = src;
    const script = h.querySelector<HTMLScriptElement>(':scope>script[type="application/json" i]');
    const others = src !== null || h.hasAttribute('data-config') || document.querySelector('script#cme-profile,meta[name="cme-profile"]');
    if (!first || script || others) {
      const run = ++this.run;
      this.set('loading');
      const done = (script && !others ? this.inline(script) : Promise.resolve(undefined))
        .then((quick) => quick ?? import('./sources.js').then((s) => s.loadConfig(h, this.module)))
        .then((r) => {
          if (run !== this.run) return;
          this.errorView = r.view;
          if (r.ok) this.value = r.value;
          this.set(r.ok ? 'ok' : 'errors');
        });
      settle(h, done);
    }
  }

  /**
   * The common embed, a child JSON script and nothing else to merge: read and checked here, so
   * the page needs no other chunk before it paints (the helpline is on every page). Anything
   * else, or any problem, goes the full way (`sources.ts`), which also words the errors.
   */
  private async inline(script: HTMLScriptElement): Promise<{ ok: true; value: T } | undefined> {
    let raw: unknown;
    try {
      raw = JSON.parse(script.textContent ?? '');
    } catch {
      return undefined;
    }
    if (!isObject(raw)) return undefined;
    const checked = await (await this.module()).check(raw, {});
    return checked.ok ? { ok: true, value: checked.value } : undefined;
  }

  private set(state: ConfigState): void {
    this.state = state;
    // cme-widgets.css keeps the component's space reserved while this is set.
    this.host.toggleAttribute('data-cme-loading', state === 'loading');
    this.host.requestUpdate();
  }
}
