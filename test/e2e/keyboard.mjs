// Keyboard-only helpers for puppeteer: nothing here clicks. The deep focused element (through
// open shadow roots) is read after every key press.

/** What has focus, looking through shadow roots. */
export async function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    const hosts = [];
    while (el?.shadowRoot?.activeElement) {
      hosts.push(el.localName);
      el = el.shadowRoot.activeElement;
    }
    if (!el || el === document.body) return { tag: 'body', hosts };
    const labelOf = (e) => {
      const ids = e.getAttribute('aria-labelledby');
      const root = e.getRootNode();
      if (ids) return ids.split(/\s+/).map((id) => root.getElementById?.(id)?.textContent ?? '').join(' ');
      if (e.labels?.length) return [...e.labels].map((l) => l.textContent).join(' ');
      return e.getAttribute('aria-label') ?? e.textContent ?? '';
    };
    const legend = el.closest('fieldset')?.querySelector('legend')?.textContent ?? '';
    return {
      tag: el.localName,
      type: el.getAttribute('type') ?? '',
      name: el.getAttribute('name') ?? '',
      id: el.id,
      href: el.getAttribute('href') ?? '',
      autocomplete: el.getAttribute('autocomplete') ?? '',
      inputmode: el.getAttribute('inputmode') ?? '',
      label: labelOf(el).replace(/\s+/g, ' ').trim(),
      legend: legend.replace(/\s+/g, ' ').trim(),
      checked: !!el.checked,
      value: 'value' in el ? String(el.value) : '',
      required: el.required || el.getAttribute('aria-required') === 'true',
      hosts,
    };
  });
}

/** Presses Tab (or Shift+Tab) until `pred(focus)` holds; throws after `max` presses. */
export async function tabUntil(page, pred, what, { max = 60, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    if (back) {
      await page.keyboard.down('Shift');
      await page.keyboard.press('Tab');
      await page.keyboard.up('Shift');
    } else await page.keyboard.press('Tab');
    const f = await focused(page);
    if (pred(f)) return f;
  }
  throw new Error(`keyboard: ${what} never got focus after ${max} ${back ? 'Shift+Tab' : 'Tab'} presses`);
}

/**
 * With focus on a radio of a group, selects the option whose label matches `re`: Space when it is
 * the focused one, otherwise ArrowDown (which moves and selects) round the group.
 */
export async function chooseRadio(page, re) {
  let f = await focused(page);
  if (f.type !== 'radio') throw new Error(`keyboard: expected a radio button to have focus, got ${f.tag} "${f.label}"`);
  for (let i = 0; i < 20; i++) {
    if (re.test(f.label)) {
      if (!f.checked) await page.keyboard.press('Space');
      return f;
    }
    await page.keyboard.press('ArrowDown');
    f = await focused(page);
  }
  throw new Error(`keyboard: no option matching ${re} in the radio group "${f.legend}"`);
}

/** Tabs to the button or link whose text matches `re` and presses Enter. */
export async function activate(page, re, what = String(re)) {
  await tabUntil(page, (f) => (f.tag === 'button' || f.tag === 'a') && re.test(f.label), what);
  await page.keyboard.press('Enter');
}

export const settle = (page, ms = 150) =>
  page.evaluate(async (ms) => {
    const all = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('cme-'));
    await Promise.all(all.map((e) => e.updateComplete));
    await new Promise((r) => setTimeout(r, ms));
  }, ms);
