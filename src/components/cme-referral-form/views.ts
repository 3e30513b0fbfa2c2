import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { heading } from '../../internal/heading.js';
import { button } from '../../internal/form-fields.js';
import { contactList } from '../../internal/contacts.js';
import { telHref } from '../../internal/format.js';
import type { Contact, FormSettings } from './form-config.js';
import type { Failure } from './referral-controller.js';
import type { ReferralError } from '../../core/referral/schema.js';
import { pageTitle } from './text.js';

/*
 * The parts of the form that are words rather than questions: the emergency stop, the "not sent
 * yet" notice and privacy notice on the declaration, and the confirmation. Editor HTML
 * (`privacyNotice`, `nextSteps`) comes as DOM from DOMPurify (form-config.ts), rendered as a node.
 */

/** After a reload with `save-draft`: the answers are back, with a way to start afresh. */
export const restoredNotice = (restart: () => void): TemplateResult =>
  html`<div class="inset" part="restored">
    <p>${msg('We have kept the answers you gave earlier in this browser tab.')}</p>
    ${button(msg('Start again'), { secondary: true, type: 'button', onClick: restart })}
  </div>`;

export function emergency(contacts: Contact[] | undefined): TemplateResult {
  const list = contacts ?? [
    { name: msg('Police'), phone: '999', note: msg('If the child is in danger now.') },
    { name: msg('Children’s social care'), note: msg('Contact the children’s social care team for the area where the child lives.') },
  ];
  return html`<p>${msg('A referral to the Children Missing Education team does not replace this. Contact them first:')}</p>
    ${contactList(list)}
    <p>${msg('When you have contacted them, you can continue with this referral.')}</p>`;
}

export interface DeclarationContext {
  level: number;
  failure: Failure | undefined;
  config: FormSettings;
  teamEmail: string;
  teamPhone: string;
  privacyUrl: string | undefined;
  retry(): void;
}

/** Why a referral (or the code that checks it) did not get through, in words. */
export function why(f: Failure): string {
  return f.kind === 'offline'
    ? msg('Your device is offline. Check your internet connection.')
    : f.kind === 'busy'
      ? msg(str`The referral service is busy. Wait ${f.retryAfter} seconds before you try again.`)
      : f.kind === 'refused'
        ? msg(str`The referral service did not accept the referral (error ${f.status}).`)
        : msg('We could not reach the referral service. It may be down for a short time.');
}

/**
 * A problem with no field, for the error summary (its link goes to the page heading): the code
 * that checks the answers could not be fetched. Nothing typed is lost.
 */
export const unreachable = (): ReferralError => ({
  path: '',
  message: `${why({ kind: navigator.onLine ? 'network' : 'offline' })} ${msg('Your answers are still here.')}`,
});

/** Above the declaration's questions: the "not sent yet" notice (after a failure) and the privacy notice. */
export function declaration(c: DeclarationContext): TemplateResult {
  const f = c.failure;
  const l = c.level;
  return html`${f
      ? html`<div class="notice" part="notice" role="alert" tabindex="-1">
          ${heading(l + 1, msg('Your referral has not been sent yet'), undefined, 'notice-heading')}
          <p>${why(f)} ${msg('Your answers are still here.')}</p>
          ${f.kind === 'refused' ? nothing : button(msg('Try again'), { type: 'button', onClick: () => c.retry() })}
          <p>
            ${msg('If it keeps happening, email')} <a href="mailto:${c.teamEmail}">${c.teamEmail}</a> ${msg('or call')}
            <a href=${telHref(c.teamPhone)}>${c.teamPhone}</a>.
          </p>
        </div>`
      : nothing}
    <div class="privacy" part="privacy-notice">
      ${heading(l + 1, msg('Privacy notice'), undefined, 'subheading')}
      <slot name="privacy-notice"
        >${c.config.privacyNotice ??
          html`<p>
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
      ${c.privacyUrl ? html`<p><a href=${c.privacyUrl}>${msg('Read the full privacy notice')}</a></p>` : nothing}
    </div>`;
}

export interface SentContext {
  level: number;
  reference: string;
  /** The relay sent the referrer a confirmation email (the 202's `receipt`). */
  receipt: boolean;
  /** Editor HTML as DOM, ready to render (form-config.ts). */
  nextSteps: HTMLElement | undefined;
  restart(): void;
}

export function sent(c: SentContext): TemplateResult {
  const l = c.level;
  return html`<div class="panel" part="panel">
      ${heading(l, html`<span id="h-title">${pageTitle.sent()}</span>`, 'h')}
      <p id="sent-reference">${msg('Your reference number')} <br /><strong class="reference">${c.reference}</strong></p>
    </div>
    ${c.receipt ? html`<p class="receipt">${msg('We have sent you a confirmation email with this reference.')}</p>` : nothing}
    <p>${msg('Keep this reference. Quote it if you contact the Children Missing Education team about this child.')}</p>
    ${heading(l + 1, msg('What happens next'), undefined, 'subheading')}
    <slot name="next-steps"
      >${c.nextSteps ??
      html`<p>${msg('The Children Missing Education team will check the information and try to find out where the child is and whether they are getting a suitable education.')}</p>
            <p>${msg('They will contact you if they need to know more. You will not get a copy of your answers, so print this page or note the reference.')}</p>`}</slot
    >
    <p>${msg('If the child is at immediate risk of harm at any time, call the police on 999.')}</p>
    ${button(msg('Print this page'), { secondary: true, type: 'button', onClick: () => print() })}
    ${button(msg('Make another referral'), { secondary: true, type: 'button', onClick: () => c.restart() })}`;
}
