/**
 * Editor HTML from config is sanitised with DOMPurify before rendering: no script, no event
 * handlers, no style attributes or elements (they would trip a strict CSP), no forms.
 * Import this module lazily (`import('…/sanitize.js')`): it brings DOMPurify (~12 KB gz) with it,
 * in one chunk, and only pages that give editor HTML need them.
 *
 * The result is DOM, not a string: a template renders the returned element as a node, so no
 * HTML string is ever parsed into the page after DOMPurify (no `unsafeHTML`, no `lit-html`
 * Trusted Types policy needed for it, and 0.6 KB less to load). One element per piece of editor
 * HTML: a template that renders it again moves it back in, keeping links and focus as they were.
 */
import DOMPurify from 'dompurify';

export function sanitizeToNode(dirty: string): HTMLElement {
  const clean = DOMPurify.sanitize(dirty, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'script', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style', 'srcset'],
    RETURN_DOM_FRAGMENT: true,
  });
  const holder = document.createElement('div');
  holder.append(clean);
  return holder;
}
