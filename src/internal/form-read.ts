import { DATE_PARTS, type DateParts } from './date-input.js';

/*
 * For forms read on submit (the wizard reads `FormData`; the referral form reads every
 * keystroke instead). A module of its own so that only the component using it loads it: the
 * rest of the primitives are in a chunk both forms load.
 */

/** The parts as typed, from a submitted form. */
export const readDate = (data: FormData, name: string): DateParts =>
  Object.fromEntries(DATE_PARTS.map((p) => [p, String(data.get(`${name}-${p}`) ?? '').trim()])) as unknown as DateParts;

/**
 * An `input` listener for a form with text fields and one exclusive checkbox (GOV.UK "or, I do
 * not know"): ticking the box clears the fields; typing in a field unticks the box.
 */
export function exclusive(e: Event): void {
  const t = e.target as HTMLInputElement;
  for (const i of t.form?.querySelectorAll('input') ?? []) {
    if (i.type === t.type) continue;
    if (t.type !== 'checkbox') i.checked = false;
    else if (t.checked) i.value = '';
  }
}
