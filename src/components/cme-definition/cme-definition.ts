import { html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { CmeElement } from '../../internal/cme-element.js';
import { heading } from '../../internal/heading.js';
import { baseStyles } from '../../internal/styles.js';
import { ConfigController } from '../../internal/config/controller.js';
import { DEFAULT_PROFILE } from '../../core/profile.js';
import { definitionStyles } from './cme-definition.styles.js';
import type { DefinitionSection, DefinitionSettings } from './definition-config.js';

export type { DefinitionConfig, DefinitionSection } from './definition-config.js';

/**
 * What "children missing education" (CME) means, who is and is not CME, what the council does,
 * when CME ends and how to tell the CME team. Content follows the DfE statutory guidance
 * "Children missing education" (September 2025) and Education Act 1996 s436A (docs/law.md#who-is-cme).
 *
 * @tagname cme-definition
 * @summary The CME definition, for council pages about school attendance.
 *
 * @slot definition - Replaces the legal definition.
 * @slot includes - Replaces the list of who counts as missing education.
 * @slot excludes - Replaces the list of who does not.
 * @slot council - Replaces "What the council does".
 * @slot ends - Replaces "When a child stops being missing education".
 * @slot contact - Replaces "Tell the CME team about a child".
 * @slot definition-extra - Added after the definition (likewise `includes-extra`, `excludes-extra`, `council-extra`, `ends-extra`, `contact-extra`).
 *
 * @csspart heading - Every heading.
 * @csspart section - Each section.
 * @csspart contact-link - The email link to the CME team.
 * @csspart config-error - The message shown to editors when the configuration is broken.
 *
 * @cssprop --cme-text-colour - Text colour (default #0b0c0c).
 * @cssprop --cme-link-colour - Link colour (default #1d70b8).
 * @cssprop --cme-focus-colour - Focus highlight (default #ffdd00).
 * @cssprop --cme-inset-border-colour - Border of the inset definition (default #b1b4b6).
 * @cssprop --cme-max-width - Maximum width (default 40em).
 */
export class CmeDefinition extends CmeElement {
  static override styles = [baseStyles, definitionStyles];
  // Plain static properties rather than decorators: the decorator runtime costs bytes on a
  // component whose budget is 10 KB.
  static override properties: PropertyDeclarations = {
    email: {},
    heading: {},
    configSrc: { attribute: 'config-src' },
  };

  /** The CME team's email address shown in the contact section (default: the council profile's `team.email`). */
  email?: string;

  /** Replaces the main heading text. */
  heading?: string;

  /** URL of a JSON config (same shape as the inline `<script type="application/json">`). */
  configSrc?: string;

  // The check (and DOMPurify, for editor HTML) loads only when a page gives settings.
  private readonly config = new ConfigController<DefinitionSettings>(this, { email: DEFAULT_PROFILE.team.email, sections: {}, extra: {} }, () => import('./definition-config.js'));

  /** One section: editor HTML or slotted content replaces the default; `-extra` follows it. */
  private section(name: DefinitionSection, title: string, body: TemplateResult): TemplateResult {
    const replacement = this.config.value.sections[name];
    const extra = this.config.value.extra[name];
    return html`<section part="section" aria-labelledby="${name}-heading">
      ${heading(this.level(1), title, `${name}-heading`)}
      <slot name=${name}>${replacement ?? body}</slot>
      ${extra}
      <slot name="${name}-extra"></slot>
    </section>`;
  }

  protected override render(): TemplateResult {
    const c = this.config;
    if (c.errorView) return c.errorView();
    // Until the editor's config is in, keep showing their fallback: no flash of default text.
    if (c.state === 'loading') return html`<slot></slot>`;
    // Attributes win over config, config over the council profile.
    const email = this.email || c.value.email;
    return html`
      ${heading(this.level(), this.heading || msg('Children missing education'), 'cme-heading')}
      ${this.section(
        'definition',
        msg('What “children missing education” means'),
        html`<p class="inset">
            ${msg(
              'Children missing education are children of compulsory school age who are not registered pupils at a school and are not receiving suitable education otherwise than at a school.',
            )}
          </p>
          <p>
            ${msg(
              'Suitable education means efficient, full-time education suitable to the child’s age, ability and aptitude and to any special educational needs they have. Local authorities must try to identify these children (Education Act 1996, section 436A).',
            )}
          </p>`,
      )}
      ${this.section(
        'includes',
        msg('Who counts as missing education'),
        html`<p>${msg('This includes children of compulsory school age who:')}</p>
          <ul>
            <li>${msg('are applying for a school place and do not have one yet')}</li>
            <li>${msg('have been offered a school place but have not started')}</li>
            <li>${msg('are home educated, where the council has assessed the education as unsuitable')}</li>
            <li>${msg('have been missing for a long time, for example because nobody knows where they are')}</li>
          </ul>`,
      )}
      ${this.section(
        'excludes',
        msg('Who does not count as missing education'),
        html`<p>${msg('A child is not missing education if they:')}</p>
          <ul>
            <li>
              ${msg(
                'are registered at a school but do not attend regularly, even if they are persistently or severely absent – this is a school attendance matter for the school',
              )}
            </li>
            <li>${msg('receive alternative provision arranged for them')}</li>
            <li>${msg('are electively home educated and receiving a suitable education')}</li>
            <li>${msg('are home educated and the council has not yet had the chance to assess their education')}</li>
          </ul>`,
      )}
      ${this.section(
        'council',
        msg('What the council does'),
        html`<ul>
          <li>${msg('encourages schools and other agencies to tell us about children who may be missing education')}</li>
          <li>${msg('looks at every referral and prioritises the most vulnerable children')}</li>
          <li>${msg('finds out where the child is and makes sure they get a suitable education')}</li>
          <li>${msg('works with the child, their family and other agencies, and challenges barriers to education')}</li>
          <li>${msg('gives caseworker support until the case is resolved, working with other councils where needed')}</li>
          <li>
            ${msg(
              'takes complex cases to multi-agency meetings, such as Missing Mondays, Fair Access Panels and Children who Cannot Attend School panels, keeping the child’s voice at the centre',
            )}
          </li>
          <li>${msg('uses School Attendance Orders and other legal action where needed')}</li>
        </ul>`,
      )}
      ${this.section(
        'ends',
        msg('When a child stops being missing education'),
        html`<p>
          ${msg(
            'A child stops being missing education once they are on a school roll or are receiving a suitable education otherwise than at school.',
          )}
        </p>`,
      )}
      ${this.section(
        'contact',
        msg('Tell the CME team about a child'),
        html`<p class="warning">
            <span class="visually-hidden">${msg('Warning')}</span>
            ${msg(
              'If a child may be at immediate risk of harm, call the police on 999 or contact children’s social care first. A missing education referral does not replace that.',
            )}
          </p>
          <p>
            ${msg('Email the Children Missing Education team at')}
            <a part="contact-link" href="mailto:${email}">${email}</a>.
          </p>`,
      )}
    `;
  }
}
