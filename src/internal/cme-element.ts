import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';

import { activeLocale, localeLoading, RTL_LOCALES, trackLocale } from './locale.js';
import { overrideText, parseTextOverrides, type TextOverrides } from './text-overrides.js';
import { settling } from './config/controller.js';

/**
 * Base class for every cme-widgets element: joins the page's locale (nearest `lang`),
 * re-renders when the locale changes, and offers the heading level editors set to fit the
 * page outline.
 */
export class CmeElement extends LitElement {
  static override properties: PropertyDeclarations = {
    headingLevel: { attribute: 'heading-level', type: Number },
    textOverrides: { attribute: 'data-i18n', converter: { fromAttribute: (v: string | null) => v } },
  };

  /** Level of the component's top heading (2–6), so it fits the page outline. */
  headingLevel = 2;

  /**
   * Copy overrides, as JSON: `{"text as shown": "replacement"}`. Replaces any text the
   * component shows that equals a key exactly, in the page's language, without a rebuild.
   */
  textOverrides?: string;

  constructor() {
    super();
    // No `updateWhenLocaleChanges`: locale.ts re-renders every connected component once a
    // language has loaded.
    // Every render goes through the editor's copy overrides, when there are any.
    const render = this.render;
    let cached: [string | undefined, TextOverrides | undefined] = [undefined, undefined];
    this.render = () => {
      const out = render.call(this);
      const t = this.textOverrides;
      if (!t) return out;
      if (cached[0] !== t) cached = [t, parseTextOverrides(t, this.localName)];
      return cached[1] ? overrideText(out, cached[1]) : out;
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    trackLocale(this, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    trackLocale(this, false);
  }

  /** Also waits for the editor's configuration to load and render (see `ConfigController`). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let p; (p = settling.get(this)); ) {
      await p;
      if (settling.get(this) === p) settling.delete(this);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /**
   * On a page in another language, the first render waits for that language's strings, so
   * visitors never see English flash and reflow (a layout shift) before their language loads.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return (this.hasUpdated || !localeLoading()) && super.shouldUpdate(changed);
  }

  /**
   * Right-to-left locales (Urdu) lay the component out right to left even when the page around
   * it does not say `dir="rtl"`; an editor's own `dir` attribute always wins.
   */
  protected override update(changed: PropertyValues<this>): void {
    const rtl = RTL_LOCALES.includes(activeLocale());
    if (rtl && !this.hasAttribute('dir')) {
      this.setAttribute('dir', 'rtl');
      this.toggleAttribute('data-cme-auto-dir', true);
    } else if (!rtl && this.hasAttribute('data-cme-auto-dir')) {
      this.removeAttribute('dir');
      this.removeAttribute('data-cme-auto-dir');
    }
    super.update(changed);
  }

  /** A heading level clamped to 2–6 (an embedded widget is never the page's h1). */
  protected level(offset = 0): number {
    const base = Number.isInteger(this.headingLevel) ? this.headingLevel : 2;
    return Math.min(6, Math.max(2, base) + offset);
  }
}
