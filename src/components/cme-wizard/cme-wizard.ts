import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { CmeElement } from '../../internal/cme-element.js';
import { emit } from '../../internal/events.js';
import { StepHistory } from '../../internal/step-history.js';
import { heading } from '../../internal/heading.js';
import { baseStyles } from '../../internal/styles.js';
import { formStyles } from '../../internal/form-styles.js';
import { backLink, button, choice, or, radios, summaryList } from '../../internal/form-fields.js';
import { checkDate, dateInput, DATE_PARTS } from '../../internal/date-input.js';
import { exclusive, readDate } from '../../internal/form-read.js';
import { errorSummary, errorTitle, type FieldError } from '../../internal/error-summary.js';
import { contactList } from '../../internal/contacts.js';
import { formatIsoDate } from '../../internal/format.js';
import { isIsoDate, typedDate } from '../../core/iso-date.js';
import { londonDate } from '../../core/london-date.js';
import { cmeFlow } from '../../core/wizard/cme-flow.js';
import { answerLabel, answerProblem, fillBlocks, nextNode, optionsOf, outcomeOf, questionOf, walk, type WalkResult } from '../../core/wizard/engine.js';
import type { CaseFacts } from '../../core/wizard/classify.js';
import type { WizardPrefill } from '../../core/referral/handoff.js';
import type { Block, Flow, Outcome, Question } from '../../core/wizard/types.js';
import { check, type FlowSource } from './wizard-config.js';
import { ConfigController } from '../../internal/config/controller.js';
import { wizardStyles } from './cme-wizard.styles.js';

/** The hand-off contract lives in core: the wizard builds it, the form applies it. */
export type { WizardPrefill };

/**
 * The hand-off contract for the element that receives a referral (`<cme-referral-form>`): the
 * wizard calls `prefill(data)` (awaiting the element's definition first), then scrolls to it and
 * calls its `focus()`, which should move focus to the form's first heading or question. The form
 * should fill only fields the user has not filled, skip `undefined` ones, and keep the data no
 * longer than its own draft rules allow. Mapping: see {@link WizardPrefill}.
 */
export interface ReferralTarget extends HTMLElement {
  prefill(data: WizardPrefill): void | Promise<void>;
}

/** Detail of `cme-wizard-step`: the step now shown (question id, `check-answers`, or the outcome id). */
export interface WizardStepDetail {
  stepId: string;
}
/** Detail of `cme-wizard-outcome`: the outcome and the question ids on the way (no answers). */
export interface WizardOutcomeDetail {
  outcomeId: string;
  path: string[];
}
/** Detail of `cme-wizard-referral` (cancelable: `preventDefault()` stops the hand-off). */
export interface WizardReferralDetail {
  outcomeId: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cme-wizard-step': CustomEvent<WizardStepDetail>;
    'cme-wizard-outcome': CustomEvent<WizardOutcomeDetail>;
    'cme-wizard-referral': CustomEvent<WizardReferralDetail>;
  }
}

/** History state key; the value is a step id only (never an answer). */
const KEY = 'cmeWizard';
/** Views that are not questions (ids in flows cannot start with ":"). */
const CHECK = ':check';
const OUTCOME = ':outcome';

// Error messages for the default flow's questions (GOV.UK "Select yes if…" style).
const SELECT: Record<string, () => string> = {
  'immediate-risk': () => msg('Select yes if the child is at immediate risk of harm'),
  'age-band': () => msg('Select roughly how old the child is'),
  registered: () => msg('Select yes if the child is on the roll of a school'),
  whereabouts: () => msg('Select yes if the school or another agency knows where the child is'),
  education: () => msg('Select what education the child is receiving'),
  'home-education-assessed': () => msg('Select yes if the local authority has assessed the home education as unsuitable'),
};

/** Dispatches a bubbling, composed `cme-wizard-*` event; false if a listener cancelled it. */

const yesNo = (v?: string): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);

/**
 * "Is this child missing education?": a GOV.UK Smart Answers style wizard, one question per
 * page, that ends in an outcome saying what the case is (children missing education, elective
 * home education, a school attendance matter…), who is responsible and what to do next. It runs
 * the flow data of `src/core/wizard` (docs/law.md#who-is-cme); councils change its wording, contacts
 * or the whole flow through config (`{"flow": …, "content": …}` in a child
 * `<script type="application/json">`, a `data-config` attribute, or `config-src`).
 *
 * Answers stay in memory only. The browser Back button steps back through the questions
 * (history entries carry the step id only; the URL never changes); set `history="false"` where
 * the page manages history itself, or for a second wizard on one page.
 *
 * The "Make a referral" action links to `referral-url`, or, when a `<cme-referral-form>` (or the
 * element `referral-target` selects) is on the page, fires `cme-wizard-referral` and calls the
 * element's `prefill()` with what the wizard knows (see `WizardPrefill`, `ReferralTarget`).
 *
 * Children of the element are not rendered once it runs: use them as the no-JavaScript fallback.
 *
 * @tagname cme-wizard
 * @summary Eligibility wizard: is this CME, elective home education or an attendance matter?
 *
 * @fires cme-wizard-step - A new step is shown. `detail: { stepId }` (question id, `check-answers` or the outcome id).
 * @fires cme-wizard-outcome - The outcome is shown. `detail: { outcomeId, path }` (question ids only).
 * @fires cme-wizard-referral - "Make a referral" was pressed. `detail: { outcomeId }`; cancelable.
 *
 * @csspart heading - The page heading of each step (and the outcome's subheadings).
 * @csspart error-summary - The "There is a problem" box.
 * @csspart summary - The list of answers ("Check your answers" and the outcome).
 * @csspart outcome - The outcome.
 * @csspart config-error - The message shown to editors when the configuration is broken.
 *
 * @cssprop --cme-button-colour - Primary button (default #00703c).
 * @cssprop --cme-error-colour - Errors and urgent outcomes (default #d4351c).
 * @cssprop --cme-focus-colour - Focus highlight (default #ffdd00).
 * @cssprop --cme-link-colour - Link colour (default #1d70b8).
 * @cssprop --cme-max-width - Maximum width (default 40em).
 */
export class CmeWizard extends CmeElement {
  static override styles = [baseStyles, formStyles, wizardStyles];
  static override properties: PropertyDeclarations = {
    referralUrl: { attribute: 'referral-url' },
    referralTarget: { attribute: 'referral-target' },
    history: { converter: (v: string | null) => v !== 'false' },
    configSrc: { attribute: 'config-src' },
    view: { state: true, attribute: false },
    error: { state: true, attribute: false },
  };

  /** Where "Make a referral" goes when no referral form is on the page. */
  referralUrl?: string;
  /** CSS selector of the element that receives the referral hand-off (default: the first `cme-referral-form`). */
  referralTarget?: string;
  /** Browser Back steps back through the wizard (default true; `history="false"` turns it off). */
  history = true;
  /** URL of a JSON config (same shape as the inline script). */
  configSrc?: string;

  /** The view asked for: a question id, `:check` or `:outcome` (resolved against the answers). */
  private view = '';
  private error?: FieldError & { parts: string[] };
  // The check ships with the wizard; zod only for a council's own flow or wording.
  private readonly config = new ConfigController<FlowSource>(this, () => cmeFlow(), () => Promise.resolve({ check }));
  /** Answers by question id, in memory only. */
  private answers: Record<string, string> = {};
  private changing = false;
  /** Set by user steps: focus and events follow the next render. */
  private moved = false;
  private flow?: Flow;
  private w!: WalkResult;
  /** The view rendered (resolved), and the one the last events were for. */
  private shown = '';
  private announced = '';

  private readonly steps = new StepHistory(this, KEY, () => this.history, (step) => this.show(step));

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    errorTitle(false);
  }

  protected override willUpdate(): void {
    const c = this.config;
    const f = c.state === 'loading' || c.errorView ? undefined : c.value();
    this.flow = f && 'questions' in f ? f : undefined;
    if (!this.flow) return;
    const w = (this.w = walk(this.flow, this.answers, londonDate()));
    const v = this.view;
    this.shown = v[0] === ':' ? (w.outcome ? v : w.current!) : w.path.includes(v) ? v : (w.current ?? CHECK);
  }

  protected override render(): unknown {
    const f = this.flow;
    // While an editor's config loads, hold the space of a question page (no layout shift).
    const c = this.config;
    if (!f) return c.state === 'loading' ? html`<div class="loading" aria-busy="true"></div>` : (c.errorView ?? c.value)();
    const v = this.shown;
    const w = this.w;
    const l = this.level();
    if (v === OUTCOME) return this.outcome(outcomeOf(f, w.outcome!)!, l);
    if (v === CHECK) {
      return html`${backLink(() => this.go(w.path[w.path.length - 1]!))} ${heading(l, msg('Check your answers'))} ${this.answerList(f)}
      ${button(msg('Continue'), { type: 'button', onClick: () => this.go(OUTCOME) })}`;
    }
    const q = questionOf(f, v)!;
    const e = this.error;
    const stored = this.answers[v];
    const dk = q.dontKnow;
    const prev = this.changing && w.outcome ? CHECK : w.path[w.path.indexOf(v) - 1];
    const o = { id: v, name: v, legend: heading(l, q.title), hint: q.hint, error: e?.text };
    return html`${prev ? backLink(() => this.go(prev)) : nothing} ${errorSummary(e ? [e] : [], l)}
      <form novalidate @submit=${(ev: SubmitEvent) => this.submit(ev, q)} @input=${exclusive}>
        ${q.type === 'date-of-birth'
          ? dateInput({
              ...o,
              value: typedDate(stored),
              errorParts: e?.parts,
              bday: true,
              after: dk ? html`${or()}${choice('checkbox', `${v}-dk`, v, dk, stored === dk.value)}` : nothing,
            })
          : radios({ ...o, items: optionsOf(q), value: stored, orItem: dk })}
        ${button(msg('Continue'))}
      </form>`;
  }

  protected override updated(): void {
    const v = this.shown;
    const was = this.announced;
    this.announced = v;
    if (!this.moved) return;
    this.moved = false;
    errorTitle(!!this.error);
    const r = this.renderRoot;
    r.querySelector<HTMLElement>('[tabindex="-1"]')?.focus();
    if (v === was) return;
    // Lit may reuse the previous question's inputs: show this question's stored answer.
    r.querySelector('form')?.reset();
    const outcomeId = this.w.outcome!;
    emit(this, 'cme-wizard-step', { stepId: v === CHECK ? 'check-answers' : v === OUTCOME ? outcomeId : v });
    if (v === OUTCOME) emit(this, 'cme-wizard-outcome', { outcomeId, path: [...this.w.path] });
  }

  /** Shows a view after a user action (no new history entry). */
  private show(view: string): void {
    this.view = view;
    this.error = undefined;
    this.moved = true;
    if (view[0] === ':') this.changing = false;
  }

  /** Moves to a view and records it in the browser history (step id only). */
  private go(view: string): void {
    this.steps.push(this.shown, view);
    this.show(view);
  }

  private submit(e: SubmitEvent, q: Question): void {
    e.preventDefault();
    const f = this.flow!;
    const today = londonDate();
    const data = new FormData(e.target as HTMLFormElement);
    let value = String(data.get(q.id) ?? '');
    let text: string | undefined;
    let parts: string[] = [];
    if (q.type === 'date-of-birth' && !value) {
      const label = msg('Date of birth');
      const d = checkDate(
        readDate(data, q.id),
        label,
        q.dontKnow ? msg(str`Enter the date of birth or select ‘${q.dontKnow.label}’`) : msg('Enter the date of birth'),
      );
      if ('iso' in d) {
        value = d.iso;
        if (answerProblem(q, value, today)) [text, parts] = [msg(str`${label} must be in the past`), [...DATE_PARTS]];
      } else [text, parts] = [d.error, d.parts];
    } else if (answerProblem(q, value, today)) text = SELECT[q.id]?.() ?? msg(str`Select an answer to: ${q.title}`);
    if (text) {
      this.error = { id: parts.length ? `${q.id}-${parts[0]}` : q.id, text, parts };
      this.moved = true;
      return;
    }
    this.answers[q.id] = value;
    const next = this.changing && walk(f, this.answers, today).outcome ? CHECK : nextNode(f, q.id, this.answers, today)!;
    this.go(outcomeOf(f, next) ? CHECK : next);
  }

  /** The answers on the path, each with a "Change" link. */
  private answerList(f: Flow): TemplateResult {
    return summaryList(
      this.w.path.map((id) => {
        const q = questionOf(f, id)!;
        const a = this.answers[id]!;
        return {
          key: q.title,
          value: q.type === 'date-of-birth' && isIsoDate(a) ? formatIsoDate(a) : answerLabel(q, a),
          change: () => {
            this.go(id);
            this.changing = true;
          },
        };
      }),
    );
  }

  private outcome(o: Outcome, l: number): TemplateResult {
    const values = Object.fromEntries(Object.entries(this.w.values).map(([k, v]) => [k, formatIsoDate(v)]));
    const blocks = (b: Block[]) =>
      fillBlocks(b, values).map((x) =>
        typeof x === 'string'
          ? html`<p>${x}</p>`
          : x.type === 'list'
            ? html`<ul>
                ${x.items.map((i) => html`<li>${i}</li>`)}
              </ul>`
            : html`<p><a href=${x.href}>${x.text}</a></p>`,
      );
    const sub = (t: string) => heading(l + 1, t);
    return html`${backLink(() => this.go(CHECK))}
      <div part="outcome" class=${o.tone ?? ''}>
        ${heading(l, o.title)} ${blocks(o.body)} ${o.nextSteps.length ? html`${sub(msg('What to do next'))} ${blocks(o.nextSteps)}` : nothing}
        ${o.contacts?.length
          ? html`${sub(msg('Contacts'))}
              ${contactList(o.contacts)}`
          : nothing}
        ${o.actions?.map((a) =>
          a.kind === 'link' || (this.referralUrl && !this.target())
            ? html`<a class="button" href=${'href' in a ? a.href : this.referralUrl!}>${a.label}</a>`
            : button(a.label, { type: 'button', onClick: () => void this.refer(o.id) }),
        )}
      </div>
      ${sub(msg('Your answers'))} ${this.answerList(this.flow!)}
      ${button(msg('Start again'), {
        secondary: true,
        type: 'button',
        onClick: () => {
          this.answers = {};
          this.go(this.flow!.start);
        },
      })}`;
  }

  private target(): HTMLElement | null {
    return (this.getRootNode() as ParentNode).querySelector(this.referralTarget || 'cme-referral-form');
  }

  /** What the wizard knows, for the referral form (see {@link WizardPrefill}). */
  private prefillData(outcomeId: string): WizardPrefill {
    const a: Record<string, string> = Object.fromEntries(this.w.path.map((id) => [id, this.answers[id]!]));
    const dob = a['date-of-birth'];
    return {
      outcomeId,
      answers: a,
      immediateRisk: yesNo(a['immediate-risk']),
      dateOfBirth: isIsoDate(dob) ? dob : undefined,
      registeredAtSchool: a['registered'] as CaseFacts['registeredAtSchool'],
      whereaboutsKnown: yesNo(a['whereabouts']),
      education: a['education'] as CaseFacts['education'],
      homeEducationAssessedUnsuitable: yesNo(a['home-education-assessed']),
    };
  }

  /** The referral hand-off: event (no personal data), then `prefill()` on the form, scroll and focus. */
  private async refer(outcomeId: string): Promise<void> {
    const data = this.prefillData(outcomeId);
    const t = this.target();
    if (!emit(this, 'cme-wizard-referral', { outcomeId }, true) || !t) return;
    if (t.localName.includes('-')) await customElements.whenDefined(t.localName);
    await (t as Partial<ReferralTarget>).prefill?.(data);
    t.scrollIntoView();
    t.focus();
  }
}
