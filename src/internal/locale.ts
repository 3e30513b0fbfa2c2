import type { TemplateMap } from '@lit/localize/internal/types.js';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';

export type Locale = typeof sourceLocale | (typeof targetLocales)[number];

/**
 * One `import()` per locale, written out so bundlers and the test server can see them
 * (a template-literal import 404s under the test runner). Each locale is its own lazy chunk,
 * with the translating `msg()` (`translate.ts`, shared by them).
 */
type LocaleModule = typeof import('./locales/pl.js');
const loaders: Record<string, () => Promise<LocaleModule>> = {
  pl: () => import('./locales/pl.js'),
  ur: () => import('./locales/ur.js'),
};

/** Locales written right to left. */
export const RTL_LOCALES: readonly string[] = ['ur'];

/*
 * `@lit/localize` runtime mode, written out so that the translating `msg()` and its message-id
 * hashing (`translate.ts`) load only with another language: English pages never fetch them.
 * As with `configureLocalization`, the newest `setLocale` wins; `sync` below re-renders every
 * component once it has (so no `updateWhenLocaleChanges` and no status events are needed).
 */
let active: Locale = sourceLocale;
let templates: TemplateMap | undefined;
let request = 0;

function setLocale(locale: Locale): Promise<void> {
  const id = ++request;
  const load =
    locale === sourceLocale
      ? Promise.resolve(undefined)
      : loaders[locale]!().then((m) => (m.install(() => templates), m.templates));
  return load.then(
    (t) => {
      if (id !== request) return;
      active = locale;
      templates = t;
    },
    (error: unknown) => {
      if (id === request) throw error;
    },
  );
}

const shipped: readonly string[] = [sourceLocale, ...targetLocales];

/** Maps any BCP 47 tag (`pl-PL`, `en`, `EN-us`, `cy`) to a shipped locale; unknown → source. */
export function resolveLocale(lang: string | null | undefined): Locale {
  const tag = (lang ?? '').trim().toLowerCase();
  const primary = tag.split('-')[0];
  const found =
    shipped.find((l) => l.toLowerCase() === tag) ?? shipped.find((l) => l.toLowerCase().split('-')[0] === primary);
  return (found ?? sourceLocale) as Locale;
}

/** The `lang` that applies to a node: its own, else the nearest ancestor's, crossing shadow roots. */
export function nearestLang(node: Node | null): string {
  for (; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang')!;
  }
  return '';
}

/** The locale the components render in now (for `Intl` formatting). */
export const activeLocale = (): Locale => active;

const hosts = new Set<Element>();
let observer: MutationObserver | undefined;
let pending: Promise<void> = Promise.resolve();
let loading = false;
/** The locale asked for last: the one a load under way will give, not the one active now. */
let wanted: Locale | undefined;

/** True while a language's strings are loading (components wait for them before first render). */
export const localeLoading = (): boolean => loading;

/**
 * `@lit/localize` runtime mode has one active locale per page, so the components agree on one:
 * that of the first connected component in document order, from its nearest `lang`.
 */
function sync(): void {
  const first = [...hosts].filter((h) => h.isConnected).sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1))[0];
  if (!first) return;
  const target = resolveLocale(nearestLang(first));
  // Compare with what was asked for last, not with the active locale: while one language
  // loads, a component earlier in the page (whose code arrived later) must still win.
  // `setLocale` lets the newest request win over one still loading.
  if (target !== (wanted ?? active)) {
    wanted = target;
    loading = true;
    pending = setLocale(target)
      .catch((error: unknown) => console.error(`cme-widgets: no "${target}" translation`, error))
      .finally(() => {
        if (wanted !== target) return; // a newer request settles it
        loading = false;
        // Components that held back their first render (see CmeElement.shouldUpdate) render now.
        for (const h of hosts) (h as Element & { requestUpdate?: () => void }).requestUpdate?.();
      });
  }
}

/** Called by every component on connect/disconnect; watches `lang` anywhere in the document. */
export function trackLocale(host: Element, connected: boolean): void {
  if (connected) hosts.add(host);
  else hosts.delete(host);
  if (!observer) {
    observer = new MutationObserver(sync);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  sync();
}

/** Resolves once the locale the components asked for is loaded (tests and first render). */
export const localeReady = (): Promise<void> => pending;
