import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { CmeElement } from '../../internal/cme-element.js';
import { emit } from '../../internal/events.js';
import { StepHistory } from '../../internal/step-history.js';
import { baseStyles } from '../../internal/styles.js';
import { formStyles } from '../../internal/form-styles.js';
import { backLink } from '../../internal/form-fields.js';
import { errorSummary, errorTitle } from '../../internal/error-summary.js';
import type { Answers } from '../../core/referral/answers.js';
import { applyPrefill, type WizardPrefill } from '../../core/referral/handoff.js';
import {
  dropSchoolOnlyAnswers,
  HIDEABLE_SECTIONS,
  journeyPage,
  nextPage,
  pageForErrors,
  pagesFor,
  previousPage,
  pruneAnswers,
  type HideableSection,
  type JourneyPage,
  type PageId,
} from '../../core/referral/journey.js';
import type { ReferralError } from '../../core/referral/schema.js';
import { errorTarget, readInput } from './fields.js';
import { renderPage } from './page-form.js';
import { checkPage } from './page-check.js';
import { changeLinkId, renderCheckAnswers } from './check-answers.js';
import { loadLater, ReferralController } from './referral-controller.js';
import { restoredNotice, sent, unreachable } from './views.js';
import { check, type FormSettings } from './form-config.js';
import { ConfigController } from '../../internal/config/controller.js';
import { DEFAULT_PROFILE } from '../../core/profile.js';
import { referralFormStyles } from './cme-referral-form.styles.js';

export type { ReferralFailedDetail, ReferralSentDetail, ReferralStepDetail } from './events.js';

/** History state key; its value is a page id only. */
const KEY = 'cmeReferral';

/**
 * What follows the next render: `reset` shows this page's answers in reused inputs; `moved` (a
 * new page or errors) focuses the error summary, notice or heading, sets the title and announces
 * the step; `focus` then focuses an element (a new list item, the "Change" link of the row changed).
 */
type After = { reset?: boolean; moved?: boolean; focus?: string };

/**
 * The Children Missing Education referral (docs/law.md, "The referral"), one topic per page in
 * the GOV.UK style: safeguarding first, then the referrer, the child, parents or carers,
 * education, vulnerabilities and siblings, enquiries already made, concerns, "Check your
 * answers", the declaration with the privacy notice, and a confirmation with the reference. The
 * journey (which pages apply, pruning, where errors go) is data in `core/referral/journey.ts`;
 * each page is checked with the shared referral schema (`parseSections`) and the whole referral
 * on sending (`parseReferral`), then posted to the relay (`endpoint`; docs/relay.md).
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
  /** Shown when the referral cannot be sent (default: the council profile's team, else Worcestershire's). */
  teamEmail?: string;
  teamPhone?: string;
  /** A link to the council's full privacy notice (default: the council profile's). */
  privacyUrl?: string;
  /** URL of a JSON config (same shape as the inline script). */
  configSrc?: string;
  /**
   * Test seam, not for pages: skip the browser's check before sending, so tests can prove that
   * the relay's own 400 errors land on the right fields (the browser catches them all otherwise).
   * @internal
   */
  skipClientValidation = false;

  /** The answers, their key, storage and sending. */
  private readonly referral = new ReferralController(this, () => {
    const C = this.constructor as typeof CmeReferralForm;
    return { timeout: C.timeout, retries: C.retries, maxWait: C.maxWait };
  });
  private page: PageId = 'safeguarding';
  private errors: ReferralError[] = [];
  /** Date parts at fault, by path (from the browser's own date check). */
  private faults: Record<string, readonly string[]> = {};
  /** Editor settings and the council profile (the check ships with the form; DOMPurify loads only for editor HTML). */
  private readonly settings = new ConfigController<FormSettings>(this, {}, () => Promise.resolve({ check }));
  /** Came here with "Change": the id of the link to come back to, on "Check your answers". */
  private changing?: string | undefined;
  private restored = false;
  /** A Continue or Send is being handled (one at a time, however fast the clicks). */
  private busy = false;
  private sentAs = { reference: '', receipt: false };
  private pending: After = {};
  private shown?: PageId;
  /** Ids of the fields rendered, in order (for error links). */
  private ids = new Set<string>();

  private readonly steps = new StepHistory(this, KEY, () => this.history, (step) => {
    const p = step as PageId;
    if (p === this.page) return;
    if (this.page === 'sent') this.restart(false);
    else if (this.flow().includes(p)) this.show(p);
  });

  /** The answers so far, and whether they are being sent (tests read them; never logged). @internal */
  get draft(): Answers {
    return this.referral.answers;
  }
  get sending(): boolean {
    return this.referral.sending;
  }

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
    applyPrefill(this.draft, data);
    this.changed(true);
    await this.updateComplete;
  }

  protected override willUpdate(): void {
    if (!this.hasUpdated) {
      const r = this.referral.restore();
      if (r) {
        this.restored = true;
        if (r.page) this.page = r.page;
      }
    }
  }

  protected override render(): unknown {
    const c = this.settings;
    if (c.errorView) return c.errorView();
    // Until the editor's settings are in, keep showing their fallback in the reserved space.
    if (c.state === 'loading') return html`<slot></slot>`;
    const l = this.level();
    const p = this.page;
    if (p === 'sent') return sent({ level: l, ...this.sentAs, nextSteps: c.value.nextSteps, restart: () => this.restart() });
    this.ids = new Set();
    const body =
      p === 'check'
        ? renderCheckAnswers({
            answers: this.draft,
            hidden: this.offSections(),
            flow: this.flow(),
            level: l,
            change: (to, link) => this.change(to, link),
            next: () => this.go('declaration'),
            restart: () => this.restart(),
          })
        : this.form(journeyPage(p), l);
    const prev = previousPage(p, this.position());
    return html`${prev ? backLink(() => this.go(prev)) : nothing}
      ${this.restored ? restoredNotice(() => this.restart()) : nothing}
      ${errorSummary(this.errors.map((e) => ({ id: errorTarget(this.ids, this.faults, e.path), text: e.message })), l)} ${body}`;
  }

  protected override updated(): void {
    const r = this.renderRoot as ShadowRoot;
    const a = this.pending;
    this.pending = {};
    // Lit may reuse inputs of another page or list item: show this draft's values.
    if (a.reset) r.querySelector('form')?.reset();
    // The confirmation's heading is named with the reference too: focus on it announces both.
    if (this.page === 'sent') r.getElementById('h')?.setAttribute('aria-labelledby', 'h-title sent-reference');
    if (a.moved) {
      errorTitle(this.errors.length > 0);
      r.querySelector<HTMLElement>(this.errors.length ? '.error-summary' : this.referral.failure ? '.notice' : '#h')?.focus();
      if (this.page !== this.shown) emit(this, 'cme-referral-step', { pageId: this.page });
    }
    this.shown = this.page;
    if (a.focus) r.getElementById(a.focus)?.focus();
  }

  /** Sections turned off by `hide-sections` or the config. */
  private offSections(): HideableSection[] {
    const off = Object.entries(this.settings.value.sections ?? {}).filter(([, v]) => !v);
    const all = [...this.hideSections.split(/[\s,]+/), ...off.map(([k]) => k)];
    return HIDEABLE_SECTIONS.filter((s) => all.includes(s));
  }

  /** The pages on this referral's path, in order. */
  private flow(): PageId[] {
    return pagesFor(this.draft, this.offSections());
  }

  private position() {
    return { answers: this.draft, hidden: this.offSections(), changing: this.changing !== undefined };
  }

  private form(pg: JourneyPage, l: number): TemplateResult {
    const s = this.settings.value;
    const listChanged = (focus: string) => {
      this.pending.focus = focus;
      this.changed(true);
    };
    const errorAt = (path: string) => this.errors.find((e) => e.path === path)?.message;
    return renderPage({
      page: pg,
      level: l,
      hidden: this.offSections(),
      fields: { answers: this.draft, errorAt, faults: this.faults, ids: this.ids, listChanged },
      declaration: {
        level: l,
        failure: this.referral.failure,
        config: s,
        teamEmail: this.teamEmail ?? s.team?.email ?? DEFAULT_PROFILE.team.email,
        teamPhone: this.teamPhone ?? s.team?.phone ?? DEFAULT_PROFILE.team.phone,
        privacyUrl: this.privacyUrl ?? s.privacyUrl,
      },
      sending: this.referral.sending,
      submit: this.submit,
      input: this.input,
      retry: () => this.renderRoot.querySelector('form')!.requestSubmit(),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Answers, navigation and checks

  /** Every keystroke and choice goes into the draft at once, so no page change can lose it. */
  private readonly input = (e: Event): void => {
    const t = e.target as HTMLInputElement;
    if (!t.name) return;
    // Ahead of the first Continue; a failed load is tried again then.
    loadLater().catch(() => undefined);
    readInput(this.draft, t);
    // Choices can show or hide other questions.
    this.changed(t.type === 'radio' || t.type === 'checkbox');
  };

  /** Records a change (to the answers if `data`): saved with `save-draft`, and re-rendered if `render`. */
  private changed(render: boolean, data = true): void {
    if (data) this.referral.touched = true;
    if (render) {
      this.pending.reset = true;
      this.requestUpdate();
    }
    this.referral.persist(this.page);
  }

  private restart(push = true): void {
    this.referral.clear();
    this.changing = undefined;
    this.restored = false;
    this.sentAs = { reference: '', receipt: false };
    if (push) this.go('safeguarding');
    else this.show('safeguarding');
  }

  /** Shows a page after a user action, with `errors` (or none). */
  private show(p: PageId, errors: ReferralError[] = []): void {
    if (p !== this.page) this.restored = false;
    const back = p === 'check' ? this.changing : undefined;
    if (p === 'check' || p === 'sent') this.changing = undefined;
    this.page = p;
    this.errors = errors;
    this.pending.moved = true;
    // Back on "Check your answers" after a change: on the row that was changed.
    if (back && !errors.length) this.pending.focus = back;
    this.changed(true, false);
  }

  /** Moves to a page and records it in the browser history (the page id only). */
  private go(p: PageId): void {
    this.steps.push(this.page, p);
    this.referral.failure = undefined;
    this.show(p);
  }

  private change(p: PageId, link: string): void {
    this.go(p);
    this.changing = link;
  }

  /** The errors of the page shown (and the date parts at fault, for the outlines). */
  private async check(p: JourneyPage): Promise<ReferralError[]> {
    const names = [...(this.renderRoot.querySelector('form')?.elements ?? [])].map((e) => (e as HTMLInputElement).name);
    // Its code did not load (the connection dropped): say so; the next press tries again.
    const r = (await loadLater().then((later) => checkPage(later, this.draft, this.offSections(), p, names), () => undefined)) ?? { faults: {}, errors: [unreachable()] };
    this.faults = r.faults;
    return r.errors;
  }

  /** Errors from the final check or the relay: the first page holding one is shown with its errors. */
  private showErrors(errors: ReferralError[]): void {
    const where = pageForErrors(errors, this.draft, this.offSections());
    this.faults = {};
    if (where.page !== this.page) this.go(where.page);
    if (where.page !== 'declaration') this.changing = changeLinkId(where.errors[0]?.path ?? '');
    this.show(where.page, where.errors);
  }

  private readonly submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    // One referral per click, however fast the clicks.
    if (this.busy) return;
    this.busy = true;
    try {
      const p = journeyPage(this.page);
      const errors = await this.check(p);
      if (errors.length) return this.show(p.id, errors);
      if (p.id === 'declaration') return await this.send();
      // School-only answers go when the referrer is not a school.
      if (p.id === 'referrer-type') dropSchoolOnlyAnswers(this.draft);
      this.go(nextPage(p.id, this.position()));
    } finally {
      this.busy = false;
    }
  };

  private async send(): Promise<void> {
    const payload = pruneAnswers(this.draft, this.offSections());
    if (!this.skipClientValidation) {
      const r = (await loadLater()).parseReferral(payload);
      if (!r.ok) return this.showErrors(r.errors);
    }
    const r = await this.referral.send(payload, this.page);
    if (r.ok) {
      this.sentAs = { reference: r.reference, receipt: r.receipt };
      this.go('sent');
      emit(this, 'cme-referral-sent', { reference: r.reference });
      return;
    }
    emit(this, 'cme-referral-failed', { reason: r.reason });
    if ('errors' in r) return this.showErrors(r.errors);
    this.pending.moved = true;
    this.requestUpdate();
  }
}
