import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';

import { updateWhenLocaleChanges } from '@lit/localize';
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
    updateWhenLocaleChanges(this);
    // Every render goes through the editor's copy overrides, when there are any.
    const render = this.render;
    let cached: [string | undefined, TextOverrides | undefined] = [undefined, undefined];
    this.render = () => {
      const out = render.call(this);
      if (!this.textOverrides) return out;
      if (cached[0] !== this.textOverrides) cached = [this.textOverrides, parseTextOverrides(this.textOverrides, this.localName)];
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

  /**
   * Marks the element as still loading its editor configuration (`data-cme-loading`), so the
   * optional cme-widgets.css keeps its space reserved until the final content renders.
   */
  protected setLoading(on: boolean): void {
    this.toggleAttribute('data-cme-loading', on);
    this.requestUpdate();
  }

  /**
   * Whether the editor gave inline config (a JSON script child or `data-config`). Config code
   * (`internal/config.ts`, zod for some components) loads only then, so it lives here.
   */
  protected hasInlineConfig(): boolean {
    return !!this.querySelector(':scope > script[type="application/json" i]') || this.hasAttribute('data-config');
  }

  /** A heading level clamped to 2–6 (an embedded widget is never the page's h1). */
  protected level(offset = 0): number {
    const base = Number.isInteger(this.headingLevel) ? this.headingLevel : 2;
    return Math.min(6, Math.max(2, base) + offset);
  }
}
