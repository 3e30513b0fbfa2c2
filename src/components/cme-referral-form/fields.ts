import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { errorMessage } from '../../internal/form-fields.js';

/*
 * Text fields for the referral form, in the style of the GOV.UK primitives in
 * `src/internal/form-fields.ts` (which has radios, checkboxes and the fieldset): the label, the
 * hint, the error message (with its hidden "Error:") and the control all sit in one render root,
 * linked by `for` and `aria-describedby`. The id is also the field's name (its payload path).
 * Values are rendered as defaults, like the primitives: the form calls `form.reset()` after a
 * structural re-render, and every keystroke is already in the draft.
 */
export interface TextOptions {
  id: string;
  label: unknown;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  /** Control: an input of this type (default `text`), a textarea, or a select with these options. */
  type?: 'text' | 'email' | 'tel' | 'area' | 'select';
  options?: [string, string][] | undefined;
  /** `autocomplete` token: only for the person's own details; everything else is `off`. */
  autocomplete?: string | undefined;
  /** Names, emails, postcodes and codes: no spell check. */
  exact?: boolean | undefined;
  /** Postcodes and codes: capital letters on phone keyboards. */
  caps?: boolean | undefined;
  /** Width class (`w10`, `w20`). */
  width?: string | undefined;
}

const describedBy = (o: { id: string; hint?: string | undefined; error?: string | undefined }) =>
  [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].join(' ').trim() || nothing;

/** A GOV.UK text input, textarea or select with its label, hint and error message. */
export function textField(o: TextOptions): TemplateResult {
  const cls = `field ${o.width ?? ''} ${o.error ? 'input-error' : ''}`;
  const by = describedBy(o);
  const control =
    o.type === 'area'
      ? html`<textarea id=${o.id} name=${o.id} rows="5" class=${cls} aria-describedby=${by} .defaultValue=${o.value}></textarea>`
      : o.type === 'select'
        ? html`<select id=${o.id} name=${o.id} class=${cls} aria-describedby=${by}>
            <option value="">${msg('Select an option')}</option>
            ${o.options!.map(([v, l]) => html`<option value=${v} ?selected=${v === o.value}>${l}</option>`)}
          </select>`
        : html`<input
            id=${o.id}
            name=${o.id}
            type=${o.type ?? 'text'}
            class=${cls}
            autocomplete=${o.autocomplete ?? 'off'}
            spellcheck=${o.exact ? 'false' : nothing}
            autocapitalize=${o.caps ? 'characters' : nothing}
            aria-describedby=${by}
            value=${o.value}
          />`;
  return html`<div class="group ${o.error ? 'group-error' : ''}">
    <label class="label" for=${o.id}>${o.label}</label>
    ${o.hint ? html`<div id="${o.id}-hint" class="hint">${o.hint}</div>` : nothing} ${errorMessage(o.id, o.error)} ${control}
  </div>`;
}
