import { css, html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ConfigError } from './controller.js';

/** Loaded with the box, so pages whose settings are fine never carry these rules. */
const boxStyles = css`
  .config-error {
    padding: 1em;
    border: 4px solid var(--cme-error-colour, #d4351c);
  }
  .config-error h2 {
    font-size: 1.2em;
  }
  @media (forced-colors: active) {
    .config-error {
      border-color: CanvasText;
    }
  }
`;

/**
 * Shown in place of a component whose editor configuration is broken, so the web editor sees
 * what to fix (the source, the setting and why) instead of a blank box or silent defaults.
 * Role alert: it appears after load. Loaded only when some configuration is broken.
 */
export function renderConfigError(tag: string, errors: readonly ConfigError[]): TemplateResult {
  return html`<div class="config-error" role="alert" part="config-error">
    <h2>${msg(str`This ${tag} box is not set up correctly`)}</h2>
    <p>${msg('A web editor needs to fix its settings:')}</p>
    <ul>
      ${errors.map(
        (e) =>
          html`<li>
            ${e.source ? html`${msg('In')} <code>${e.source}</code>${e.path ? ', ' : ': '}` : nothing}${e.path ? html`<code>${e.path}</code>: ` : nothing}${e.message}
          </li>`,
      )}
    </ul>
  </div>`;
}

/** The box for `host` (its styles added to the host's shadow root), rendered in the current language. */
export function errorBox(host: HTMLElement, errors: readonly ConfigError[]): () => TemplateResult {
  // A warning, not an error: the visitor's page still works; the visible box is where editors look.
  console.warn(`<${host.localName}> configuration problem:\n${errors.map((e) => `- ${[e.source, e.path].filter(Boolean).join(' ')}: ${e.message}`).join('\n')}`);
  const root = host.shadowRoot;
  const sheet = boxStyles.styleSheet;
  if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return () => renderConfigError(host.localName, errors);
}
