/**
 * The helpline config check without zod, for the size-budgeted helpline page: zod/mini alone is
 * ~6 KB gz, this file ~1 KB. It gives exactly what `parseHelplineConfig` (the zod schema in
 * `config.ts`) gives, same paths and messages, in the same order; `test/node/helpline/config.test.ts`
 * runs both on the same inputs to keep them equal. The messages live here and the schema reuses them.
 */
import { BANK_HOLIDAY_DIVISIONS } from './bank-holidays.js';
import type { HelplineConfig } from './config.js';
import { WEEKDAYS, isIsoDate, isValidTimeZone, parseRange } from './zoned-time.js';

/** Editor-facing messages, plain English (shared with the zod schema). */
export const messages = {
  config: 'The helpline settings must be a JSON object',
  timeZone: 'Use a time zone name like "Europe/London"',
  weekly: 'Use days like {"mon": ["09:00-12:30"]}',
  day: 'Use a list like ["09:00-12:30", "13:00-16:30"]',
  range: 'Use 24-hour times like "09:00-12:30"',
  rangeOrder: 'The closing time must be after the opening time',
  date: 'Use a real date like "2026-09-02"',
  terms: 'Use terms like [{"from": "2026-09-02", "to": "2026-10-23"}]',
  termOrder: 'The end of the term must not be before its start',
  bankHolidays: `Use ${BANK_HOLIDAY_DIVISIONS.map((d) => `"${d}"`).join(', ')}, a list of dates, or false`,
  closures: 'Use closures like [{"date": "2026-12-16", "label": "Staff training"}]',
  label: 'Use text for the label',
  unknown: (key: string, path: string) =>
    `Unknown setting "${key}": ${path === 'weekly' ? `use ${WEEKDAYS.join(', ')}` : 'check the spelling'}`,
};

/** The seed page's hours (docs/law.md#the-helpline): Monday, Wednesday and Friday, with a lunch break. */
export function seedWeek() {
  const day = () => ['09:00-12:30', '13:00-16:30'];
  return { mon: day(), wed: day(), fri: day() };
}

/** The seed page's helpline (docs/law.md#the-helpline). It is term-time only, but term dates are council
 * configuration, so there is no `termTime` here: the component says "term time only" in words. */
export const defaultHelplineConfig: HelplineConfig = {
  timeZone: 'Europe/London',
  weekly: seedWeek(),
  bankHolidays: 'england-and-wales',
};

/** One problem for the page editor: `path` in dotted form (`weekly.mon.0`), `message` in plain English. */
export interface HelplineConfigError {
  path: string;
  message: string;
}

/** The result of checking editor-supplied config. */
export type HelplineConfigResult = { ok: true; value: HelplineConfig } | { ok: false; errors: HelplineConfigError[] };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Same contract as `parseHelplineConfig` in `config.ts`, without zod: missing fields take the
 * defaults, unknown keys are errors, each error names the field at fault.
 */
export function checkHelplineConfig(input: unknown): HelplineConfigResult {
  const errors: HelplineConfigError[] = [];
  const fail = (path: string, message: string) => void errors.push({ path, message });
  // Checks a strict object: its own keys via `check`, then any unknown keys (zod's order).
  const object = (v: unknown, path: string, message: string, keys: readonly string[], check: (o: Obj) => void) => {
    if (!isObject(v)) return fail(path, message);
    check(v);
    for (const key of Object.keys(v)) if (!keys.includes(key)) fail(path ? `${path}.${key}` : key, messages.unknown(key, path));
  };
  const list = (v: unknown, path: string, message: string, each: (item: unknown, path: string) => void) => {
    if (v === undefined) return;
    if (!Array.isArray(v)) return fail(path, message);
    v.forEach((item, i) => each(item, `${path}.${i}`));
  };
  const date = (v: unknown, path: string) => {
    if (typeof v !== 'string' || !isIsoDate(v)) fail(path, messages.date);
  };

  object(input, '', messages.config, ['timeZone', 'weekly', 'termTime', 'bankHolidays', 'closures'], (c) => {
    if (c.timeZone !== undefined && (typeof c.timeZone !== 'string' || !isValidTimeZone(c.timeZone))) {
      fail('timeZone', messages.timeZone);
    }
    if (c.weekly !== undefined) {
      object(c.weekly, 'weekly', messages.weekly, WEEKDAYS, (w) => {
        for (const day of WEEKDAYS) {
          list(w[day], `weekly.${day}`, messages.day, (r, path) => {
            const minutes = typeof r === 'string' ? parseRange(r) : undefined;
            if (!minutes) fail(path, messages.range);
            else if (minutes[0] >= minutes[1]) fail(path, messages.rangeOrder);
          });
        }
      });
    }
    list(c.termTime, 'termTime', messages.terms, (t, path) =>
      object(t, path, messages.terms, ['from', 'to'], ({ from, to }) => {
        date(from, `${path}.from`);
        date(to, `${path}.to`);
        if (typeof from === 'string' && typeof to === 'string' && isIsoDate(from) && isIsoDate(to) && from > to) {
          fail(`${path}.to`, messages.termOrder);
        }
      }),
    );
    const bh = c.bankHolidays;
    if (Array.isArray(bh)) bh.forEach((d, i) => date(d, `bankHolidays.${i}`));
    else if (bh !== undefined && bh !== false && !(BANK_HOLIDAY_DIVISIONS as unknown[]).includes(bh)) {
      fail('bankHolidays', messages.bankHolidays);
    }
    list(c.closures, 'closures', messages.closures, (x, path) =>
      object(x, path, messages.closures, ['date', 'label'], ({ date: d, label }) => {
        date(d, `${path}.date`);
        if (label !== undefined && typeof label !== 'string') fail(`${path}.label`, messages.label);
      }),
    );
  });
  if (errors.length) return { ok: false, errors };

  // Valid: fill the defaults, keep only known keys (structuredClone: no sharing with the input).
  const c = structuredClone(input) as Partial<HelplineConfig>;
  const value: HelplineConfig = {
    timeZone: c.timeZone ?? 'Europe/London',
    weekly: c.weekly ?? seedWeek(),
    bankHolidays: c.bankHolidays ?? 'england-and-wales',
  };
  if (c.termTime) value.termTime = c.termTime;
  if (c.closures) value.closures = c.closures;
  return { ok: true, value };
}
