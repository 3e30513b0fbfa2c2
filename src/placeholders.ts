import { isTag, TAGS } from './registry.js';

/**
 * Placeholder mode for CMS editors that strip unknown tags (CKEditor 5, TinyMCE):
 * `<div data-cme="helpline" data-phone="01905 844 440">fallback…</div>` becomes
 * `<cme-helpline phone="01905 844 440">fallback…</cme-helpline>`.
 *
 * - `data-cme` names the component: a registered tag with or without `cme-` (`helpline`,
 *   `cme-helpline`; see `src/registry.ts`).
 * - Every other `data-foo` becomes the attribute `foo`, except `data-config` (JSON settings)
 *   and `data-i18n` (copy overrides), which the components read as they are. `id`, `class`,
 *   `lang`, `dir` and `title` are kept.
 * - The div's children move inside the component: its fallback text (shown without
 *   JavaScript) and any `<script type="application/json">` config.
 * Placeholders added later are upgraded by the one document observer (`src/autoload.ts`).
 */
const KEEP = ['id', 'class', 'lang', 'dir', 'title', 'data-config', 'data-i18n'];

/**
 * A placeholder inside a rich-text editor's editing area (CKEditor 5 inline editing, a preview
 * beside the editor) is the editor's content, not the page's: upgrading it there makes the
 * editor re-render it, and the observer upgrade it again, for ever.
 */
const editing = (el: Element) => !!el.closest('[contenteditable]:not([contenteditable="false"])');

export function upgradePlaceholder(div: HTMLElement): HTMLElement | null {
  if (editing(div)) return null;
  const name = (div.dataset.cme ?? '').trim().toLowerCase().replace(/^(cme-)?/, 'cme-');
  if (!isTag(name)) {
    const names = TAGS.map((t) => t.slice(4)).join(', ');
    console.warn(`cme-widgets: data-cme="${div.dataset.cme}" is not a component; use one of ${names}.`);
    return null;
  }
  const element = document.createElement(name);
  for (const { name: attr, value } of [...div.attributes]) {
    if (attr === 'data-cme') continue;
    if (KEEP.includes(attr)) element.setAttribute(attr, value);
    else if (attr.startsWith('data-')) element.setAttribute(attr.slice(5), value);
  }
  element.append(...div.childNodes);
  div.replaceWith(element);
  return element;
}

/** Upgrades the placeholders in `root`, itself included. */
export function upgradePlaceholders(root: ParentNode = document): void {
  if (root instanceof HTMLElement && root.hasAttribute('data-cme') && !(root instanceof HTMLScriptElement)) {
    upgradePlaceholder(root);
    return;
  }
  for (const div of root.querySelectorAll<HTMLElement>('[data-cme]:not(script)')) upgradePlaceholder(div);
}
