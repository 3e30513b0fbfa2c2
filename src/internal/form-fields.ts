import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

/*
 * GOV.UK form primitives as Lit template functions (style them with `formStyles`). They hold no
 * state: the caller renders them from its own state and reads values on submit (`FormData`).
 * Stored answers are rendered as *default* values (`checked` / `value` attributes), so what the
 * user types survives re-renders (e.g. showing errors); when the same DOM is reused for another
 * question, call `form.reset()` after rendering to show that question's stored answers.
 * Ids are local to the render root; the id of the first input of a field is the one the error
 * summary links to.
 */

/** A radio or checkbox choice. */
export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** What every field group takes. `legend` is any content, e.g. `heading(level, title)` (legend as page heading). */
export interface FieldsetOptions {
  /** Base id: hint `${id}-hint`, error `${id}-error`; the first input gets `id` itself (radios) or `${id}-day` (dates). */
  id: string;
  legend: unknown;
  hint?: string;
  /** Error message text (without "Error:"); when set the group shows the red error border. */
  error?: string;
}

/** The inline error message with its visually hidden "Error:" prefix. */
export const errorMessage = (id: string, text?: string): TemplateResult | typeof nothing =>
  text ? html`<p id="${id}-error" class="error-message"><span class="visually-hidden">${msg('Error:')}</span> ${text}</p>` : nothing;

type Described = { id: string; hint?: string | undefined; error?: string | undefined };

/** The `aria-describedby` of a field: its hint and error message, when shown. */
export const describedBy = (o: Described): string | typeof nothing =>
  [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].join(' ').trim() || nothing;

/** The hint and error message under a label or legend (`describedBy` links them). */
export const hintAndError = (o: Described): TemplateResult =>
  html`${o.hint ? html`<div id="${o.id}-hint" class="hint">${o.hint}</div>` : nothing} ${errorMessage(o.id, o.error)}`;

/**
 * A form group with a fieldset whose `<legend>` holds `o.legend`, then the hint and error
 * message (both linked with `aria-describedby`), then `content`.
 */
export function fieldset(o: FieldsetOptions, content: unknown): TemplateResult {
  return html`<div class="group ${o.error ? 'group-error' : ''}">
    <fieldset aria-describedby=${describedBy(o)}>
      <legend>${o.legend}</legend>
      ${hintAndError(o)} ${content}
    </fieldset>
  </div>`;
}

/** One radio or checkbox with its label and optional hint (linked by `aria-describedby`). */
export function choice(type: 'radio' | 'checkbox', id: string, name: string, c: Choice, checked: boolean): TemplateResult {
  return html`<div class="choice">
    <input type=${type} id=${id} name=${name} value=${c.value} ?checked=${checked} aria-describedby=${c.hint ? `${id}-item-hint` : nothing} />
    <label for=${id}>${c.label}</label>
    ${c.hint ? html`<div id="${id}-item-hint" class="hint">${c.hint}</div>` : nothing}
  </div>`;
}

/** The "or" divider before an exclusive choice such as "I do not know". */
export const or = (): TemplateResult => html`<div class="or">${msg('or')}</div>`;

export interface RadiosOptions extends FieldsetOptions {
  /** The form field name (`FormData.get(name)` is the chosen value). */
  name: string;
  items: Choice[];
  /** The value to show as chosen. */
  value?: string | undefined;
  /** An extra choice after an "or" divider (e.g. "I do not know"). */
  orItem?: Choice | undefined;
}

/** GOV.UK radios: a fieldset with the question as legend; the first radio's id is `o.id`. */
export function radios(o: RadiosOptions): TemplateResult {
  const items = o.orItem ? [...o.items, o.orItem] : o.items;
  return fieldset(
    o,
    items.map(
      (c, i) => html`${c === o.orItem ? or() : nothing}${choice('radio', i ? `${o.id}-${i}` : o.id, o.name, c, o.value === c.value)}`,
    ),
  );
}

/** The green primary button ("Continue", "Start now"); `secondary` for the grey one. Default `type` is `submit`. */
export const button = (label: string, o: { secondary?: boolean; type?: 'submit' | 'button'; onClick?: (e: Event) => void } = {}): TemplateResult =>
  html`<button class="button ${o.secondary ? 'secondary' : ''}" type=${o.type ?? 'submit'} @click=${o.onClick}>${label}</button>`;

/** A link that runs `action` instead of navigating (inside shadow DOM a `#` link cannot). */
export const actionLink = (content: unknown, action: () => void, cls = '', id = ''): TemplateResult =>
  html`<a
    class=${cls || nothing}
    id=${id || nothing}
    href="#"
    @click=${(e: Event) => {
      e.preventDefault();
      action();
    }}
    >${content}</a
  >`;

/** The GOV.UK "Back" link. */
export const backLink = (action: () => void): TemplateResult => actionLink(msg('Back'), action, 'back-link');

/** A "Change" link whose visually hidden text names what it changes; `id` lets focus come back to it. */
export const changeLink = (name: string, action: () => void, id?: string): TemplateResult =>
  actionLink(html`${msg('Change')}<span class="visually-hidden"> ${name}</span>`, action, '', id);

/** A row of the summary list; `change` adds a "Change" link whose hidden text names the row (its id `link`). */
export interface SummaryRow {
  key: string;
  value: unknown;
  change?: (() => void) | undefined;
  link?: string | undefined;
}

/** The GOV.UK summary list ("Check your answers"). */
export const summaryList = (rows: SummaryRow[]): TemplateResult =>
  html`<dl class="summary" part="summary">
    ${rows.map(
      (r) => html`<div>
        <dt>${r.key}</dt>
        <dd>${r.value}</dd>
        ${r.change ? html`<dd class="act">${changeLink(r.key, r.change, r.link)}</dd>` : nothing}
      </div>`,
    )}
  </dl>`;
