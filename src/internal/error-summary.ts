import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { heading } from './heading.js';

/** One problem: the message and the id of the input it is about (in the same render root). */
export interface FieldError {
  id: string;
  text: string;
}

/**
 * Inside shadow DOM a `href="#id"` link cannot reach the field, so the click is handled: the
 * field's legend (or label) is scrolled into view and the field focused (GOV.UK behaviour).
 */
function jump(e: Event): void {
  const a = e.currentTarget as HTMLAnchorElement;
  e.preventDefault();
  const root = a.getRootNode() as ShadowRoot | Document;
  const field = root.getElementById(a.getAttribute('href')!.slice(1));
  if (!field) return;
  (field.closest('fieldset')?.querySelector('legend') ?? root.querySelector(`label[for="${field.id}"]`) ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}

/**
 * The GOV.UK error summary ("There is a problem"), or nothing when there are no errors. It has
 * `role="alert"` and `tabindex="-1"`: the caller focuses it (`.error-summary`) after rendering
 * it. `level` is its heading level (the level of the page heading).
 */
export const errorSummary = (errors: readonly FieldError[], level: number): TemplateResult | typeof nothing =>
  errors.length
    ? html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1">
        ${heading(level, msg('There is a problem'), undefined, 'error-summary-title')}
        <ul>
          ${errors.map((e) => html`<li><a href="#${e.id}" @click=${jump}>${e.text}</a></li>`)}
        </ul>
      </div>`
    : nothing;

/** Adds (`true`) or removes the GOV.UK `Error: ` prefix on `document.title`. */
export function errorTitle(on: boolean): void {
  const prefix = `${msg('Error:')} `;
  const title = document.title;
  const has = title.startsWith(prefix);
  if (on && !has) document.title = prefix + title;
  else if (!on && has) document.title = title.slice(prefix.length);
}
