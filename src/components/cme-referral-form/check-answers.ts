import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { heading } from '../../internal/heading.js';
import { button, changeLink, summaryList, type SummaryRow } from '../../internal/form-fields.js';
import { formatIsoDate } from '../../internal/format.js';
import { isIsoDate } from '../../core/iso-date.js';
import { isObject } from '../../core/is-object.js';
import { dateValue, getAt, type Answers } from '../../core/referral/answers.js';
import { ADDRESS_FIELDS, askedFields, askedList, journeyPage, type HideableSection, type JourneyField, type PageId } from '../../core/referral/journey.js';
import { cardTitle, labelOf, listText, optionLabels, pageTitle } from './text.js';

/*
 * "Check your answers" as GOV.UK summary cards: a card per section with its own heading, a
 * "Change" link per answer, and a card per list item (a parent, a sibling, an enquiry) with one
 * "Change" for the item (one action: a link, not a list, as GOV.UK renders it), so the page has
 * one stop per answer or item rather than per field.
 * Every "Change" link has an id (`change-<path>`): after the change the form comes back here
 * and focuses the link of the row that was changed.
 */

export interface CheckContext {
  answers: Answers;
  hidden: readonly HideableSection[];
  /** The pages on the path, in order. */
  flow: readonly PageId[];
  level: number;
  /** "Change": go to the page, and come back to the link with this id. */
  change(page: PageId, linkId: string): void;
  next(): void;
  restart(): void;
}

interface Card {
  title: string;
  /** Rows with a "Change" link (`link` its id), or none in an item's card: the card has one. */
  rows: SummaryRow[];
  /** A list item's card: one "Change" for the whole item. */
  item?: { link: string; page: PageId };
}

/** The id of the "Change" link for the answer at `path`: a list item's card link, or the row's. */
export function changeLinkId(path: string): string {
  const item = /^((?:parents|siblings|enquiries)\.\d+)\./.exec(path);
  return `change-${item ? item[1] : path.replace(/\.address\..*$/, '.address')}`;
}

/** An answer as "Check your answers" shows it. */
export function display(f: JourneyField, answers: Answers, path: string): string {
  const v = getAt(answers, path);
  const none = msg('Not given');
  if (f.kind === 'address') {
    const lines = ADDRESS_FIELDS.map((a) => getAt(v, a.path)).filter((x) => typeof x === 'string' && x.trim());
    return lines.length ? lines.join('\n') : none;
  }
  if (f.kind === 'date') {
    const iso = isObject(v) ? dateValue(v) : '';
    return isIsoDate(iso) ? formatIsoDate(iso) : iso || none;
  }
  if (typeof v === 'boolean') return v ? msg('Yes') : msg('No');
  const labels: Record<string, string> = f.options ? Object.fromEntries(optionLabels[f.options]()) : {};
  if (Array.isArray(v)) return v.length ? v.map((x: string) => labels[x] ?? x).join('\n') : none;
  return typeof v === 'string' && v.trim() ? (labels[v] ?? v) : none;
}

/** The cards, in journey order: a follow-up page's rows join the card of the page before. */
export function cards(c: CheckContext): Card[] {
  const out: Card[] = [];
  let section: Card | undefined;
  for (const id of c.flow) {
    if (id === 'check' || id === 'declaration') continue;
    const p = journeyPage(id);
    if (p.newCard || !section) out.push((section = { title: cardTitle(id), rows: [] }));
    const row = (key: string, value: string, path: string): SummaryRow => {
      const link = `change-${path}`;
      return { key, value, link, change: () => c.change(id, link) };
    };
    for (const f of askedFields(p, c.answers, c.hidden)) section.rows.push(row(labelOf(f.path), display(f, c.answers, f.path), f.path));
    const ls = askedList(p, c.hidden);
    if (!ls) continue;
    const words = listText[ls.path];
    const items = (getAt(c.answers, ls.path) as Answers[] | undefined) ?? [];
    if (!items.length) section.rows.push(row(words.title(), msg('None'), ls.path));
    items.forEach((_, i) => {
      const base = `${ls.path}.${i}`;
      const rows = ls.fields.map((f) => ({ key: labelOf(f.path), value: display(f, c.answers, `${base}.${f.path}`) }));
      out.push({ title: words.item(i + 1), rows, item: { link: `change-${base}`, page: id } });
    });
  }
  // A section whose only content is its list items (parents, enquiries) needs no empty card.
  return out.filter((x) => x.rows.length || x.item);
}

function card(c: CheckContext, k: Card): TemplateResult {
  const i = k.item;
  return html`<div class="card">
    <div class="card-title">
      ${heading(c.level + 1, k.title, undefined, 'subheading')}
      ${i ? html`<span class="act">${changeLink(k.title, () => c.change(i.page, i.link), i.link)}</span>` : nothing}
    </div>
    ${summaryList(k.rows)}
  </div>`;
}

/** The page: heading, the cards, Continue (to the declaration) and "Start again". */
export function renderCheckAnswers(c: CheckContext): TemplateResult {
  return html`${heading(c.level, pageTitle.check(), 'h')} ${cards(c).map((k) => card(c, k))}
    ${button(msg('Continue'), { type: 'button', onClick: () => c.next() })}
    ${button(msg('Start again'), { secondary: true, type: 'button', onClick: () => c.restart() })}`;
}
