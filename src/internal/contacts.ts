import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Contact } from '../core/contact.js';
import { telHref } from './format.js';

/** A list of contacts (name, telephone, email, note), as the wizard's outcomes and the form's emergency page show them. */
export const contactList = (contacts: readonly Contact[]): TemplateResult =>
  html`<ul class="contacts">
    ${contacts.map(
      (c) =>
        html`<li>
          ${c.href ? html`<a href=${c.href}>${c.name}</a>` : html`<strong>${c.name}</strong>`}
          ${c.phone ? html`<br />${msg('Telephone:')} <a href=${telHref(c.phone)}>${c.phone}</a>` : nothing}
          ${c.email ? html`<br />${msg('Email:')} <a href="mailto:${c.email}">${c.email}</a>` : nothing}
          ${c.note ? html`<br />${c.note}` : nothing}
        </li>`,
    )}
  </ul>`;
