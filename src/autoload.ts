import { TAG_SELECTOR, TAGS, isTag, type Tag } from './registry.js';
import { upgradePlaceholders } from './placeholders.js';
import { trackLocale } from './internal/locale.js';

/**
 * What the script-tag bundle (`dist/cme-widgets.js`) does on a CMS page: a component's code is
 * fetched only when its tag is on the page, or arrives later, so a page with just the helpline
 * never downloads the wizard or the referral form (on a cheap phone that is most of the bytes).
 *
 * Elements are found in the document, not inside other components' shadow roots; code that
 * renders our tags inside its own shadow DOM imports `cme-widgets` (every component at once)
 * or the tag's `components/<tag>.js`, or calls `loadComponents(shadowRoot)`.
 */

/**
 * Each tag's define module (`defineModule()` of the registry), as lazy imports the build turns
 * into `dist/components/<tag>.js`. Written out because bundlers and the test server only follow
 * literal import specifiers; the type makes the compiler reject a tag missing here or one the
 * registry does not list.
 */
const DEFINES: Readonly<Record<Tag, () => Promise<unknown>>> = {
  'cme-definition': () => import('./components/cme-definition/define.js'),
  'cme-helpline': () => import('./components/cme-helpline/define.js'),
  'cme-wizard': () => import('./components/cme-wizard/define.js'),
  'cme-referral-form': () => import('./components/cme-referral-form/define.js'),
};
const loading = new Map<Tag, Promise<unknown>>();

function load(tag: Tag): Promise<unknown> {
  let pending = loading.get(tag);
  if (!pending) {
    // Browsers keep a failed module fetch for the page's lifetime, so this is tried once.
    pending = DEFINES[tag]().catch((error: unknown) => console.error(`cme-widgets: could not load <${tag}>`, error));
    loading.set(tag, pending);
  }
  return pending;
}

/** Loads (once) the code of every component used in `root`, itself included. */
export function loadComponents(root: ParentNode = document): Promise<unknown> {
  const used = new Set<Element>();
  if (root instanceof Element && isTag(root.localName)) used.add(root);
  for (const el of root.querySelectorAll(TAG_SELECTOR)) used.add(el);
  const tags = new Set<Tag>();
  for (const el of used) {
    if (customElements.get(el.localName)) continue;
    // The page's language follows the first component in document order, even one whose code
    // has not arrived yet (it would otherwise depend on which chunk loads first).
    if (el.isConnected) trackLocale(el, true);
    tags.add(el.localName as Tag);
  }
  return Promise.all([...tags].map(load));
}

const done = () => TAGS.every((tag) => customElements.get(tag));

/**
 * The one observer of the document: upgrades placeholders and loads the components a CMS adds
 * after the page loaded, until every component is registered and no placeholder can be left
 * to upgrade. A second copy of the script does nothing.
 */
export function watchDocument(): void {
  if (typeof document === 'undefined') return;
  const key = Symbol.for('cme-widgets.watch');
  const g = globalThis as { [key]?: boolean };
  if (g[key]) return;
  g[key] = true;
  const start = () => {
    upgradePlaceholders();
    void loadComponents();
    new MutationObserver((records) => {
      for (const r of records) {
        for (const node of r.addedNodes) {
          if (!(node instanceof Element)) continue;
          upgradePlaceholders(node);
          if (!done()) void loadComponents(node.isConnected ? node : document);
        }
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  };
  // Placeholders are upgraded once the page is parsed (their children with it).
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
