// Shared by the CMS editor tests: the snippets docs/editors.md recommends, the built bundle,
// "publishing" what an editor saved, and the checks that a component rendered WITH its config.
import { expect, waitUntil } from '@open-wc/testing';
import { FakeTimers, type InstalledClock } from '../support/fake-timers.js';
import type { Manifest } from '../../../src/builder/allow-list.js';

/**
 * The example values every tested snippet in docs/editors.md uses, so one set of checks proves
 * each snippet's config arrived: a closure on 16 December 2026, a phone number and an
 * emergency contact that are not the built-in defaults, and the council's own email address.
 */
export const EXAMPLE = {
  closureDay: '2026-12-16T12:00:00Z', // a Wednesday, noon in London: open hours but for the closure
  closedStatus: 'Closed today (Staff training)',
  phone: '01632 960 000',
  emergencyPhone: '01632 960 111',
  email: 'cme@your-council.gov.uk',
} as const;

export interface DocSnippet {
  /** Which setups docs/editors.md recommends it for (the words after `cms-test:`). */
  targets: string[];
  /** The first line of the snippet, for test titles. */
  title: string;
  html: string;
}

/**
 * The snippets of docs/editors.md marked `<!-- cms-test: target … -->` just before an ```html
 * block: the tests run exactly what the guide tells editors to paste.
 */
export async function docSnippets(): Promise<DocSnippet[]> {
  const response = await fetch('/docs/editors.md');
  if (!response.ok) throw new Error(`docs/editors.md: HTTP ${response.status}`);
  const text = await response.text();
  const found: DocSnippet[] = [];
  for (const m of text.matchAll(/<!-- cms-test: ([^>]*?) -->\s*```html\n([\s\S]*?)```/g)) {
    const html = m[2]!;
    found.push({ targets: m[1]!.trim().split(/\s+/), title: html.trim().split('\n')[0]!.slice(0, 70), html });
  }
  return found;
}

export const snippetsFor = (all: DocSnippet[], target: string): DocSnippet[] => all.filter((s) => s.targets.includes(target));

export async function manifest(): Promise<Manifest> {
  const response = await fetch('/dist/custom-elements.json');
  if (!response.ok) throw new Error('dist/custom-elements.json is missing: run "npm run --silent build" first');
  return (await response.json()) as Manifest;
}

let bundle: Promise<unknown> | undefined;
/** Loads the BUILT dist/cme-widgets.js once, as a CMS page would. */
export function loadBundle(): Promise<unknown> {
  bundle ??= (async () => {
    const response = await fetch('/dist/cme-widgets.js', { method: 'HEAD' });
    if (!response.ok) throw new Error('dist/cme-widgets.js is missing: run "npm run --silent build" first');
    return import(/* @vite-ignore */ '/dist/cme-widgets.js' as string);
  })();
  return bundle;
}

/** Only `Date` is faked (timers stay real, so editors and Lit run normally), moving on in real time. */
export function fakeClosureDay(): InstalledClock {
  return FakeTimers.install({ now: new Date(EXAMPLE.closureDay), toFake: ['Date'], shouldAdvanceTime: true });
}

const TAGS = ['cme-definition', 'cme-helpline', 'cme-wizard', 'cme-referral-form'];

/** The components a snippet asks for, whether as tags or as placeholders. */
export function componentsIn(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return [...doc.body.querySelectorAll('*')]
    .map((el) => (el.hasAttribute('data-cme') ? `cme-${el.getAttribute('data-cme')}` : el.localName))
    .filter((tag) => TAGS.includes(tag));
}

let published: HTMLElement[] = [];
/** Puts saved HTML into the page, as the CMS would publish it; the bundle upgrades it. */
export async function publish(saved: string): Promise<HTMLElement> {
  await loadBundle();
  const page = document.createElement('main');
  page.innerHTML = saved;
  document.body.append(page);
  published.push(page);
  // Placeholders are replaced by the bundle's observer; then each tag's code loads.
  await waitUntil(() => !page.querySelector('[data-cme]'), 'placeholders upgraded', { timeout: 5000 });
  await Promise.all([...page.querySelectorAll('*')].filter((el) => TAGS.includes(el.localName)).map((el) => customElements.whenDefined(el.localName)));
  return page;
}

export function unpublishAll(): void {
  for (const p of published) p.remove();
  published = [];
}

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const shadow = (el: Element) => el.shadowRoot!;

async function rendered(el: Element, selector: string): Promise<Element> {
  await waitUntil(() => el.shadowRoot?.querySelector(`${selector}, [part="config-error"]`), `<${el.localName}> rendered`, { timeout: 5000 });
  const error = shadow(el).querySelector('[part="config-error"]');
  if (error) throw new Error(`<${el.localName}> shows the config error box: ${text(error)}`);
  return shadow(el).querySelector(selector)!;
}

/** The helpline shows the configured closure as closed, and the configured number. */
export async function expectHelplineConfigured(el: Element): Promise<void> {
  const status = await rendered(el, '[part="status"]');
  await expect(el).to.be.accessible();
  expect(text(status)).to.contain(EXAMPLE.closedStatus);
  expect(text(shadow(el).querySelector('[part="phone"]'))).to.equal(EXAMPLE.phone);
}

/** The wizard's emergency outcome lists the configured contact. */
export async function expectWizardConfigured(el: Element): Promise<void> {
  await rendered(el, 'input[value="yes"]');
  await expect(el).to.be.accessible();
  shadow(el).querySelector<HTMLInputElement>('input[value="yes"]')!.click();
  for (let i = 0; i < 3 && !shadow(el).querySelector('[part="outcome"]'); i++) {
    const next = [...shadow(el).querySelectorAll('button')].find((b) => text(b) === 'Continue');
    next?.click();
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  }
  const outcome = shadow(el).querySelector('[part="outcome"]');
  expect(outcome, 'the emergency outcome').to.exist;
  expect(text(outcome)).to.contain(EXAMPLE.emergencyPhone);
}

/** The definition names the configured email address. */
export async function expectDefinitionConfigured(el: Element): Promise<void> {
  const link = await rendered(el, 'a[part="contact-link"]');
  await expect(el).to.be.accessible();
  expect(text(link)).to.equal(EXAMPLE.email);
}

/** The referral form renders its first page, with its attributes carried over. */
export async function expectReferralFormConfigured(el: Element, original: string): Promise<void> {
  await rendered(el, '[part="heading"]');
  await expect(el).to.be.accessible();
  const doc = new DOMParser().parseFromString(original, 'text/html');
  const source = doc.querySelector('[data-cme="referral-form"], cme-referral-form')!;
  for (const { name, value } of source.attributes) {
    if (name === 'data-cme') continue;
    const attr = source.localName === 'div' && name.startsWith('data-') && name !== 'data-config' && name !== 'data-i18n' ? name.slice(5) : name;
    expect(el.getAttribute(attr), attr).to.equal(value);
  }
}

/**
 * Publishes what an editor saved and checks every component the original snippet asked for
 * rendered with its config.
 */
export async function expectSnippetWorks(original: string, saved: string): Promise<void> {
  const wanted = componentsIn(original);
  expect(wanted.length, 'the snippet holds a component').to.be.greaterThan(0);
  const page = await publish(saved);
  const found = [...page.querySelectorAll(TAGS.join(','))];
  expect(found.map((e) => e.localName), `components left after the editor saved:\n${saved}`).to.deep.equal(wanted);
  for (const el of found) {
    if (el.localName === 'cme-helpline') await expectHelplineConfigured(el);
    else if (el.localName === 'cme-wizard') await expectWizardConfigured(el);
    else if (el.localName === 'cme-definition') await expectDefinitionConfigured(el);
    else await expectReferralFormConfigured(el, original);
  }
}

/** Publishes saved HTML and expects the component to show the editor's error box (never defaults). */
export async function expectErrorBox(saved: string, tag: string): Promise<Element> {
  const page = await publish(saved);
  const el = page.querySelector(tag);
  expect(el, `<${tag}> kept by the editor`).to.exist;
  await waitUntil(() => el!.shadowRoot?.querySelector('[part="config-error"], [part="status"], [part="heading"]'), 'rendered', { timeout: 5000 });
  const error = el!.shadowRoot!.querySelector('[part="config-error"]');
  expect(error, `<${tag}> shows the error box, not its defaults`).to.exist;
  await expect(el).to.be.accessible();
  return error!;
}

/** Nothing of the component survived: it is neither a tag nor a placeholder any more. */
export function expectStripped(saved: string): void {
  const doc = new DOMParser().parseFromString(saved, 'text/html');
  expect(doc.querySelector(`${TAGS.join(',')},[data-cme]`), saved).to.equal(null);
}
