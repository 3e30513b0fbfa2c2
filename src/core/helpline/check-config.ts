/**
 * The helpline config check the component uses: zod-free, for the size-budgeted helpline page
 * (zod/mini alone is ~6 KB gz, this file ~1 KB), loaded lazily with the component's config. It
 * owns the `HelplineConfig` type and the editor messages. `config.ts` holds the zod schema of the
 * same contract (`helplineConfigSchema`) for code that wants zod; it imports from here, never
 * the other way, and `test/node/helpline/config.test.ts` runs both on the same inputs to keep
 * their answers equal.
 */
import { BANK_HOLIDAY_DIVISIONS, type BankHolidayDivision } from './bank-holidays.js';
import { isObject } from '../is-object.js';
import { DEFAULT_PROFILE } from '../profile.js';
import { WEEKDAYS, isIsoDate, isValidTimeZone, parseRange, type Weekday } from './zoned-time.js';

/** A validated helpline configuration (the `helplineStatus` contract, docs/architecture.md). */
export interface HelplineConfig {
  /** IANA zone the hours are written in. */
  timeZone: string;
  /** Ranges `HH:MM-HH:MM` per weekday, start inclusive, end exclusive. */
  weekly: Partial<Record<Weekday, string[]>>;
  /** Inclusive date ranges; when present the helpline is open only inside one. */
  termTime?: { from: string; to: string }[];
  /** A GOV.UK division (bundled snapshot), explicit ISO dates, or `false` for none. */
  bankHolidays: BankHolidayDivision | string[] | false;
  /** Extra closed dates, e.g. staff training. */
  closures?: { date: string; label?: string }[];
}

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

/** The seed site's hours, from the default council profile (a fresh copy each time). */
export const seedWeek = (): HelplineConfig['weekly'] => structuredClone(DEFAULT_PROFILE.helpline.weekly);

/** The seed site's helpline, from the default council profile (`src/core/profile.ts`). */
export const defaultHelplineConfig: HelplineConfig = {
  timeZone: DEFAULT_PROFILE.helpline.timeZone,
  weekly: seedWeek(),
  bankHolidays: DEFAULT_PROFILE.helpline.bankHolidays,
};

/** One problem for the page editor: `path` in dotted form (`weekly.mon.0`), `message` in plain English. */
export interface HelplineConfigError {
  path: string;
  message: string;
}

/** The result of checking editor-supplied config. */
export type HelplineConfigResult = { ok: true; value: HelplineConfig } | { ok: false; errors: HelplineConfigError[] };

type Obj = Record<string, unknown>;

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
    timeZone: c.timeZone ?? defaultHelplineConfig.timeZone,
    weekly: c.weekly ?? seedWeek(),
    bankHolidays: c.bankHolidays ?? defaultHelplineConfig.bankHolidays,
  };
  if (c.termTime) value.termTime = c.termTime;
  if (c.closures) value.closures = c.closures;
  return { ok: true, value };
}
