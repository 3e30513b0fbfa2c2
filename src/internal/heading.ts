import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/**
 * Renders `<h2>`…`<h6>` for a level the editor chose (the tag comes from this fixed switch,
 * never from input). `tabindex="-1"` lets step changes move focus to the heading.
 */
export function heading(level: number, content: unknown, id?: string, part = 'heading'): TemplateResult {
  const i = ifDefined(id);
  switch (Math.min(6, Math.max(2, level))) {
    case 2:
      return html`<h2 id=${i} part=${part} tabindex="-1">${content}</h2>`;
    case 3:
      return html`<h3 id=${i} part=${part} tabindex="-1">${content}</h3>`;
    case 4:
      return html`<h4 id=${i} part=${part} tabindex="-1">${content}</h4>`;
    case 5:
      return html`<h5 id=${i} part=${part} tabindex="-1">${content}</h5>`;
    default:
      return html`<h6 id=${i} part=${part} tabindex="-1">${content}</h6>`;
  }
}
