/**
 * The embed builder page (demo/builder.html, dist/builder.html): an English tool for web editors,
 * not a shipped component, so its words are plain strings (the components it previews use msg()).
 * One form; the live preview is the built bundle in a frame, showing exactly the snippet the
 * editor will paste (and, for the council profile, components that use it).
 */
import { WEEKDAYS, zonedInstant, type Weekday } from '../core/helpline/zoned-time.js';
import { drupalAllowList, type Manifest } from './allow-list.js';
import { build, profileMeta, snippet, type BuilderInput, type Built, type Cms, type FieldError, type Kind } from './snippet.js';
import { parseCellDate, parseIcs, parseSpreadsheet, type ParseResult } from './term-dates.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('builder');

const bundleUrl = new URL(document.querySelector<HTMLMetaElement>('meta[name="cme-bundle"]')?.content ?? './cme-widgets.js', document.baseURI).href;
// The Drupal line comes from the manifest written beside the bundle, so it follows the components.
let manifestLoad: Promise<Manifest | null> | undefined;
function manifest(): Promise<Manifest | null> {
  manifestLoad ??= fetch(new URL('custom-elements.json', bundleUrl))
    .then((r) => (r.ok ? (r.json() as Promise<Manifest>) : null))
    .catch(() => null)
    .then((m) => {
      if (!m) manifestLoad = undefined; // try again next time
      return m;
    });
  return manifestLoad;
}
void manifest(); // early, so "Make the snippet" answers at once

// ---- the form's dynamic parts -------------------------------------------------------------

// The weekday rows and the first term row are in the page's HTML (nothing moves as this runs).
const terms = $('terms');
function addTerm(from = '', to = ''): void {
  const i = terms.children.length;
  const row = document.createElement('tr');
  row.innerHTML = `<td class="field"><label class="visually-hidden" for="term-${i}-from">Term ${i + 1} first day</label><input type="text" id="term-${i}-from" inputmode="numeric" autocomplete="off" /></td>
    <td class="field"><label class="visually-hidden" for="term-${i}-to">Term ${i + 1} last day</label><input type="text" id="term-${i}-to" inputmode="numeric" autocomplete="off" /></td>
    <td><button type="button" class="link" data-remove>Remove<span class="visually-hidden"> term ${i + 1}</span></button></td>`;
  row.querySelector<HTMLInputElement>(`#term-${i}-from`)!.value = from;
  row.querySelector<HTMLInputElement>(`#term-${i}-to`)!.value = to;
  terms.append(row);
}
function termRows(): { from: string; to: string }[] {
  return [...terms.querySelectorAll('tr')].map((tr) => {
    const [from, to] = [...tr.querySelectorAll('input')].map((i) => i.value);
    return { from: from ?? '', to: to ?? '' };
  });
}
function setTerms(rows: { from: string; to: string }[]): void {
  terms.replaceChildren();
  for (const r of rows) addTerm(r.from, r.to);
  if (!rows.length) addTerm();
}
$('add-term').addEventListener('click', () => {
  addTerm();
  terms.querySelector<HTMLInputElement>('tr:last-child input')!.focus();
  update();
});
terms.addEventListener('click', (e) => {
  const button = (e.target as Element).closest('[data-remove]');
  if (!button) return;
  const rows = termRows();
  rows.splice([...terms.children].indexOf(button.closest('tr')!), 1);
  setTerms(rows);
  $('add-term').focus();
  update();
});

/** Shows what a paste or an import was understood as, and puts it in the table. */
function understood(result: ParseResult, source: string): void {
  const box = $('understood');
  const rows = result.ranges.map((r) => `<tr><td>${esc(r.label ?? '')}</td><td>${r.from}</td><td>${r.to}</td></tr>`).join('');
  box.innerHTML = `<h2>We understood ${result.ranges.length} ${result.ranges.length === 1 ? 'term' : 'terms'} from ${esc(source)}</h2>
    ${result.ranges.length ? `<table id="understood-table"><thead><tr><th scope="col">Name</th><th scope="col">First day</th><th scope="col">Last day</th></tr></thead><tbody>${rows}</tbody></table><p>They are now in the table above: check them.</p>` : ''}
    ${result.problems.length ? `<p>Not used:</p><ul id="understood-problems">${result.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}`;
  box.hidden = false;
  if (result.ranges.length) setTerms(result.ranges);
  box.focus();
  update();
}
$('use-paste').addEventListener('click', () => understood(parseSpreadsheet($<HTMLTextAreaElement>('paste').value), 'the pasted rows'));
$<HTMLInputElement>('ics').addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (file) understood(parseIcs(await file.text()), file.name);
});

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

// ---- reading the form ------------------------------------------------------------------

const value = (id: string) => ($<HTMLInputElement>(id)?.value ?? '').trim();
const checked = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '';

function readInput(): BuilderInput {
  return {
    kind: checked('kind') as Kind,
    council: value('council'),
    phone: value('phone'),
    email: value('email'),
    teamEmail: value('team-email'),
    teamPhone: value('team-phone'),
    privacyUrl: value('privacy-url'),
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, value(`hours-${d}`)])) as Record<Weekday, string>,
    terms: termRows(),
    closures: $<HTMLTextAreaElement>('closures').value,
    bankHolidays: checked('bankHolidays') as BuilderInput['bankHolidays'],
    emergencyName: value('emergency-name'),
    emergencyPhone: value('emergency-phone'),
    heading: value('heading'),
    headingLevel: value('heading-level'),
    lang: value('lang'),
    overrides: $<HTMLTextAreaElement>('overrides').value,
  };
}

/** Sections that apply to the chosen component only. */
function showFor(kind: Kind): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-for]')) el.hidden = !el.dataset.for!.split(' ').includes(kind);
}

/** The "as at" instant (London wall time), null for now, or an error for the field. */
function asAt(): { at: Date | null; error?: FieldError } {
  const d = value('as-at-date');
  const t = value('as-at-time');
  if (!d && !t) return { at: null };
  const date = parseCellDate(d);
  if (!date) return { at: null, error: { field: 'as-at-date', message: 'Enter a real date, like 16/12/2026' } };
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(t || '12:00');
  if (!m || +m[1]! > 23 || +m[2]! > 59) return { at: null, error: { field: 'as-at-time', message: 'Enter a 24-hour time, like 10:30' } };
  return { at: zonedInstant(date, +m[1]! * 60 + +m[2]!, 'Europe/London') };
}

// ---- errors, GOV.UK style ----------------------------------------------------------------

function clearErrors(): void {
  for (const el of document.querySelectorAll('.error-message')) el.remove();
  for (const el of document.querySelectorAll('.has-error')) el.classList.remove('has-error');
  for (const el of document.querySelectorAll('[data-error-described]')) {
    el.setAttribute('aria-describedby', el.getAttribute('data-error-described')!);
    if (!el.getAttribute('aria-describedby')) el.removeAttribute('aria-describedby');
    el.removeAttribute('data-error-described');
  }
  $('error-summary').hidden = true;
  document.title = document.title.replace(/^Error: /, '');
}

function showErrors(errors: FieldError[]): void {
  clearErrors();
  const list = $('error-list');
  list.replaceChildren();
  const seen = new Set<string>();
  for (const e of errors) {
    const input = $(e.field) ?? $('kind');
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `#${input.id}`;
    // The summary names the field ("Monday: …", "Term 1 first day: …"); the inline message sits by it.
    const name = (input as HTMLInputElement).labels?.[0]?.innerText.trim() || input.closest('fieldset')?.querySelector('legend')?.innerText.trim();
    a.textContent = name ? `${name}: ${e.message}` : e.message;
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      (input.closest('.field, fieldset') ?? input).scrollIntoView();
      input.focus();
    });
    li.append(a);
    list.append(li);
    const key = `${input.id}|${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const field = input.closest('.field, fieldset') ?? input.parentElement!;
    field.classList.add('has-error');
    const p = document.createElement('p');
    p.className = 'error-message';
    p.id = `${input.id}-error-${seen.size}`;
    p.innerHTML = `<span class="visually-hidden">Error:</span> `;
    p.append(e.message);
    const target = field.matches('fieldset') ? field.querySelector('legend')!.nextSibling : input;
    (field.matches('fieldset') ? field : input.parentElement!).insertBefore(p, target);
    if (!input.hasAttribute('data-error-described')) input.setAttribute('data-error-described', input.getAttribute('aria-describedby') ?? '');
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${p.id}`.trim());
  }
  $('error-summary').hidden = false;
  document.title = `Error: ${document.title}`;
  $('error-summary').focus();
}

// ---- preview and output -------------------------------------------------------------------

let last: { built: Built; input: BuilderInput } | null = null;

/** The preview page: the bundle, the snippet, and for "as at" a clock stopped at that instant. */
function previewDocument(built: Built, input: BuilderInput, at: Date | null): string {
  // A stopped clock for the frame's page only: the components read the time from Date.
  const clock = at
    ? `<script>(function(t){var D=Date;class F extends D{constructor(...a){if(a.length)super(...a);else super(t)}static now(){return t}}window.Date=F})(${at.getTime()})</script>`
    : '';
  const profile = built.tag === 'cme-profile' ? `<script type="application/json" id="cme-profile">${JSON.stringify(built.config).replace(/</g, '\\u003c')}</script>` : '';
  const body =
    built.tag === 'cme-profile'
      ? '<cme-helpline></cme-helpline><cme-definition></cme-definition>'
      : // Exactly what the editor will paste; the frame's wizard and form keep out of the builder's Back button.
        snippet(built, checked('cms') as Cms, input.lang).replace(/^<(cme-[a-z-]+|div data-cme="[a-z-]+")/, (m) => `${m} ${m.startsWith('<div') ? 'data-' : ''}history="false"`);
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Preview</title>${clock}${profile}
<script type="module" src="${esc(bundleUrl)}"></script>
<style>body{font-family:Arial,Helvetica,sans-serif;margin:8px;color:#0b0c0c}</style></head><body>${body}</body></html>`;
}

const frame = $<HTMLIFrameElement>('preview');
/** The frame grows with its content (next frame, and only on a real change: no resize loop). */
function resizeFrame(): void {
  requestAnimationFrame(() => {
    const doc = frame.contentDocument;
    if (!doc?.body) return;
    const height = `${Math.max(doc.body.getBoundingClientRect().height + 16, 160) + 4}px`;
    if (frame.style.height !== height) frame.style.height = height;
  });
}
frame.addEventListener('load', () => {
  const doc = frame.contentDocument;
  if (!doc?.body) return;
  new (frame.contentWindow as typeof window).ResizeObserver(resizeFrame).observe(doc.body);
  resizeFrame();
});

/** GOV.UK style: "Wednesday 16 December 2026, 10:30". */
function londonDateTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
}

function renderPreview(built: Built, input: BuilderInput, at: Date | null): void {
  frame.srcdoc = previewDocument(built, input, at);
  $('preview-note').textContent = at ? `Shown as at ${londonDateTime(at)} (London time).` : 'Shown as at now.';
}

/** Live preview: on every change, when the settings are valid (errors wait for the button). */
let timer: ReturnType<typeof setTimeout> | undefined;
function update(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const input = readInput();
    showFor(input.kind);
    const r = build(input);
    const time = asAt();
    if (!r.ok || time.error) {
      $('preview-note').textContent = 'The preview shows the last settings that were complete. Press “Make the snippet” to see what to fix.';
      return;
    }
    last = { built: r.value, input };
    renderPreview(r.value, input, time.at);
  }, 150);
}

async function makeOutput(built: Built, input: BuilderInput): Promise<void> {
  const focused = document.activeElement;
  const cms = checked('cms') as Cms;
  const out = $<HTMLTextAreaElement>('snippet');
  const extra = $<HTMLTextAreaElement>('extra');
  const extraField = $('extra-field');
  const instructions = $('instructions');
  extraField.hidden = true;
  if (built.tag === 'cme-profile') {
    $('output-heading').textContent = 'Your council profile';
    out.value = snippet(built, cms);
    instructions.innerHTML = '<p>Save this as a file on your site, for example <code>/sites/default/files/cme-profile.json</code>, and put the line below in the <code>&lt;head&gt;</code> of your site template. Every component on every page then uses it.</p>';
    extra.value = profileMeta('/sites/default/files/cme-profile.json');
    $('extra-label').textContent = 'For the site template’s <head>';
    extraField.hidden = false;
  } else {
    $('output-heading').textContent = 'Your snippet';
    out.value = snippet(built, cms, input.lang);
    const texts: Record<Cms, string> = {
      drupal: 'In the editor, choose <strong>Source</strong> and paste it. Your site builder adds the line below once to the text format (Configuration → Text formats and editors → your format → Source editing → Manually editable HTML tags).',
      wordpress: 'Add a <strong>Custom HTML</strong> block and paste it. This placeholder form also survives WordPress’s filter for users without the unfiltered_html capability.',
      tinymce: 'In the editor, open the source code view (<strong>Tools → Source code</strong>, or the <strong>&lt;&gt;</strong> button) and paste it.',
      raw: 'Paste it where the page’s HTML is kept exactly as written. If it will pass through a rich-text editor, choose that editor above instead.',
    };
    instructions.innerHTML = `<p>${texts[cms]} The script <code>cme-widgets.js</code> must be on the page once (your web team adds it to the theme).</p>`;
    if (cms === 'drupal') {
      const m = await manifest();
      extra.value = m ? drupalAllowList(m) : 'The allow-list needs custom-elements.json beside cme-widgets.js (npm run build writes it).';
      $('extra-label').textContent = 'Drupal “Manually editable HTML tags” line';
      extraField.hidden = false;
    }
  }
  out.rows = Math.min(16, out.value.split('\n').length + 1);
  $('output').hidden = false;
  $('copied').textContent = '';
  // To the result, unless the editor has already moved on (the manifest may take a moment).
  if (document.activeElement === focused || document.activeElement === document.body) $('output-heading').focus();
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const input = readInput();
  const r = build(input);
  const time = asAt();
  const errors = [...(r.ok ? [] : r.errors), ...(time.error ? [time.error] : [])];
  if (errors.length) {
    $('output').hidden = true;
    showErrors(errors);
    return;
  }
  clearErrors();
  if (r.ok) {
    last = { built: r.value, input };
    renderPreview(r.value, input, time.at);
    void makeOutput(r.value, input);
  }
});

$('copy').addEventListener('click', async () => {
  const out = $<HTMLTextAreaElement>('snippet');
  try {
    await navigator.clipboard.writeText(out.value);
  } catch {
    out.select(); // no clipboard permission (an http page, an old browser): select it for Ctrl+C
    document.execCommand('copy');
  }
  $('copied').textContent = 'Copied. Paste it into your page.';
});

form.addEventListener('input', update);
form.addEventListener('change', (e) => {
  // Show the chosen component's questions at once (the preview follows after a pause).
  if ((e.target as HTMLInputElement).name === 'kind') showFor(checked('kind') as Kind);
  update();
});
for (const id of ['as-at-date', 'as-at-time']) $(id).addEventListener('input', update);
showFor('helpline');
update();

/** For tests and the curious: the last valid settings. */
(window as unknown as { cmeBuilder: unknown }).cmeBuilder = { get last() { return last; } };
