// Completes a <cme-referral-form> with the keyboard only, page by page: on each page it Tabs
// through the fields up to the page's main button, types into empty text fields, picks radio
// options (ArrowDown/Space), ticks the declaration, then presses Enter on Continue / Send.
import { activate, focused, settle } from './keyboard.mjs';

const MAIN_BUTTON = /^(continue|send|submit|accept|confirm)/i;

/** A value for a text field, from its label (the form's labels are GOV.UK-style and English here). */
function textFor(f) {
  const l = f.label.toLowerCase();
  if (/^day\b/.test(l)) return '12';
  if (/^month\b/.test(l)) return '3';
  if (/^year\b/.test(l)) return '2016';
  if (f.type === 'email' || /email/.test(l)) return 'sam.teacher@example.org';
  if (f.type === 'tel' || /phone/.test(l)) return '01905 000000';
  if (/postcode/.test(l)) return 'WR5 2NP';
  if (/town|city/.test(l)) return 'Worcester';
  if (/line 1/.test(l)) return '1 High Street';
  if (/line 2|other names|unique pupil|upn/.test(l)) return null; // optional
  if (/first name/.test(l)) return 'Alex';
  if (/last name/.test(l)) return 'Example';
  if (/relationship/.test(l)) return 'Mother';
  if (/job|role/.test(l)) return 'Attendance officer';
  if (/school or organisation|organisation|school name|school/.test(l)) return 'Example Primary School';
  if (/name/.test(l)) return 'Sam Teacher';
  if (f.tag === 'textarea') return 'Keyboard test: the child has not been seen at school since September.';
  return 'Example';
}

/** Which radio option to pick, from the group's legend. */
function radioFor(f) {
  const q = f.legend.toLowerCase();
  if (/immediate risk/.test(q)) return /^no\b/i;
  if (/who is making/.test(q)) return /school/i;
  if (/know where the child is/.test(q)) return /^yes\b/i;
  return null; // first option
}

async function formState(page, selector) {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector)?.shadowRoot;
    const text = (e) => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return {
      heading: text(root?.querySelector('h1, h2, h3, legend')),
      reference: text(root?.querySelector('.reference')),
      errors: [...(root?.querySelectorAll('.govuk-error-summary li, [role="alert"] li, .error-summary li') ?? [])].map(text),
    };
  }, selector);
}

/**
 * Focus must already be inside the form (the wizard's hand-off focuses it). Returns the reference.
 * `log` gets one line per page.
 */
export async function completeReferral(page, selector, log) {
  let lastHeading = '';
  for (let step = 0; step < 25; step++) {
    await settle(page, 250);
    const state = await formState(page, selector);
    if (/^CME-[A-Z0-9]{8}$/.test(state.reference)) return state.reference;
    if (state.heading === lastHeading && state.errors.length) {
      throw new Error(`referral form: page "${state.heading}" did not accept the answers: ${state.errors.join('; ')}`);
    }
    log(`form page: ${state.heading}`);
    lastHeading = state.heading;
    const groups = new Set();
    let pressed = false;
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (!f.hosts.includes(selector.replace(/[^a-z-].*$/, '')) && !f.hosts.length) continue;
      if ((f.tag === 'button' || f.tag === 'a') && MAIN_BUTTON.test(f.label)) {
        await page.keyboard.press('Enter');
        pressed = true;
        break;
      }
      if (f.tag === 'input' && f.type === 'radio') {
        const key = f.name || f.legend;
        if (groups.has(key)) continue;
        groups.add(key);
        const want = radioFor(f);
        for (let k = 0; k < 12 && want && !want.test(f.label); k++) {
          await page.keyboard.press('ArrowDown');
          Object.assign(f, await focused(page));
        }
        if (!f.checked) await page.keyboard.press('Space');
      } else if (f.tag === 'input' && f.type === 'checkbox') {
        if (!f.checked && /declar|confirm|true|correct|i have|agree/i.test(f.label)) await page.keyboard.press('Space');
      } else if (f.tag === 'select') {
        if (!f.value) await page.keyboard.press('ArrowDown');
      } else if ((f.tag === 'input' && /^(text|email|tel|search|)$/.test(f.type)) || f.tag === 'textarea') {
        const v = f.value ? null : textFor(f);
        if (v) await page.keyboard.type(v);
      }
    }
    if (!pressed) throw new Error(`referral form: no Continue/Send button reached on page "${state.heading}"`);
  }
  throw new Error('referral form: no reference after 25 pages');
}

export { activate };
