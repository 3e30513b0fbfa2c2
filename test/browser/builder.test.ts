// The embed builder end to end, as built (dist/builder.html + dist/builder.js, previews through
// dist/cme-widgets.js): type a term table, import an .ics file, look at the helpline "as at" a
// closure day, a term day and a holiday, make and copy the Drupal snippet, put it through real
// CKEditor 5 (Drupal Basic HTML with the builder's own allow-list line), publish what it saved.
// Also: errors GOV.UK style, axe, 320 px, keyboard.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { ClassicEditor } from 'ckeditor5';
import { drupalAllowList } from '../../src/builder/allow-list.js';
import { expectSnippetWorks, fakeClosureDay, manifest, unpublishAll } from './cms/support.js';

const $ = <T extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as T;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Loads dist/builder.html's page into this test page and runs its built script. */
async function openBuilder(): Promise<void> {
  const response = await fetch('/dist/builder.html');
  if (!response.ok) throw new Error('dist/builder.html is missing: run "npm run --silent build" first');
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const bundle = page.querySelector<HTMLMetaElement>('meta[name="cme-bundle"]')!;
  expect(bundle.content, 'the standalone page loads the bundle beside it').to.equal('./cme-widgets.js');
  expect(page.querySelector('script[type="module"]')!.getAttribute('src')).to.equal('./builder.js');
  const base = document.createElement('base');
  base.href = '/dist/'; // as if the page were dist/builder.html itself
  document.head.append(base, bundle, ...page.head.querySelectorAll('style'));
  document.title = page.title;
  document.body.innerHTML = page.body.innerHTML;
  await import(/* @vite-ignore */ '/dist/builder.js' as string);
}

/** Clicks into a field and types, as an editor would. */
async function type(id: string, value: string): Promise<void> {
  const input = $(id);
  input.focus();
  input.select?.();
  if (input.value) await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: value });
}

const frame = () => $<HTMLIFrameElement>('preview');
/** The helpline's status sentence in the live preview, once it has re-rendered to `expected`. */
async function previewStatus(expected: RegExp): Promise<string> {
  let last = '';
  await waitUntil(
    () => {
      const el = frame().contentDocument?.querySelector('cme-helpline');
      last = text(el?.shadowRoot?.querySelector('[part="status"]'));
      return expected.test(last);
    },
    'preview status',
    { timeout: 8000 },
  ).catch(() => {
    throw new Error(`preview says "${last}", expected ${expected}`);
  });
  return last;
}

async function previewPhone(): Promise<string> {
  await waitUntil(() => frame().contentDocument?.querySelector('cme-helpline')?.shadowRoot?.querySelector('[part="phone"]'), 'phone', { timeout: 8000 });
  return text(frame().contentDocument!.querySelector('cme-helpline')!.shadowRoot!.querySelector('[part="phone"]'));
}

describe('the embed builder (dist/builder.html)', function () {
  this.timeout(30000);
  before(async () => {
    await setViewport({ width: 1200, height: 900 });
    await openBuilder();
  });
  afterEach(unpublishAll);

  it('is accessible as it opens, with every field labelled', async () => {
    await expect(document.body).to.be.accessible();
    for (const input of document.querySelectorAll<HTMLInputElement>('input:not([type="radio"]), select, textarea')) {
      expect(input.labels?.length ?? 0, `#${input.id} has a label`).to.be.greaterThan(0);
    }
  });

  it('takes a typed term table, a closure and a number, and shows the helpline as at a closure day', async () => {
    await type('phone', '01632 960 000');
    await type('term-0-from', '02/09/2026');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '23/10/2026' });
    $('add-term').click();
    expect(document.activeElement, 'focus moves to the new row').to.equal($('term-1-from'));
    await sendKeys({ type: '2 November 2026' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '18/12/2026' });
    await type('closures', '16/12/2026 Staff training');
    await type('as-at-date', '16/12/2026');
    await type('as-at-time', '10:30');
    expect(await previewStatus(/^Closed today/)).to.contain('Closed today (Staff training)');
    expect(await previewPhone()).to.equal('01632 960 000');
    expect(text($('preview-note'))).to.equal('Shown as at Wednesday 16 December 2026, 10:30 (London time).');
    // Half term, between the two typed terms.
    await type('as-at-date', '28/10/2026');
    expect(await previewStatus(/school holidays/)).to.match(/^Closed for the school holidays · reopens Monday 2 November/);
  });

  it('imports an .ics file, shows what it understood, and uses it', async () => {
    const ics = await (await fetch('/test/fixtures/term-dates.ics')).text();
    const input = $('ics');
    const files = new DataTransfer();
    files.items.add(new File([ics], 'term-dates.ics', { type: 'text/calendar' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => !$('understood').hidden, 'preview of the import');
    expect(document.activeElement).to.equal($('understood'));
    expect(text($('understood').querySelector('h2'))).to.equal('We understood 3 terms from term-dates.ics');
    const rows = [...$('understood-table').querySelectorAll<HTMLTableRowElement>('tbody tr')].map((tr) => [...tr.cells].map((c) => text(c)).join(' '));
    expect(rows).to.deep.equal(['Autumn term 1 2026-09-02 2026-10-23', 'Autumn term 2, before Christmas 2026-11-02 2026-12-18', 'Spring term 1 2027-01-05 2027-02-12']);
    expect(text($('understood-problems'))).to.contain('Staff meeting');
    expect([$('term-2-from').value, $('term-2-to').value]).to.deep.equal(['2027-01-05', '2027-02-12']);
    await expect(document.body).to.be.accessible();
    // A term day from the file (a Wednesday in spring term 1), and the closure day still closed.
    await type('as-at-date', '13/01/2027');
    expect(await previewStatus(/^Open now/)).to.equal('Open now · closes at 12:30pm');
    await type('as-at-date', '16/12/2026');
    await previewStatus(/Staff training/);
  });

  it('reads rows pasted from a spreadsheet (tab-separated)', async () => {
    const paste = $<HTMLTextAreaElement>('paste');
    paste.value = 'Term\tStarts\tEnds\nAutumn 1\t02/09/2026\t23/10/2026\nAutumn 2\t02/11/2026\t18/12/2026\nSpring 1\t05/01/2027\t12/02/2027\n';
    paste.dispatchEvent(new Event('input', { bubbles: true }));
    $('use-paste').click();
    expect(text($('understood').querySelector('h2'))).to.equal('We understood 3 terms from the pasted rows');
    expect([$('term-0-from').value, $('term-1-to').value]).to.deep.equal(['2026-09-02', '2026-12-18']);
  });

  it('shows errors GOV.UK style, from the helpline’s own config check, with links that focus the field', async () => {
    await type('hours-mon', 'nine till five');
    $('make').click();
    const summary = $('error-summary');
    expect(summary.hidden).to.equal(false);
    expect(document.activeElement).to.equal(summary);
    expect(document.title).to.match(/^Error: /);
    const link = summary.querySelector<HTMLAnchorElement>('a[href="#hours-mon"]')!;
    expect(text(link), 'the summary names the field').to.match(/^Monday: .*24-hour times/);
    const inline = document.getElementById($('hours-mon').getAttribute('aria-describedby')!.split(' ').pop()!)!;
    expect(text(inline)).to.equal(`Error: ${text(link).replace(/^Monday: /, '')}`);
    await expect(document.body).to.be.accessible();
    link.click();
    expect(document.activeElement).to.equal($('hours-mon'));
    await type('hours-mon', '09:00-12:30, 13:00-16:30');
    $('make').click();
    expect(summary.hidden).to.equal(true);
    expect(document.title).not.to.match(/^Error/);
  });

  it('makes the Drupal snippet and allow-list line; the snippet survives CKEditor 5 Basic HTML and renders with its config', async () => {
    $('cms-drupal').click();
    await type('overrides', 'Opening hours = When to call');
    // The language shows in the preview straight away (the page itself stays English).
    const lang = $<HTMLSelectElement>('lang');
    lang.value = 'pl';
    lang.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => frame().contentDocument?.querySelector('cme-helpline[lang="pl"]')?.shadowRoot?.querySelector('[part="heading"]')?.textContent?.trim() !== 'School attendance helpline', 'Polish preview', { timeout: 8000 });
    lang.value = 'en-GB';
    lang.dispatchEvent(new Event('change', { bubbles: true }));
    $('make').click();
    await waitUntil(() => !$('output').hidden && $<HTMLTextAreaElement>('extra').value.startsWith('<div'), 'output');
    expect(document.activeElement).to.equal($('output-heading'));
    const line = $<HTMLTextAreaElement>('extra').value;
    expect(line).to.equal(drupalAllowList(await manifest()));
    $('copy').click();
    await waitUntil(() => text($('copied')) !== '', 'copied');
    const copied = $<HTMLTextAreaElement>('snippet').value;
    expect(copied).to.match(/^<div data-cme="helpline" data-phone="01632 960 000"/);

    // Through the editor Drupal would use, configured with the line the builder gave.
    type CK = typeof import('ckeditor5');
    const CK = (await import(/* @vite-ignore */ '/node_modules/ckeditor5/dist/browser/ckeditor5.js' as string)) as CK;
    const host = document.createElement('div');
    document.body.append(host);
    const rules = [...line.matchAll(/<([a-z]+) ([^>]*)>/g)].map(([, name, attrs]) => ({ name: name!, attributes: attrs!.split(' ').map((key) => ({ key, value: true })) }));
    const ed: ClassicEditor = await CK.ClassicEditor.create(host, { licenseKey: 'GPL', plugins: [CK.Essentials, CK.Paragraph, CK.GeneralHtmlSupport], htmlSupport: { allow: rules } as never });
    ed.setData(copied);
    const saved = ed.getData();
    await ed.destroy();
    host.remove();
    const clock = fakeClosureDay();
    try {
      await expectSnippetWorks(copied, saved);
      const published = document.querySelector('main cme-helpline')!;
      expect(text(published.shadowRoot!.querySelector('[part="hours-heading"]'))).to.equal('When to call');
    } finally {
      clock.uninstall();
    }
  });

  it('makes the wizard snippet for a TinyMCE-based CMS; it survives TinyMCE 7 on its defaults and shows the emergency contact', async () => {
    $('kind-wizard').click();
    await type('emergency-name', 'Family Front Door');
    await type('emergency-phone', '01632 960 111');
    $('cms-tinymce').click();
    $('make').click();
    await waitUntil(() => !$('output').hidden && $<HTMLTextAreaElement>('snippet').value.includes('data-cme="wizard"'), 'wizard output');
    expect($('extra-field').hidden, 'no Drupal line for TinyMCE').to.equal(true);
    const copied = $<HTMLTextAreaElement>('snippet').value;
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/tinymce/tinymce.min.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
    type Tiny = { init(s: object): Promise<{ setContent(h: string): void; getContent(): string; remove(): void }[]> };
    const tinymce = (window as unknown as { tinymce: Tiny }).tinymce;
    const textarea = document.createElement('textarea');
    document.body.append(textarea);
    const [ed] = await tinymce.init({ target: textarea, base_url: '/node_modules/tinymce', suffix: '.min', license_key: 'gpl' });
    ed!.setContent(copied);
    const saved = ed!.getContent();
    ed!.remove();
    textarea.remove();
    await expectSnippetWorks(copied, saved);
    $('kind').click();
    $('cms-drupal').click();
  });

  it('makes a council profile file and the line for the template', async () => {
    $('kind-profile').click();
    await type('council', 'Exampleshire County Council');
    await type('team-email', 'cme@exampleshire.gov.uk');
    $('make').click();
    await waitUntil(() => !$('output').hidden && text($('output-heading')) === 'Your council profile', 'profile output');
    const profile = JSON.parse($<HTMLTextAreaElement>('snippet').value);
    expect(profile.council).to.equal('Exampleshire County Council');
    expect(profile.helpline.phone).to.equal('01632 960 000');
    expect(profile.termTime).to.have.length(3);
    expect($<HTMLTextAreaElement>('extra').value).to.equal('<meta name="cme-profile" content="/sites/default/files/cme-profile.json">');
    // The preview's helpline uses the profile.
    expect(await previewPhone()).to.equal('01632 960 000');
    $('kind').click();
  });

  it('works at 320 px wide without scrolling sideways, and by keyboard alone, with visible focus', async () => {
    await setViewport({ width: 320, height: 640 });
    await new Promise((r) => requestAnimationFrame(r));
    expect(document.documentElement.scrollWidth, 'no horizontal scroll').to.be.at.most(320);
    await expect(document.body).to.be.accessible();
    // Keyboard only: into the first radio, arrow to "CME definition", Tab on to its email field.
    $('kind').focus();
    await sendKeys({ press: 'ArrowDown' });
    expect($('kind-definition').checked).to.equal(true);
    expect(getComputedStyle(document.activeElement!).outlineColor, 'yellow focus outline').to.equal('rgb(255, 221, 0)');
    for (let i = 0; i < 10 && document.activeElement !== $('email'); i++) await sendKeys({ press: 'Tab' });
    expect(document.activeElement, 'Tab reaches the email field (hidden fields are skipped)').to.equal($('email'));
    expect(document.querySelector<HTMLElement>('label[for="email"]')!.innerText.trim(), 'the label as shown').to.equal('CME team email address');
    await sendKeys({ type: 'cme@your-council.gov.uk' });
    // On through the form to the button, and Enter.
    for (let i = 0; i < 40 && document.activeElement !== $('make'); i++) await sendKeys({ press: 'Tab' });
    expect(document.activeElement, 'Tab reaches "Make the snippet"').to.equal($('make'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => document.activeElement === $('output-heading'), 'Enter on the button made the snippet');
    expect($<HTMLTextAreaElement>('snippet').value).to.match(/^<div data-cme="definition" data-email="cme@your-council.gov.uk"/);
    await setViewport({ width: 1200, height: 900 });
  });
});
