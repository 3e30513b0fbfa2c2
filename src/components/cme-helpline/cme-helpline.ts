import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { CmeElement } from '../../internal/cme-element.js';
import { heading } from '../../internal/heading.js';
import { baseStyles } from '../../internal/styles.js';
import { ClockController } from '../../internal/clock.js';
import { ConfigController, settle } from '../../internal/config/controller.js';
import { formatIsoDate, telHref } from '../../internal/format.js';
import { formatList, formatTime, weekdayName } from '../../internal/format-time.js';
import type { HelplineConfig } from '../../core/helpline/check-config.js';
import { DEFAULT_PROFILE } from '../../core/profile.js';
import { check, type HelplineSettings } from './helpline-config.js';
import { describeHelpline, hourGroups, type HelplineView } from '../../core/helpline/describe.js';
import { isoDate, wallClock } from '../../core/helpline/zoned-time.js';
import type { BankHolidaySets } from '../../core/helpline/bank-holidays.js';
import { helplineStyles } from './cme-helpline.styles.js';

/**
 * The school attendance helpline with its hours and a live open/closed state, in the
 * helpline's own time zone (Europe/London by default) whatever the viewer's device says.
 * Closed on bank holidays, closure days and, when term dates are configured, outside term
 * (docs/law.md#the-helpline). It re-renders exactly when the state changes.
 *
 * Hours come from a child `<script type="application/json">` (a `HelplineConfig`) or from
 * `config-src`; without either, the seed's hours apply: Monday, Wednesday and Friday,
 * 9am to 12:30pm and 1pm to 4:30pm.
 *
 * @tagname cme-helpline
 * @summary The attendance helpline with a live "open now" / "closed" state.
 *
 * @slot intro - Text shown under the heading.
 * @slot after - Extra content at the end of the box.
 *
 * @csspart box - The bordered box.
 * @csspart heading - The heading.
 * @csspart status - The open/closed sentence.
 * @csspart phone - The telephone link.
 * @csspart hours - The list of weekly hours.
 * @csspart config-error - The message shown to editors when the configuration is broken.
 *
 * @cssprop --cme-helpline-open-colour - Border colour while open (default #00703c).
 * @cssprop --cme-helpline-closed-colour - Border colour while closed (default #505a5f).
 * @cssprop --cme-border-colour - Box border (default #b1b4b6).
 */
export class CmeHelpline extends CmeElement {
  static override styles = [baseStyles, helplineStyles];
  static override properties: PropertyDeclarations = {
    phone: {},
    email: {},
    heading: {},
    termTimeOnly: { attribute: 'term-time-only', converter: (v: string | null) => v !== 'false' },
    configSrc: { attribute: 'config-src' },
    bankHolidaysSrc: { attribute: 'bank-holidays-src' },
    // Internal state. Lit gives state properties no attribute; `attribute: false` says so to the manifest analyzer too.
    holidays: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  /** Telephone number as shown; the `tel:` link is derived from it (default: the council profile's `helpline.phone`). */
  phone?: string;
  /** Optional email address shown under the phone number (default: the council profile's `helpline.email`). */
  email?: string;
  /** Replaces the heading text ("School attendance helpline"). */
  heading?: string;
  /** Say "term time only" (default true, as the seed's helpline). Set `term-time-only="false"` to hide it. */
  termTimeOnly = true;
  /** URL of a JSON `HelplineConfig`, instead of the inline script. */
  configSrc?: string;
  /** URL of a GOV.UK bank-holidays JSON feed; the bundled snapshot is used if it fails. */
  bankHolidaysSrc?: string;

  // The check ships in the component, not as a lazy chunk: nearly every helpline has settings
  // (term dates), and a chunk of its own costs more in request and gzip overhead than it saves.
  private readonly settings = new ConfigController<HelplineSettings>(this, defaults(), () => Promise.resolve({ check }));
  private holidays?: BankHolidaySets;
  private announcement = '';
  private view?: HelplineView;
  private readonly clock = new ClockController(this, () => this.requestUpdate());

  /** The hours in use: the component's config over the council profile over the defaults. */
  private get config(): HelplineConfig {
    return this.settings.value.hours;
  }

  /** Attributes win over config, config over the council profile. */
  private get tel(): string {
    return this.phone || this.settings.value.phone;
  }

  private get mail(): string | undefined {
    return this.email || this.settings.value.email;
  }

  /** The state comes from checked settings only: never from defaults while the editor's are loading or broken. */
  private get ready(): boolean {
    return this.settings.state === 'none' || this.settings.state === 'ok';
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('bankHolidaysSrc') && this.bankHolidaysSrc) void this.loadBankHolidays(this.bankHolidaysSrc);
    if (!this.ready) return;
    const previous = this.view;
    this.view = describeHelpline(this.config, this.clock.now(), this.holidays);
    this.clock.wakeAt(this.view.refreshAt);
    // Announce real changes only (not the first render, nor a new day's wording).
    if (previous && stateKey(previous) !== stateKey(this.view)) this.announcement = this.statusText(this.view);
  }

  protected override updated(): void {
    this.writeJsonLd();
  }

  private async loadBankHolidays(url: string): Promise<void> {
    try {
      // The feed's reader comes with the JSON-LD, after the first paint.
      const [response, feed] = await Promise.all([
        fetch(url, { headers: { Accept: 'application/json' } }),
        loadLater(),
      ]);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.holidays = feed.parseBankHolidayFeed(await response.json());
    } catch (error) {
      console.warn(`<cme-helpline>: could not use bank holidays from ${url} (${(error as Error).message}); using the bundled list.`);
    }
  }

  /** "Wednesday 2 December at 9am", or "today at 9am". */
  private when(at: Date, today: boolean): string {
    const tz = this.config.timeZone;
    const time = formatTime(at, tz);
    if (today) return msg(str`today at ${time}`);
    // Half a year or more ahead (a term years away) the date names its year.
    const [day, minutes] = wallClock(at, tz);
    const date = formatIsoDate(isoDate(day), +at - +this.clock.now() > HALF_YEAR_MS ? LONG_DATE : DAY_DATE);
    // Opening at 00:00 (after a 24-hour line's closed day): no "12am", no "midnight" that reads as the day's end.
    return minutes ? msg(str`${date} at ${time}`) : msg(str`at the start of ${date}`);
  }

  private statusText(view: HelplineView): string {
    const tz = this.config.timeZone;
    if (view.state === 'open') {
      const { closesAt, daysLeft: n } = view;
      if (!closesAt) return msg('Open 24 hours');
      // Within a week the weekday names the day; further off, the date too. Never "12am".
      const day = formatIsoDate(view.lastDay, n < 7 ? { weekday: 'long' } : n > 182 ? LONG_DATE : DAY_DATE);
      const time = view.atMidnight ? msg('midnight') : formatTime(closesAt, tz);
      if (!n) return msg(str`Open now · closes at ${time}`);
      return view.atMidnight ? msg(str`Open until the end of ${day}`) : msg(str`Open until ${day} at ${time}`);
    }
    if (view.state === 'break') return msg(str`Closed for lunch · reopens at ${formatTime(view.reopensAt, tz)}`);
    if (!view.opensAt) {
      return msg('Closed · the next opening date has not been published yet');
    }
    const when = this.when(view.opensAt, view.opensToday);
    switch (view.reason) {
      case 'bank-holiday':
        return msg(str`Closed for ${view.label ?? msg('the bank holiday')} · reopens ${when}`);
      case 'school-holiday':
        return msg(str`Closed for the school holidays · reopens ${when}`);
      case 'closure':
        return view.label ? msg(str`Closed today (${view.label}) · reopens ${when}`) : msg(str`Closed today · reopens ${when}`);
      default:
        return msg(str`Closed · opens ${when}`);
    }
  }

  private hours(): TemplateResult {
    // Minutes as a time of day (UTC keeps them from shifting); 24:00 is midnight, never "12am".
    const at = (m: number) => (m < 1440 ? formatTime(new Date(m * 60_000), 'UTC') : msg('midnight'));
    return html`<dl part="hours">
      ${hourGroups(this.config).map(
        (g) => html`<dt>${formatList(g.days.map(weekdayName))}</dt>
          <dd>${formatList(g.ranges.map(([s, e]) => (e - s < 1440 ? msg(str`${at(s)} to ${at(e)}`) : msg('24 hours'))))}</dd>`,
      )}
    </dl>`;
  }

  protected override render(): TemplateResult | typeof nothing {
    const c = this.settings;
    if (c.errorView) return c.errorView();
    // Until the editor's settings are in, keep showing their fallback: never "Open now" by default.
    if (!this.ready) return html`<slot></slot>`;
    const view = this.view!;
    const notes = [
      (this.termTimeOnly || this.config.termTime) && msg('The helpline is open during term time only.'),
      this.config.bankHolidays !== false && msg('It is closed on bank holidays.'),
    ].filter(Boolean);
    return html`<div part="box" class="box ${view.state === 'open' ? 'open' : 'closed'}">
      ${heading(this.level(), this.heading || msg('School attendance helpline'))}
      <slot name="intro"></slot>
      <p part="status" class="status">${this.statusText(view)}</p>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <p>
        ${msg('Telephone:')}
        <a part="phone" class="phone" href=${telHref(this.tel)}>${this.tel}</a>
      </p>
      ${this.mail ? html`<p>${msg('Email:')} <a href="mailto:${this.mail}">${this.mail}</a></p>` : ''}
      ${heading(this.level(1), msg('Opening hours'), undefined, 'hours-heading')}
      ${this.hours()}
      <p>${notes.join(' ')}</p>
      <slot name="after"></slot>
    </div>`;
  }

  /** The JSON-LD, once the render is on screen (its module loads after the first paint); `updateComplete` waits for it. */
  private writeJsonLd(): void {
    if (!this.ready) return;
    const now = this.clock.now();
    const who = { name: this.heading || 'School attendance helpline', telephone: this.tel, email: this.mail };
    const { config, holidays } = this;
    settle(
      this,
      afterPaint().then(loadLater).then((m) => m.writeJsonLd(this, config, now, who, holidays)),
    );
  }
}

/** The seed site's helpline, from the default council profile. */
function defaults(): HelplineSettings {
  const { phone, timeZone, weekly, bankHolidays } = DEFAULT_PROFILE.helpline;
  return { phone, hours: { timeZone, weekly, bankHolidays } };
}

let later: Promise<typeof import('./after-paint.js')> | undefined;
const loadLater = () => (later ??= import('./after-paint.js'));
/**
 * After the browser has painted the frame that shows the latest render (first of all, the
 * helpline's first state): a task queued from the next animation frame runs once that frame is
 * on screen. A hidden tab paints nothing, so there it does not wait (`updateComplete` waits for
 * the JSON-LD). No timers: the helpline keeps exactly one, for its next change.
 */
const afterPaint = () =>
  new Promise<void>((resolve) => {
    if (document.visibilityState === 'hidden') return resolve();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  });

const HALF_YEAR_MS = 182 * 86_400_000;
const DAY_DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
const LONG_DATE: Intl.DateTimeFormatOptions = { ...DAY_DATE, year: 'numeric' };

function stateKey(view: HelplineView): string {
  return view.state === 'closed' ? `closed:${view.reason}:${view.label ?? ''}` : view.state;
}
