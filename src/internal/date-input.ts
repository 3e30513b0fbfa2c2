import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { isIsoDate, type TypedDate } from '../core/iso-date.js';
import { fieldset, type FieldsetOptions } from './form-fields.js';

/** The three fields of a GOV.UK date input, as typed. */
export type DateParts = TypedDate;
export type DatePart = keyof DateParts;
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

export interface DateInputOptions extends FieldsetOptions {
  /** Field names are `${name}-day`, `${name}-month`, `${name}-year`; ids `${id}-day`… */
  name: string;
  value?: Partial<DateParts> | undefined;
  /** The parts to outline in red (from {@link checkDate}). */
  errorParts?: readonly string[] | undefined;
  /** A date of birth: adds `autocomplete="bday-day"` etc. */
  bday?: boolean;
  /** Content after the fields inside the fieldset (e.g. "or" and an "I do not know" checkbox). */
  after?: unknown;
}

/** GOV.UK date input: three numeric text fields (Day, Month, Year) in a fieldset. */
export function dateInput(o: DateInputOptions): TemplateResult {
  const labels = { day: msg('Day'), month: msg('Month'), year: msg('Year') };
  return fieldset(
    o,
    html`<div class="date">
        ${DATE_PARTS.map(
          (p) => html`<div>
            <label for="${o.id}-${p}">${labels[p]}</label>
            <input
              id="${o.id}-${p}"
              name="${o.name}-${p}"
              class="${p === 'year' ? 'w4' : ''} ${o.errorParts?.includes(p) ? 'input-error' : ''}"
              type="text"
              inputmode="numeric"
              autocomplete=${o.bday ? `bday-${p}` : nothing}
              value=${o.value?.[p] ?? ''}
            />
          </div>`,
        )}
      </div>
      ${o.after}`,
  );
}

/** A checked date: the ISO date, or the GOV.UK message and the parts at fault. */
export type DateCheck = { iso: string } | { error: string; parts: DatePart[] };

/**
 * GOV.UK date input rules: all empty → `missing`; some empty → "`label` must include a month"
 * (or day, year, or two of them); not a 4-digit year → "Year must include 4 numbers"; otherwise
 * not a real date → "`label` must be a real date". Range rules (past, future) are the caller's.
 */
export function checkDate(d: DateParts, label: string, missing: string): DateCheck {
  const empty = DATE_PARTS.filter((p) => !d[p]);
  if (empty.length === 3) return { error: missing, parts: [...DATE_PARTS] };
  if (empty.length) {
    const error = {
      day: msg(str`${label} must include a day`),
      month: msg(str`${label} must include a month`),
      year: msg(str`${label} must include a year`),
      'day,month': msg(str`${label} must include a day and month`),
      'day,year': msg(str`${label} must include a day and year`),
      'month,year': msg(str`${label} must include a month and year`),
    }[empty.join()]!;
    return { error, parts: empty };
  }
  if (!/^\d{4}$/.test(d.year)) return { error: msg('Year must include 4 numbers'), parts: ['year'] };
  const iso = `${d.year}-${d.month.padStart(2, '0')}-${d.day.padStart(2, '0')}`;
  return isIsoDate(iso) ? { iso } : { error: msg(str`${label} must be a real date`), parts: [...DATE_PARTS] };
}
