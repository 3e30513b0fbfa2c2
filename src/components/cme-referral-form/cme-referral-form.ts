import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { CmeElement } from '../../internal/cme-element.js';
import { emit } from '../../internal/events.js';
import { StepHistory } from '../../internal/step-history.js';
import { heading } from '../../internal/heading.js';
import { baseStyles } from '../../internal/styles.js';
import { formStyles } from '../../internal/form-styles.js';
import { backLink, button, choice, errorMessage, fieldset, radios, summaryList, type Choice, type SummaryRow } from '../../internal/form-fields.js';
import { checkDate, DATE_PARTS, dateInput, isoToParts, type DateParts } from '../../internal/date-input.js';
import { errorSummary, errorTitle } from '../../internal/error-summary.js';
import { contactList } from '../../internal/contacts.js';
import { formatIsoDate, telHref } from '../../internal/format.js';
import { isIsoDate } from '../../core/school-age.js';
import type { ReferralError, SectionName } from '../../core/referral/schema.js';
import type { WizardPrefill } from '../cme-wizard/cme-wizard.js';
import { dateValue, getAt, setAt, toPayload, type Draft } from './draft.js';
import { ADDRESS, isSchool, page, pageOf, PAGES, type Field, type ListSpec, type Page, type PageId } from './pages.js';
import { newKey, sendReferral, type SendResult } from './send.js';
import { textField } from './fields.js';
import type { Contact, LoadedConfig, OptionalSection } from './form-config.js';
import { referralFormStyles } from './cme-referral-form.styles.js';

/** Detail of `cme-referral-step`: the page now shown. */
export interface ReferralStepDetail {
  pageId: PageId;
}
/** Detail of `cme-referral-sent`: the reference the relay gave (no answers). */
export interface ReferralSentDetail {
  reference: string;
}
/** Detail of `cme-referral-failed`: why the referral could not be sent this time. */
export interface ReferralFailedDetail {
  reason: 'offline' | 'network' | 'busy' | 'invalid' | 'refused';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cme-referral-step': CustomEvent<ReferralStepDetail>;
    'cme-referral-sent': CustomEvent<ReferralSentDetail>;
    'cme-referral-failed': CustomEvent<ReferralFailedDetail>;
  }
}

type Failure = Exclude<SendResult, { ok: true } | { kind: 'invalid' }>;

/** The schema (zod/mini, ~11 KB gz) loads on first use, not with the page. */
let schemaModule: Promise<typeof import('../../core/referral/schema.js')> | undefined;
const loadSchema = () => (schemaModule ??= import('../../core/referral/schema.js'));

/** History state key; its value is a page id only. */
const KEY = 'cmeReferral';
const STORAGE = 'cme-referral-form';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const newDraft = (): Draft => ({ parents: [{}] });
/** Dispatches a bubbling, composed `cme-referral-*` event (never with answers in it). */

/**
 * The Children Missing Education referral (docs/law.md#what-a-referral-contains), one topic per page in the GOV.UK
 * style: safeguarding first, then the referrer, the child, parents or carers, education,
 * vulnerabilities and siblings, enquiries already made, concerns, "Check your answers", the
 * declaration with the privacy notice, and a confirmation with the reference. It checks each
 * page with the shared referral schema (`parseSections`) and the whole referral on sending
 * (`parseReferral`), and posts it to the relay (`endpoint`; README, "The referral relay").
 *
 * Nothing typed is lost: answers live in the element while the person moves between pages; a
 * failed send keeps them and offers "Try again" with the same `Idempotency-Key`, so the team
 * gets one referral. With `save-draft`, the draft also survives a reload of the tab
 * (`sessionStorage`, cleared on success and on "Start again"). No answer is ever put in the
 * URL, an event or the console.
 *
 * The `<cme-wizard>` hands over what it already knows through `prefill()`.
 *
 * @tagname cme-referral-form
 * @summary The CME referral form: safeguarding first, one topic per page, sent to the relay.
 *
 * @slot intro - Shown above the first question.
 * @slot privacy-notice - The privacy notice on the declaration page (instead of the config's or the default one).
 * @slot next-steps - "What happens next" on the confirmation page.
 *
 * @fires cme-referral-step - A new page is shown. `detail: { pageId }`.
 * @fires cme-referral-sent - The relay accepted the referral. `detail: { reference }`.
 * @fires cme-referral-failed - Sending failed this time (answers kept). `detail: { reason }`.
 *
 * @csspart heading - The page heading.
 * @csspart error-summary - The "There is a problem" box.
 * @csspart summary - The lists on "Check your answers".
 * @csspart notice - The "not sent yet" message.
 * @csspart panel - The confirmation panel with the reference.
 * @csspart config-error - The message shown to editors when the configuration is broken.
 *
 * @cssprop --cme-button-colour - Primary button and confirmation panel (default #00703c).
 * @cssprop --cme-error-colour - Errors (default #d4351c).
 * @cssprop --cme-focus-colour - Focus highlight (default #ffdd00).
 * @cssprop --cme-link-colour - Link colour (default #1d70b8).
 * @cssprop --cme-max-width - Maximum width (default 40em).
 */
export class CmeReferralForm extends CmeElement {
  static override styles = [baseStyles, formStyles, referralFormStyles];
  static override properties: PropertyDeclarations = {
    endpoint: {},
    saveDraft: { attribute: 'save-draft', type: Boolean },
    history: { converter: (v: string | null) => v !== 'false' },
    hideSections: { attribute: 'hide-sections' },
    teamEmail: { attribute: 'team-email' },
    teamPhone: { attribute: 'team-phone' },
    privacyUrl: { attribute: 'privacy-url' },
    configSrc: { attribute: 'config-src' },
    page: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    sending: { state: true, attribute: false },
    failure: { state: true, attribute: false },
    loaded: { state: true, attribute: false },
  };

  /** Timeout per attempt (ms), waits before the automatic retries (ms), and the longest `Retry-After` waited for automatically (s). Tests shorten them. */
  static timeout = 20_000;
  static retries: readonly number[] = [1_000, 4_000];
  static maxWait = 10;

  /** Where the referral is posted (the relay's `POST /api/referrals`). */
  endpoint = '/api/referrals';
  /** Keep the draft in `sessionStorage` so a reload of the tab does not lose it (off by default). */
  saveDraft = false;
  /** Browser Back and Forward step through the pages (default true; `history="false"` turns it off). */
  history = true;
  /** Optional sections to leave out: any of `vulnerabilities siblings enquiries`. */
  hideSections = '';
  /** Shown when the referral cannot be sent. */
  teamEmail = 'cme@worcestershire.gov.uk';
  teamPhone = '01905 844 440';
  /** A link to the council's full privacy notice. */
  privacyUrl?: string;
  /** URL of a JSON config (same shape as the inline script). */
  configSrc?: string;
  /**
   * Test seam, not for pages: skip the browser's check before sending, so tests can prove that
   * the relay's own 400 errors land on the right fields (the browser catches them all otherwise).
   * @internal
   */
  skipClientValidation = false;

  private page: PageId = 'safeguarding';
  private errors: ReferralError[] = [];
  /** Date parts at fault, by path (from the browser's own date check). */
  private faults: Record<string, readonly string[]> = {};
  private sending = false;
  private failure?: Failure;
  /** `undefined`: no config; `null`: loading. */
  private loaded?: LoadedConfig | null;
  private draft: Draft = newDraft();
  private key?: string;
  private reference = '';
  private changing = false;
  private restored = false;
  /** The person has answered something (only then is a draft stored). */
  private touched = false;
  private busy = false;
  private retryAt = 0;
  /** After a user action: focus, title and events follow the next render. */
  private moved = false;
  private resetPending = false;
  private focusId = '';
  private shown?: PageId;
  /** Ids of the fields rendered, in order (for error links). */
  private ids = new Set<string>();

  private readonly steps = new StepHistory(this, KEY, () => this.history, (step) => {
    const p = step as PageId;
    if (p === this.page) return;
    if (this.page === 'sent') this.restart(false);
    else if (this.flow().includes(p)) this.show(p);
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    errorTitle(false);
  }

  /** Moves focus to the current page's heading (the wizard's hand-off calls this). */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#h')?.focus(options));
  }

  /**
   * The `<cme-wizard>` hand-off: fills the answers the wizard already has (immediate risk,
   * date of birth, whereabouts, school registration, education now) where the person has not
   * answered yet. The data is kept like any other answer (memory, and `save-draft` storage).
   */
  async prefill(data: WizardPrefill): Promise<void> {
    const put = (path: string, v: unknown) => {
      const now = getAt(this.draft, path);
      if (v !== undefined && (now === undefined || (isObject(now) && !dateValue(now)))) setAt(this.draft, path, v);
    };
    put('safeguarding.immediateRisk', data.immediateRisk);
    put('child.dateOfBirth', data.dateOfBirth ? isoToParts(data.dateOfBirth) : undefined);
    put('child.whereaboutsKnown', data.whereaboutsKnown);
    put('education.registeredAtSchool', data.registeredAtSchool);
    put('education.provision', data.education);
    this.changed(true);
    await this.updateComplete;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) this.restore();
    // The config code (and DOMPurify, for editor HTML) loads only when an editor gives config.
    if ((!this.hasUpdated && this.hasInlineConfig()) || (changed.has('configSrc') && this.configSrc)) {
      this.loaded = null;
      this.setLoading(true);
      void import('./form-config.js')
        .then((m) => m.loadFormConfig(this, this.configSrc))
        .then((c) => {
          this.loaded = c;
          this.setLoading(false);
        });
    }
  }

  protected override render(): unknown {
    // Until the editor's config is in, keep showing their fallback in the reserved space.
    if (this.loaded === null) return html`<slot></slot>`;
    if (this.loaded?.error) return this.loaded.error();
    const l = this.level();
    const p = this.page;
    if (p === 'sent') return this.sent(l);
    this.ids = new Set();
    const flow = this.flow();
    const body = p === 'check' ? this.checkAnswers(l, flow) : this.form(page(p), l);
    const prev = this.changing && p !== 'check' ? 'check' : flow[flow.indexOf(p) - 1];
    return html`${prev ? backLink(() => this.go(prev)) : nothing}
      ${this.restored
        ? html`<div class="inset" part="restored">
            <p>${msg('We have kept the answers you gave earlier in this browser tab.')}</p>
            ${button(msg('Start again'), { secondary: true, type: 'button', onClick: () => this.restart() })}
          </div>`
        : nothing}
      ${errorSummary(
        this.errors.map((e) => ({ id: this.idFor(e.path), text: e.message })),
        l,
      )}
      ${body}`;
  }

  protected override updated(): void {
    const r = this.renderRoot;
    if (this.resetPending) {
      this.resetPending = false;
      // Lit may reuse inputs of another page or list item: show this draft's values.
      r.querySelector('form')?.reset();
    }
    if (this.moved) {
      this.moved = false;
      errorTitle(this.errors.length > 0);
      r.querySelector<HTMLElement>(this.errors.length ? '.error-summary' : this.failure ? '.notice' : '#h')?.focus();
      if (this.page !== this.shown) emit(this, 'cme-referral-step', { pageId: this.page });
    }
    this.shown = this.page;
    if (this.focusId) (r as ShadowRoot).getElementById(this.focusId)?.focus();
    this.focusId = '';
  }

  // -------------------------------------------------------------------------------------------
  // Pages

  /** The pages on this referral's path, in order. */
  private flow(): PageId[] {
    const hidden = this.offSections();
    const on = (s: OptionalSection) => !hidden.includes(s);
    return PAGES.filter((p) =>
      p.id === 'emergency'
        ? getAt(this.draft, 'safeguarding.immediateRisk') === true
        : p.id === 'vulnerabilities'
          ? on('vulnerabilities') || on('siblings')
          : p.id !== 'enquiries' || on('enquiries'),
    ).map((p) => p.id);
  }

  private offSections(): OptionalSection[] {
    const off = Object.entries(this.loaded?.config.sections ?? {}).filter(([, v]) => !v);
    return [...this.hideSections.split(/[\s,]+/), ...off.map(([k]) => k)] as OptionalSection[];
  }

  private form(pg: Page, l: number): TemplateResult {
    const id = pg.id;
    const hidden = this.offSections();
    const fields = id === 'vulnerabilities' && hidden.includes('vulnerabilities') ? [] : (pg.f ?? []);
    const list = pg.list && !hidden.includes(pg.list.p as OptionalSection) ? pg.list : undefined;
    const title = pg.one ? nothing : heading(l, fields.length || !list ? pg.t() : list.t(), 'h');
    const last = id === 'declaration';
    return html`${id === 'safeguarding' ? html`<slot name="intro"></slot>` : nothing} ${title}
      ${id === 'emergency' ? this.emergency() : nothing} ${last ? this.declaration(l) : nothing}
      <form novalidate @submit=${this.submit} @input=${this.input}>
        ${fields.map((f) => this.field(f, '', pg.one ? heading(l, f.l(), 'h') : undefined))} ${list ? this.list(list, l, fields.length > 0) : nothing}
        ${last ? this.honeypot() : nothing}
        ${button(last ? msg('Send referral') : msg('Continue'))}
        ${last ? html`<p role="status" class="status">${this.sending ? msg('Sending your referral…') : ''}</p>` : nothing}
      </form>`;
  }

  private label(f: Field): string {
    const optional = typeof f.opt === 'function' ? f.opt(this.draft) : f.opt;
    return optional ? msg(str`${f.l()} (optional)`) : f.l();
  }

  /** One field of the page, named by its payload path (`base` + `f.p`). */
  private field(f: Field, base: string, legend?: TemplateResult): unknown {
    const d = this.draft;
    if (f.when && !f.when(d)) return nothing;
    const id = base + f.p;
    const v = getAt(d, id);
    const error = this.errors.find((e) => e.path === id)?.message;
    const o = { id, name: id, legend: legend ?? this.label(f), hint: f.h?.(d), error };
    const choices = (): Choice[] => Object.entries(f.o!()).map(([value, label]) => ({ value, label }));
    const ids = this.ids;
    if (f.k === 'address') return fieldset(o, ADDRESS.map((a) => this.field(a, `${id}.`)));
    if (f.k === 'date') {
      for (const p of DATE_PARTS) ids.add(`${id}-${p}`);
      return dateInput({ ...o, value: v as Partial<DateParts>, errorParts: error ? (this.faults[id] ?? DATE_PARTS) : undefined });
    }
    ids.add(id);
    if (f.k === 'bool') {
      const items = [
        { value: 'true', label: msg('Yes') },
        { value: 'false', label: msg('No') },
      ];
      return radios({ ...o, items, value: v === undefined ? undefined : String(v) });
    }
    if (f.k === 'radio') return radios({ ...o, items: choices(), value: v as string });
    if (f.k === 'checks') {
      const on = Array.isArray(v) ? v : [];
      return fieldset(
        o,
        choices().map((c, i) => choice('checkbox', i ? `${id}-${i}` : id, id, c, on.includes(c.value))),
      );
    }
    if (f.k === 'check') {
      return html`<div class="group ${error ? 'group-error' : ''}">
        ${errorMessage(id, error)}
        <div class="choice">
          <input type="checkbox" id=${id} name=${id} value="true" ?checked=${v === true} aria-describedby=${error ? `${id}-error` : nothing} />
          <label for=${id}>${o.legend}</label>
        </div>
      </div>`;
    }
    return textField({
      ...o,
      label: o.legend,
      value: typeof v === 'string' ? v : '',
      type: f.k === 'text' ? 'text' : f.k,
      options: f.k === 'select' ? choices().map((c) => [c.value, c.label]) : undefined,
      autocomplete: f.a,
      exact: !!f.x,
      caps: !!f.c,
      width: f.w,
    });
  }

  /** GOV.UK "Add another": a fieldset per item with "Remove", and an add button. */
  private list(ls: ListSpec, l: number, sub: boolean): TemplateResult {
    const items = (getAt(this.draft, ls.p) as Draft[] | undefined) ?? [];
    const error = this.errors.find((e) => e.path === ls.p)?.message;
    const f0 = ls.f[0]!;
    const first = (i: number) => (i < 0 ? `${ls.p}-add` : `${ls.p}.${i}.${f0.p}${f0.k === 'date' ? '-day' : ''}`);
    return html`${sub ? heading(l + 1, ls.t(), undefined, 'subheading') : nothing} ${errorMessage(ls.p, error)}
      ${items.map(
        (_, i) =>
          html`<fieldset class="item">
            <legend>${ls.item(i + 1)}</legend>
            ${ls.f.map((f) => this.field(f, `${ls.p}.${i}.`))}
            ${items.length > ls.min
              ? html`<button
                  type="button"
                  class="button secondary"
                  @click=${() => {
                    items.splice(i, 1);
                    this.focusId = first(Math.min(i, items.length - 1));
                    this.changed(true);
                  }}
                >
                  ${msg('Remove')}<span class="visually-hidden"> ${ls.item(i + 1)}</span>
                </button>`
              : nothing}
          </fieldset>`,
      )}
      ${items.length < ls.max
        ? html`<button
            type="button"
            id="${ls.p}-add"
            class="button secondary"
            @click=${() => {
              this.focusId = first(items.length);
              setAt(this.draft, `${ls.p}.${items.length}`, {});
              this.changed(true);
            }}
          >
            ${items.length ? ls.add() : ls.addFirst()}
          </button>`
        : html`<p class="hint">${msg(str`You can add up to ${ls.max}.`)}</p>`}`;
  }

  private emergency(): TemplateResult {
    const contacts: Contact[] = this.loaded?.config.emergencyContacts ?? [
      { name: msg('Police'), phone: '999', note: msg('If the child is in danger now.') },
      { name: msg('Children’s social care'), note: msg('Contact the children’s social care team for the area where the child lives.') },
    ];
    return html`<p>${msg('A referral to the Children Missing Education team does not replace this. Contact them first:')}</p>
      ${contactList(contacts)}
      <p>${msg('When you have contacted them, you can continue with this referral.')}</p>`;
  }

  private declaration(l: number): TemplateResult {
    const f = this.failure;
    const why = !f
      ? ''
      : f.kind === 'offline'
        ? msg('Your device is offline. Check your internet connection.')
        : f.kind === 'busy'
          ? msg(str`The referral service is busy. Wait ${f.retryAfter} seconds before you try again.`)
          : f.kind === 'refused'
            ? msg(str`The referral service did not accept the referral (error ${f.status}).`)
            : msg('We could not reach the referral service. It may be down for a short time.');
    const c = this.loaded ?? undefined;
    return html`${f
        ? html`<div class="notice" part="notice" role="alert" tabindex="-1">
            ${heading(l + 1, msg('Your referral has not been sent yet'), undefined, 'notice-heading')}
            <p>${why} ${msg('Your answers are still here.')}</p>
            ${f.kind === 'refused' ? nothing : button(msg('Try again'), { type: 'button', onClick: () => this.renderRoot.querySelector('form')!.requestSubmit() })}
            <p>
              ${msg('If it keeps happening, email')} <a href="mailto:${this.teamEmail}">${this.teamEmail}</a> ${msg('or call')}
              <a href=${telHref(this.teamPhone)}>${this.teamPhone}</a>.
            </p>
          </div>`
        : nothing}
      <div class="privacy" part="privacy-notice">
        ${heading(l + 1, msg('Privacy notice'), undefined, 'subheading')}
        <slot name="privacy-notice"
          >${c?.privacyNotice
            ? unsafeHTML(c.privacyNotice)
            : html`<p>
                  ${msg(
                    'The council uses the information in this referral to carry out its legal duty to identify children missing education and make sure they get a suitable education (Education Act 1996, section 436A).',
                  )}
                </p>
                <p>
                  ${msg(
                    'It may share it with schools, other councils and agencies such as children’s social care when the law allows, for example to keep the child safe. You do not need the parents’ consent to make a referral.',
                  )}
                </p>`}</slot
        >
        ${this.privacyUrl ? html`<p><a href=${this.privacyUrl}>${msg('Read the full privacy notice')}</a></p>` : nothing}
      </div>`;
  }

  /** The spam trap (`website`): hidden from people; shown as a field only if the relay or the check complains. */
  private honeypot(): TemplateResult {
    const error = this.errors.find((e) => e.path === 'website')?.message;
    if (!error) {
      return html`<div class="hp" aria-hidden="true">
        <label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off" value="" />
      </div>`;
    }
    this.ids.add('website');
    return textField({ id: 'website', label: msg('Website (leave this blank)'), error, value: String(this.draft.website ?? '') });
  }

  private checkAnswers(l: number, flow: PageId[]): TemplateResult {
    const off = this.offSections();
    const rows = (fields: Field[], base: string, id: PageId): SummaryRow[] =>
      fields
        .filter((f) => !f.when || f.when(this.draft))
        .map((f) => ({ key: f.l(), value: this.display(f, base + f.p), change: () => this.change(id) }));
    // Groups of rows under one heading: a page's own, or joined to the previous page's.
    const groups: { title: string; rows: SummaryRow[]; lists: unknown[] }[] = [];
    for (const p of flow.map(page)) {
      if (p.id === 'check' || p.id === 'declaration') continue;
      const ls = p.list && !off.includes(p.list.p as OptionalSection) ? p.list : undefined;
      const items = ls ? ((getAt(this.draft, ls.p) as Draft[] | undefined) ?? []) : [];
      const fields = p.id === 'vulnerabilities' && off.includes('vulnerabilities') ? [] : (p.f ?? []);
      if (!p.join || !groups.length) groups.push({ title: (p.g ?? p.t)(), rows: [], lists: [] });
      const g = groups[groups.length - 1]!;
      g.rows.push(...rows(fields, '', p.id));
      if (ls && !items.length) g.rows.push({ key: ls.t(), value: msg('None'), change: () => this.change(p.id) });
      g.lists.push(items.map((_, i) => html`${heading(l + 2, ls!.item(i + 1), undefined, 'subheading')} ${summaryList(rows(ls!.f, `${ls!.p}.${i}.`, p.id))}`));
    }
    return html`${heading(l, page('check').t(), 'h')}
      ${groups.map((g) => html`${heading(l + 1, g.title, undefined, 'subheading')} ${g.rows.length ? summaryList(g.rows) : nothing} ${g.lists}`)}
      ${button(msg('Continue'), { type: 'button', onClick: () => this.go('declaration') })}
      ${button(msg('Start again'), { secondary: true, type: 'button', onClick: () => this.restart() })}`;
  }

  /** An answer as "Check your answers" shows it. */
  private display(f: Field, path: string): string {
    const v = getAt(this.draft, path);
    const none = msg('Not given');
    if (f.k === 'address') {
      const lines = ADDRESS.map((a) => getAt(v, a.p)).filter((x) => typeof x === 'string' && x.trim());
      return lines.length ? lines.join('\n') : none;
    }
    if (f.k === 'date') {
      const iso = isObject(v) ? dateValue(v) : '';
      return isIsoDate(iso) ? formatIsoDate(iso) : iso || none;
    }
    if (typeof v === 'boolean') return v ? msg('Yes') : msg('No');
    const labels = f.o?.() ?? {};
    if (Array.isArray(v)) return v.length ? v.map((x: string) => labels[x] ?? x).join('\n') : none;
    return typeof v === 'string' && v.trim() ? (labels[v] ?? v) : none;
  }

  private sent(l: number): TemplateResult {
    const next = this.loaded?.nextSteps;
    return html`<div class="panel" part="panel">
        ${heading(l, msg('Referral sent'), 'h')}
        <p>${msg('Your reference number')}<br /><strong class="reference">${this.reference}</strong></p>
      </div>
      <p>${msg('Keep this reference. Quote it if you contact the Children Missing Education team about this child.')}</p>
      ${heading(l + 1, msg('What happens next'), undefined, 'subheading')}
      <slot name="next-steps"
        >${next
          ? unsafeHTML(next)
          : html`<p>${msg('The Children Missing Education team will check the information and try to find out where the child is and whether they are getting a suitable education.')}</p>
              <p>${msg('They will contact you if they need to know more. You will not get a copy of your answers, so print this page or note the reference.')}</p>`}</slot
      >
      <p>${msg('If the child is at immediate risk of harm at any time, call the police on 999.')}</p>
      ${button(msg('Print this page'), { secondary: true, type: 'button', onClick: () => print() })}
      ${button(msg('Make another referral'), { secondary: true, type: 'button', onClick: () => this.restart() })}`;
  }

  // -------------------------------------------------------------------------------------------
  // Answers, navigation and checks

  /** Every keystroke and choice goes into the draft at once, so no page change can lose it. */
  private readonly input = (e: Event): void => {
    const t = e.target as HTMLInputElement;
    const name = t.name;
    if (!name) return;
    void loadSchema();
    const part = /^(.+)-(day|month|year)$/.exec(name);
    if (part) setAt(this.draft, `${part[1]}.${part[2]}`, t.value);
    else if (t.type === 'checkbox' && t.value === 'true') setAt(this.draft, name, t.checked || undefined);
    else if (t.type === 'checkbox') {
      const on = t.form!.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`);
      setAt(this.draft, name, [...on].map((i) => i.value));
    } else if (t.type === 'radio') setAt(this.draft, name, t.value === 'true' ? true : t.value === 'false' ? false : t.value);
    else setAt(this.draft, name, t.value);
    // Choices can show or hide other questions.
    this.changed(t.type === 'radio' || t.type === 'checkbox');
  };

  /** Records a change (to the answers if `data`): saved with `save-draft`, and re-rendered if `render`. */
  private changed(render: boolean, data = true): void {
    if (data) this.touched = true;
    if (render) {
      this.resetPending = true;
      this.requestUpdate();
    }
    if (!this.saveDraft || !this.touched) return;
    try {
      const { website: _, ...draft } = this.draft;
      sessionStorage.setItem(this.storageKey(), JSON.stringify({ v: 1, draft, key: this.key, page: this.page }));
    } catch {
      // Storage full or blocked: the draft stays in memory.
    }
  }

  private storageKey(): string {
    return this.id ? `${STORAGE}#${this.id}` : STORAGE;
  }

  private restore(): void {
    if (!this.saveDraft) return;
    try {
      const s = JSON.parse(sessionStorage.getItem(this.storageKey()) ?? 'null') as { v?: number; draft?: Draft; key?: string; page?: PageId } | null;
      if (s?.v !== 1 || !isObject(s.draft)) return;
      this.draft = { ...newDraft(), ...s.draft };
      if (typeof s.key === 'string') this.key = s.key;
      if (PAGES.some((p) => p.id === s.page)) this.page = s.page!;
      this.restored = this.touched = true;
    } catch {
      // Unreadable: start afresh.
    }
  }

  /** Forgets the draft, its key and any stored copy. */
  private clear(): void {
    this.draft = newDraft();
    this.key = undefined;
    this.failure = undefined;
    this.changing = this.restored = this.touched = false;
    try {
      sessionStorage.removeItem(this.storageKey());
    } catch {
      // Nothing stored.
    }
  }

  private restart(push = true): void {
    this.clear();
    this.reference = '';
    if (push) this.go('safeguarding');
    else this.show('safeguarding');
  }

  /** Shows a page after a user action, with `errors` (or none). */
  private show(p: PageId, errors: ReferralError[] = []): void {
    if (p !== this.page) this.restored = false;
    this.page = p;
    this.errors = errors;
    this.moved = true;
    if (p === 'check' || p === 'sent') this.changing = false;
    this.changed(true, false);
  }

  /** Moves to a page and records it in the browser history (the page id only). */
  private go(p: PageId): void {
    this.steps.push(this.page, p);
    this.failure = undefined;
    this.show(p);
  }

  private change(p: PageId): void {
    this.go(p);
    this.changing = true;
  }

  /** The id an error should link to: the field (the first date part at fault), else the page heading. */
  private idFor(path: string): string {
    const ids = [...this.ids];
    return [`${path}-${this.faults[path]?.[0] ?? 'day'}`, path].find((i) => this.ids.has(i)) ?? ids.find((i) => i.startsWith(`${path}.`)) ?? 'h';
  }

  /** The draft as sent: hidden answers and turned-off sections left out. */
  private payload(): Draft {
    const d = JSON.parse(JSON.stringify(this.draft)) as Draft;
    // A section not started yet is an empty one, so each missing answer gets its own message.
    for (const s of ['safeguarding', 'referrer', 'child', 'education', 'concerns', 'declaration']) d[s] ??= {};
    for (const p of PAGES) for (const f of p.f ?? []) if (f.when && !f.when(this.draft)) setAt(d, f.p, undefined);
    const hidden = this.offSections();
    for (const s of hidden) delete d[s];
    if (hidden.includes('vulnerabilities') && hidden.includes('siblings')) delete d.siblings;
    return toPayload(d);
  }

  /** The errors of the page shown: the browser's date check, then the schema's, in page order. */
  private async check(p: Page): Promise<ReferralError[]> {
    const s = await loadSchema();
    const names = [...(this.renderRoot.querySelector('form')?.elements ?? [])].map((e) => (e as HTMLInputElement).name.replace(/-(day|month|year)$/, '')).filter(Boolean);
    const at = (path: string) => names.findIndex((n) => n === path || n.startsWith(`${path}.`));
    const own: ReferralError[] = [];
    this.faults = {};
    for (const path of new Set(names)) {
      const v = getAt(this.draft, path);
      if (!isObject(v) || !dateValue(v)) continue;
      const parts = { day: '', month: '', year: '', ...v } as DateParts;
      const label = this.labelOf(path);
      const r = checkDate({ day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() }, label, '');
      if ('error' in r) {
        own.push({ path, message: r.error });
        this.faults[path] = r.parts;
      }
    }
    const r = s.parseSections(this.payload(), p.s as SectionName[]);
    const seen = new Set<string>();
    return [...own, ...(r.ok ? [] : r.errors)]
      .filter((e) => at(e.path) >= 0 && !seen.has(e.path) && seen.add(e.path))
      .sort((a, b) => at(a.path) - at(b.path));
  }

  /** The label of the field at a path (list indexes ignored). */
  private labelOf(path: string): string {
    const bare = path.replace(/\.\d+\./, '.');
    for (const p of PAGES) {
      const f = [...(p.f ?? []), ...(p.list?.f.map((x) => ({ ...x, p: `${p.list!.p}.${x.p}` })) ?? [])].find((x) => x.p === bare);
      if (f) return f.l();
    }
    return '';
  }

  /** Errors from the final check or the relay: the first page holding one is shown with its errors. */
  private showErrors(errors: ReferralError[]): void {
    const flow = this.flow();
    const where = (e: ReferralError) => {
      const p = pageOf(e.path);
      return flow.includes(p) ? p : 'declaration';
    };
    const first = flow.find((p) => errors.some((e) => where(e) === p)) ?? 'declaration';
    this.faults = {};
    if (first !== this.page) this.go(first);
    if (first !== 'declaration') this.changing = true;
    this.show(
      first,
      errors.filter((e) => where(e) === first),
    );
  }

  private readonly submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    // One referral per click, however fast the clicks.
    if (this.busy) return;
    this.busy = true;
    try {
      const p = page(this.page);
      const errors = await this.check(p);
      if (errors.length) return this.show(p.id, errors);
      if (p.id === 'declaration') return await this.send();
      if (p.id === 'referrer-type' && !isSchool(this.draft)) {
        // School-only answers go when the referrer is not a school.
        for (const path of ['child.upn', 'education.deletionGround', 'concerns.dslAppraisal']) setAt(this.draft, path, undefined);
      }
      const flow = this.flow();
      // While changing an answer, come back to Check your answers, except through the pages it decides.
      const through = (p.id === 'safeguarding' && flow.includes('emergency')) || p.id === 'referrer-type';
      const next = this.changing && !through ? 'check' : flow[flow.indexOf(p.id) + 1]!;
      this.go(next);
    } finally {
      this.busy = false;
    }
  };

  private async send(): Promise<void> {
    const payload = this.payload();
    if (!this.skipClientValidation) {
      const r = (await loadSchema()).parseReferral(payload);
      if (!r.ok) return this.showErrors(r.errors);
    }
    this.key ??= newKey();
    this.failure = undefined;
    this.sending = true;
    this.changed(false, false);
    const wait = this.retryAt - Date.now();
    if (wait > 0) await sleep(wait);
    const C = CmeReferralForm;
    const r = await sendReferral(this.endpoint, payload, this.key, { timeout: C.timeout, retries: C.retries, maxWait: C.maxWait });
    this.sending = false;
    if (r.ok) {
      this.clear();
      this.reference = r.reference;
      this.go('sent');
      emit(this, 'cme-referral-sent', { reference: r.reference });
      return;
    }
    emit(this, 'cme-referral-failed', { reason: r.kind });
    const errors = r.kind === 'invalid' ? r.errors.filter((x) => x.path && x.path !== 'Idempotency-Key') : [];
    if (errors.length) return this.showErrors(errors);
    this.failure = r.kind === 'invalid' ? { ok: false, kind: 'refused', status: 400 } : r;
    if (r.kind === 'busy') this.retryAt = Date.now() + r.retryAfter! * 1000;
    this.moved = true;
  }
}
