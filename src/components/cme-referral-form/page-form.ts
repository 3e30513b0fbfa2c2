import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { heading } from '../../internal/heading.js';
import { button } from '../../internal/form-fields.js';
import { askedFields, askedList, type HideableSection, type JourneyPage } from '../../core/referral/journey.js';
import { renderField, renderList, textField, type FieldContext } from './fields.js';
import { declaration, emergency, type DeclarationContext } from './views.js';
import { labelOf, listText, pageTitle } from './text.js';

export interface PageContext {
  page: JourneyPage;
  level: number;
  hidden: readonly HideableSection[];
  fields: FieldContext;
  declaration: Omit<DeclarationContext, 'retry'>;
  sending: boolean;
  submit(e: SubmitEvent): void;
  input(e: Event): void;
  retry(): void;
}

/** The spam trap (`website`): hidden from people; shown as a field only if the relay or the check complains. */
function honeypot(c: FieldContext): TemplateResult {
  const error = c.errorAt('website');
  if (!error) {
    return html`<div class="hp" aria-hidden="true">
      <label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off" value="" />
    </div>`;
  }
  c.ids.add('website');
  return textField({ id: 'website', label: msg('Website (leave this blank)'), error, value: String(c.answers.website ?? '') });
}

/** A page of questions: its heading (or its single question as the heading), the fields, any list, and Continue or Send. */
export function renderPage(x: PageContext): TemplateResult {
  const { page: pg, level: l, fields: c } = x;
  const id = pg.id;
  const fields = askedFields(pg, c.answers, x.hidden);
  const list = askedList(pg, x.hidden);
  const title = pg.singleQuestion ? nothing : heading(l, fields.length || !list ? pageTitle[id]() : listText[list.path].title(), 'h');
  const last = id === 'declaration';
  return html`${id === 'safeguarding' ? html`<slot name="intro"></slot>` : nothing} ${title}
    ${id === 'emergency' ? emergency(x.declaration.config.emergencyContacts) : nothing}
    ${last ? declaration({ ...x.declaration, retry: x.retry }) : nothing}
    <form novalidate @submit=${x.submit} @input=${x.input}>
      ${fields.map((f) => renderField(c, f, '', pg.singleQuestion ? heading(l, labelOf(f.path), 'h') : undefined))}
      ${list ? renderList(c, list, l, fields.length > 0) : nothing} ${last ? honeypot(c) : nothing}
      ${button(last ? msg('Send referral') : msg('Continue'))}
      ${last ? html`<p role="status" class="status">${x.sending ? msg('Sending your referral…') : ''}</p>` : nothing}
    </form>`;
}
