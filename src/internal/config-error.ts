import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ConfigError } from './config.js';

/**
 * Shown in place of a component whose editor configuration is broken, so the web editor sees
 * what to fix (the field and why) instead of a blank box. Role alert: it appears after load.
 */
export function renderConfigError(tag: string, errors: ConfigError[]): TemplateResult {
  return html`<div class="config-error" role="alert" part="config-error">
    <h2>${msg(str`This ${tag} box is not set up correctly`)}</h2>
    <p>${msg('A web editor needs to fix its settings:')}</p>
    <ul>
      ${errors.map((e) => html`<li><code>${e.path}</code>: ${e.message}</li>`)}
    </ul>
  </div>`;
}
