/**
 * Term dates from what a council already has: an iCalendar (.ics) file exported from a calendar,
 * or rows pasted from a spreadsheet. Pure functions (no DOM), shared by the embed builder and
 * its node tests. Results are inclusive ISO date ranges, as the helpline's `termTime` takes them.
 */
import { isIsoDate } from '../core/iso-date.js';

export interface DateRange {
  from: string;
  to: string;
  /** The event's SUMMARY or the spreadsheet's label column, when there is one. */
  label?: string;
}

export interface ParseResult {
  ranges: DateRange[];
  /** Lines or events that could not be used, each saying why (shown to the editor). */
  problems: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The day before an ISO date (an all-day DTEND is exclusive). */
function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d) - 86_400_000);
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** RFC 5545 §3.1: a line starting with a space or tab continues the previous one. */
function unfold(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').replace(/\n[ \t]/g, '').split('\n');
}

/** RFC 5545 §3.3.11 text: `\,` `\;` `\\` `\n`. */
const unescapeText = (v: string) => v.replace(/\\([,;\\])/g, '$1').replace(/\\[nN]/g, ' ').trim();

/** `DTSTART;VALUE=DATE:20260902` → `{ date: '2026-09-02', allDay: true }`. */
function icsDate(value: string): { date: string; allDay: boolean } | null {
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return isIsoDate(date) ? { date, allDay: !m[4] } : null;
}

/**
 * Reads every VEVENT's all-day DTSTART/DTEND (DTEND is exclusive, so the range ends the day
 * before it; no DTEND means a one-day event). Events with a time of day are not term dates:
 * they are left out, and said so.
 */
export function parseIcs(text: string): ParseResult {
  const ranges: DateRange[] = [];
  const problems: string[] = [];
  let event: Record<string, string> | null = null;
  let seen = 0;
  for (const line of unfold(text)) {
    if (/^BEGIN:VEVENT$/i.test(line.trim())) event = {};
    else if (/^END:VEVENT$/i.test(line.trim()) && event) {
      seen++;
      const name = event.SUMMARY ? `“${event.SUMMARY}”` : `Event ${seen}`;
      const start = event.DTSTART ? icsDate(event.DTSTART) : null;
      const end = event.DTEND ? icsDate(event.DTEND) : null;
      if (!start) problems.push(`${name}: it has no start date we can read.`);
      else if (!start.allDay || (end && !end.allDay)) problems.push(`${name}: it has a time of day, so it is not an all-day date; left out.`);
      else if (event.DTEND && !end) problems.push(`${name}: its end date cannot be read.`);
      else {
        const to = end ? dayBefore(end.date) : start.date;
        if (to < start.date) problems.push(`${name}: it ends before it starts.`);
        else ranges.push({ from: start.date, to, ...(event.SUMMARY ? { label: event.SUMMARY } : {}) });
      }
      event = null;
    } else if (event) {
      const m = /^([A-Z-]+)(;[^:]*)?:(.*)$/i.exec(line);
      if (m) event[m[1]!.toUpperCase()] = m[1]!.toUpperCase() === 'SUMMARY' ? unescapeText(m[3]!) : m[3]!;
    }
  }
  if (seen === 0) problems.push('The file has no events (VEVENT) in it. Is it an iCalendar (.ics) file?');
  ranges.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { ranges, problems };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * One spreadsheet cell as a date: `2026-09-02`, `02/09/2026` or `2/9/26` (UK day first),
 * `2 September 2026`, `Wed 2 Sep 2026`. Null when it is not a real date.
 */
export function parseCellDate(cell: string): string | null {
  const c = cell.trim();
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(c))) [y, m, d] = [+match[1]!, +match[2]!, +match[3]!];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(c))) [d, m, y] = [+match[1]!, +match[2]!, +match[3]!];
  else if ((match = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(c))) {
    const month = MONTHS.indexOf(match[2]!.slice(0, 3).toLowerCase());
    if (month < 0) return null;
    [d, m, y] = [+match[1]!, month + 1, +match[3]!];
  } else return null;
  if (y < 100) y += 2000;
  const date = iso(y, m, d);
  return isIsoDate(date) ? date : null;
}

/**
 * Rows pasted from a spreadsheet (cells separated by tabs, as Excel, LibreOffice and Google
 * Sheets copy them; commas also work). Each row holds a start and an end date, with an optional
 * label in any other column. A first row without dates is taken as the heading row.
 */
export function parseSpreadsheet(text: string): ParseResult {
  const ranges: DateRange[] = [];
  const problems: string[] = [];
  const rows = text.replace(/\r\n?/g, '\n').split('\n');
  rows.forEach((row, i) => {
    if (row.trim() === '') return;
    const cells = (row.includes('\t') ? row.split('\t') : row.split(',')).map((c) => c.trim());
    const dates = cells.map(parseCellDate);
    const found = dates.filter((d): d is string => d !== null);
    const label = cells.filter((c, k) => c !== '' && dates[k] === null).join(' ');
    if (found.length === 0) {
      if (i === 0) return; // the heading row
      problems.push(`Row ${i + 1}: no date we can read in “${row.trim()}”. Use dates like 2026-09-02 or 02/09/2026.`);
    } else if (found.length > 2) problems.push(`Row ${i + 1}: more than two dates; give the first and last day of the term.`);
    else {
      const [from, to = from] = found as [string, string?];
      if (to < from) problems.push(`Row ${i + 1}: the term ends (${to}) before it starts (${from}).`);
      else ranges.push({ from, to, ...(label ? { label } : {}) });
    }
  });
  return { ranges, problems };
}
