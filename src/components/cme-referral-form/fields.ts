import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { choice, describedBy, errorMessage, fieldset, hintAndError, radios, type Choice } from '../../internal/form-fields.js';
import { DATE_PARTS, dateInput, type DateParts } from '../../internal/date-input.js';
import { heading } from '../../internal/heading.js';
import { getAt, setAt, type Answers } from '../../core/referral/answers.js';
import { ADDRESS_FIELDS, isOptional, type JourneyField, type JourneyList } from '../../core/referral/journey.js';
import { hintOf, labelOf, listText, optionLabels } from './text.js';

/*
 * Text fields for the referral form, in the style of the GOV.UK primitives in
 * `src/internal/form-fields.ts` (which has radios, checkboxes and the fieldset): the label, the
 * hint, the error message (with its hidden "Error:") and the control all sit in one render root,
 * linked by `for` and `aria-describedby`. The id is also the field's name (its payload path).
 * Values are rendered as defaults, like the primitives: the form calls `form.reset()` after a
 * structural re-render, and every keystroke is already in the draft.
 */
export interface TextOptions {
  id: string;
  label: unknown;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  /** Control: an input of this type (default `text`), a textarea, or a select with these options. */
  type?: 'text' | 'email' | 'tel' | 'area' | 'select';
  options?: [string, string][] | undefined;
  /** `autocomplete` token: only for the person's own details; everything else is `off`. */
  autocomplete?: string | undefined;
  /** Names, emails, postcodes and codes: no spell check. */
  exact?: boolean | undefined;
  /** Postcodes and codes: capital letters on phone keyboards. */
  caps?: boolean | undefined;
  /** Width class (`w10`, `w20`). */
  width?: string | undefined;
}

/** A GOV.UK text input, textarea or select with its label, hint and error message. */
export function textField(o: TextOptions): TemplateResult {
  const cls = `field ${o.width ?? ''} ${o.error ? 'input-error' : ''}`;
  const by = describedBy(o);
  const control =
    o.type === 'area'
      ? html`<textarea id=${o.id} name=${o.id} rows="5" class=${cls} aria-describedby=${by} .defaultValue=${o.value}></textarea>`
      : o.type === 'select'
        ? html`<select id=${o.id} name=${o.id} class=${cls} aria-describedby=${by}>
            <option value="">${msg('Select an option')}</option>
            ${o.options!.map(([v, l]) => html`<option value=${v} ?selected=${v === o.value}>${l}</option>`)}
          </select>`
        : html`<input
            id=${o.id}
            name=${o.id}
            type=${o.type ?? 'text'}
            class=${cls}
            autocomplete=${o.autocomplete ?? 'off'}
            spellcheck=${o.exact ? 'false' : nothing}
            autocapitalize=${o.caps ? 'characters' : nothing}
            aria-describedby=${by}
            value=${o.value}
          />`;
  return html`<div class="group ${o.error ? 'group-error' : ''}">
    <label class="label" for=${o.id}>${o.label}</label>
    ${hintAndError(o)} ${control}
  </div>`;
}

/** What field rendering needs from the form. */
export interface FieldContext {
  answers: Answers;
  /** The error message at a path, if any. */
  errorAt(path: string): string | undefined;
  /** Date parts at fault, by path (from the browser's own date check). */
  faults: Record<string, readonly string[]>;
  /** Collects the ids rendered, in order (error links go to them). */
  ids: Set<string>;
  /** After a list item is added or removed: focus this id and re-render. */
  listChanged(focusId: string): void;
}

const label = (f: JourneyField, path: string, a: Answers): string => (isOptional(f, a) ? msg(str`${labelOf(path)} (optional)`) : labelOf(path));
const choices = (f: JourneyField): Choice[] => optionLabels[f.options!]().map(([value, l]) => ({ value, label: l }));

/** One field, named by its payload path (`base` + `f.path`); `legend` replaces the label (a page's single question). */
export function renderField(c: FieldContext, f: JourneyField, base: string, legend?: TemplateResult): unknown {
  const a = c.answers;
  if (f.askedWhen && !f.askedWhen(a)) return nothing;
  const id = base + f.path;
  const v = getAt(a, id);
  const error = c.errorAt(id);
  const o = { id, name: id, legend: legend ?? label(f, id, a), hint: hintOf(id, a), error };
  if (f.kind === 'address') return fieldset(o, ADDRESS_FIELDS.map((x) => renderField(c, x, `${id}.`)));
  if (f.kind === 'date') {
    for (const p of DATE_PARTS) c.ids.add(`${id}-${p}`);
    return dateInput({ ...o, value: v as Partial<DateParts>, errorParts: error ? (c.faults[id] ?? DATE_PARTS) : undefined });
  }
  c.ids.add(id);
  if (f.kind === 'yes-no') {
    const items = [
      { value: 'true', label: msg('Yes') },
      { value: 'false', label: msg('No') },
    ];
    return radios({ ...o, items, value: v === undefined ? undefined : String(v) });
  }
  if (f.kind === 'radios') return radios({ ...o, items: choices(f), value: v as string });
  if (f.kind === 'checkboxes') {
    const on = Array.isArray(v) ? v : [];
    return fieldset(
      o,
      choices(f).map((x, i) => choice('checkbox', i ? `${id}-${i}` : id, id, x, on.includes(x.value))),
    );
  }
  if (f.kind === 'checkbox') {
    return html`<div class="group ${error ? 'group-error' : ''}">
      ${errorMessage(id, error)}
      <div class="choice">
        <input type="checkbox" id=${id} name=${id} value="true" ?checked=${v === true} aria-describedby=${error ? `${id}-error` : nothing} />
        <label for=${id}>${o.legend}</label>
      </div>
    </div>`;
  }
  return textField({
    ...o,
    label: o.legend,
    value: typeof v === 'string' ? v : '',
    type: f.kind === 'textarea' ? 'area' : f.kind,
    options: f.kind === 'select' ? optionLabels[f.options!]() : undefined,
    autocomplete: f.autocomplete,
    exact: !!f.noSpellcheck,
    caps: !!f.capitals,
    width: f.width,
  });
}

/** GOV.UK "Add another": a fieldset per item with "Remove", and an add button. */
export function renderList(c: FieldContext, ls: JourneyList, level: number, subheading: boolean): TemplateResult {
  const words = listText[ls.path];
  const items = (getAt(c.answers, ls.path) as Answers[] | undefined) ?? [];
  const error = c.errorAt(ls.path);
  const f0 = ls.fields[0]!;
  const first = (i: number) => (i < 0 ? `${ls.path}-add` : `${ls.path}.${i}.${f0.path}${f0.kind === 'date' ? '-day' : ''}`);
  return html`${subheading ? heading(level + 1, words.title(), undefined, 'subheading') : nothing} ${errorMessage(ls.path, error)}
    ${items.map(
      (_, i) =>
        html`<fieldset class="item">
          <legend>${words.item(i + 1)}</legend>
          ${ls.fields.map((f) => renderField(c, f, `${ls.path}.${i}.`))}
          ${items.length > ls.min
            ? html`<button
                type="button"
                class="button secondary"
                @click=${() => {
                  items.splice(i, 1);
                  c.listChanged(first(Math.min(i, items.length - 1)));
                }}
              >
                ${msg('Remove')}<span class="visually-hidden"> ${words.item(i + 1)}</span>
              </button>`
            : nothing}
        </fieldset>`,
    )}
    ${items.length < ls.max
      ? html`<button
          type="button"
          id="${ls.path}-add"
          class="button secondary"
          @click=${() => {
            const at = items.length;
            setAt(c.answers, `${ls.path}.${at}`, {});
            c.listChanged(first(at));
          }}
        >
          ${items.length ? words.add() : words.addFirst()}
        </button>`
      : html`<p class="hint">${msg(str`You can add up to ${ls.max}.`)}</p>`}`;
}

/** Puts what a control now holds into the answers, at the control's name (its payload path). */
export function readInput(answers: Answers, t: HTMLInputElement): void {
  const name = t.name;
  const part = /^(.+)-(day|month|year)$/.exec(name);
  if (part) setAt(answers, `${part[1]}.${part[2]}`, t.value);
  else if (t.type === 'checkbox' && t.value === 'true') setAt(answers, name, t.checked || undefined);
  else if (t.type === 'checkbox') {
    const on = t.form!.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`);
    setAt(answers, name, [...on].map((i) => i.value));
  } else if (t.type === 'radio') setAt(answers, name, t.value === 'true' ? true : t.value === 'false' ? false : t.value);
  else setAt(answers, name, t.value);
}

/** The id an error should link to: the field (the first date part at fault), else the page heading. */
export function errorTarget(ids: ReadonlySet<string>, faults: Record<string, readonly string[]>, path: string): string {
  return [`${path}-${faults[path]?.[0] ?? 'day'}`, path].find((i) => ids.has(i)) ?? [...ids].find((i) => i.startsWith(`${path}.`)) ?? 'h';
}
