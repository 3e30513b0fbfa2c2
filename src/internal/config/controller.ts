import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { CouncilProfile } from '../../core/profile.js';

/*
 * One life cycle for every component's editor settings (docs/editors.md, "Where settings come
 * from"). This file is all that loads on a page without settings; reading, fetching, checking and
 * the editor's error box load only when some source is there.
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
 * checked settings. `errors`: a source is broken; `errorView` is the editor's box.
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

/** Where a council profile can be given, in the page's `<head>` (one per site template). */
export const PROFILE_SOURCES = 'script#cme-profile,meta[name="cme-profile"]';

/** `updateComplete` of a component also waits for this (tests, page scripts). */
export const settling = new WeakMap<Element, Promise<unknown>>();

/**
 * The config controller: every component creates one with its defaults and its check module.
 * Sources are looked for when it first connects and again when `config-src` changes.
 */
export class ConfigController<T> implements ReactiveController {
  state: ConfigState = 'none';
  value: T;
  errors: ConfigError[] = [];
  /** The editor's error box, in the current language, while `state` is `errors`. */
  errorView?: () => TemplateResult;
  private src?: string | null;
  private run = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    defaults: T,
    private readonly module: () => Promise<ConfigModule<T>>,
  ) {
    this.value = defaults;
    host.addController(this);
  }

  hostConnected(): void {
    // Before the first render, so that it never shows the defaults while settings load.
    this.hostUpdate();
  }

  hostUpdate(): void {
    const h = this.host;
    const src = h.getAttribute('config-src');
    if (this.src === src) return;
    const first = this.src === undefined;
    this.src = src;
    if (!first || src !== null || h.hasAttribute('data-config') || h.querySelector(':scope>script[type="application/json" i]') || document.querySelector(PROFILE_SOURCES)) {
      this.load();
    }
  }

  private load(): void {
    const h = this.host;
    const run = ++this.run;
    this.set('loading');
    const done = Promise.all([import('./sources.js'), this.module()]).then(async ([s, m]) => {
      const r = await s.loadConfig(h, m);
      if (run !== this.run) return;
      if (r.ok) {
        this.value = r.value;
        this.errors = [];
        this.errorView = undefined;
        this.set('ok');
      } else {
        const box = await import('./error-box.js');
        this.errors = r.errors;
        this.errorView = () => box.renderConfigError(h.localName, r.errors);
        this.set('errors');
      }
    });
    settling.set(h, done);
  }

  private set(state: ConfigState): void {
    this.state = state;
    // cme-widgets.css keeps the component's space reserved while this is set.
    this.host.toggleAttribute('data-cme-loading', state === 'loading');
    this.host.requestUpdate();
  }
}
