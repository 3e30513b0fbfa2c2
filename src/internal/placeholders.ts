/**
 * Placeholder mode for CMS editors that strip unknown tags (CKEditor 5, TinyMCE):
 * `<div data-cme="helpline" data-phone="01905 844 440">fallback…</div>` becomes
 * `<cme-helpline phone="01905 844 440">fallback…</cme-helpline>`.
 *
 * - `data-cme` names the component: `definition`, `helpline`, `wizard` or `referral-form`.
 * - Every other `data-foo` becomes the attribute `foo`, except `data-config` (JSON settings),
 *   and `data-i18n` (copy overrides), which the components read as they are. `id`, `class`, `lang`, `dir` and `title` are kept.
 * - The div's children move inside the component: its fallback text (shown without
 *   JavaScript) and any `<script type="application/json">` config.
 * Placeholders added later (a CMS rendering blocks on the fly) are upgraded too.
 */
const NAMES = ['definition', 'helpline', 'wizard', 'referral-form'] as const;
const KEEP = ['id', 'class', 'lang', 'dir', 'title', 'data-config', 'data-i18n'];

export function upgradePlaceholder(div: HTMLElement): HTMLElement | null {
  const name = (div.dataset.cme ?? '').trim().toLowerCase().replace(/^cme-/, '');
  if (!(NAMES as readonly string[]).includes(name)) {
    console.warn(`cme-widgets: data-cme="${div.dataset.cme}" is not a component; use one of ${NAMES.join(', ')}.`);
    return null;
  }
  const element = document.createElement(`cme-${name}`);
  for (const { name: attr, value } of [...div.attributes]) {
    if (attr === 'data-cme') continue;
    if (KEEP.includes(attr)) element.setAttribute(attr, value);
    else if (attr.startsWith('data-')) element.setAttribute(attr.slice(5), value);
  }
  element.append(...div.childNodes);
  div.replaceWith(element);
  return element;
}

export function upgradePlaceholders(root: ParentNode = document): void {
  for (const div of root.querySelectorAll<HTMLElement>('[data-cme]:not(script)')) upgradePlaceholder(div);
}

/** Upgrades what is on the page now and what a CMS adds later. */
export function watchPlaceholders(): void {
  if (typeof document === 'undefined') return;
  const key = Symbol.for('cme-widgets.placeholders');
  const g = globalThis as { [key]?: boolean };
  if (g[key]) return; // the bundle loaded twice
  g[key] = true;
  const start = () => {
    upgradePlaceholders();
    new MutationObserver((records) => {
      for (const r of records) {
        for (const node of r.addedNodes) {
          if (!(node instanceof HTMLElement)) continue;
          if (node.hasAttribute('data-cme') && !(node instanceof HTMLScriptElement)) upgradePlaceholder(node);
          else upgradePlaceholders(node);
        }
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
