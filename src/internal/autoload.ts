/**
 * What the script-tag bundle (`dist/cme-widgets.js`) does on a CMS page: a component's code is
 * fetched only when its tag is on the page, or arrives later, so a page with just the helpline
 * never downloads the wizard or the referral form (on a cheap phone that is most of the bytes).
 *
 * Elements are found in the document, not inside other components' shadow roots; code that
 * renders our tags inside its own shadow DOM imports `cme-widgets` (every component at once)
 * or the tag's `components/<tag>.js`, or calls `loadComponents(shadowRoot)`.
 */
const LOADERS: Readonly<Record<string, () => Promise<unknown>>> = {
  'cme-definition': () => import('../components/cme-definition/define.js'),
  'cme-helpline': () => import('../components/cme-helpline/define.js'),
  'cme-wizard': () => import('../components/cme-wizard/define.js'),
  'cme-referral-form': () => import('../components/cme-referral-form/define.js'),
};
const TAGS = Object.keys(LOADERS);
const loading = new Map<string, Promise<unknown>>();

function load(tag: string): Promise<unknown> {
  let pending = loading.get(tag);
  if (!pending) {
    // Browsers keep a failed module fetch for the page's lifetime, so this is tried once.
    pending = LOADERS[tag]!().catch((error: unknown) => console.error(`cme-widgets: could not load <${tag}>`, error));
    loading.set(tag, pending);
  }
  return pending;
}

/** Loads (once) the code of every component used in `root`, itself included. */
export function loadComponents(root: ParentNode = document): Promise<unknown> {
  const used = new Set<string>();
  if (root instanceof Element && TAGS.includes(root.localName)) used.add(root.localName);
  for (const el of root.querySelectorAll(TAGS.join(','))) used.add(el.localName);
  return Promise.all([...used].map(load));
}

/** Loads what the page uses now and watches for tags a CMS adds later, until all are loaded. */
export function watchComponents(): void {
  if (typeof document === 'undefined') return;
  const key = Symbol.for('cme-widgets.autoload');
  const g = globalThis as { [key]?: boolean };
  if (g[key]) return; // the script loaded twice
  g[key] = true;
  void loadComponents();
  if (TAGS.every((tag) => customElements.get(tag))) return; // registered up front (`import 'cme-widgets'`)
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const node of r.addedNodes) if (node instanceof Element) void loadComponents(node);
    if (TAGS.every((tag) => customElements.get(tag))) observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
