/**
 * The helpline's configuration: the zod/mini schema (the contract in docs/architecture.md#contracts) and its parser.
 * Hours, term dates and closures are council configuration, never guessed (docs/law.md#the-helpline).
 *
 * The component does not use it: zod/mini weighs ~6 KB gz, and `checkHelplineConfig` in
 * `check-config.ts` gives the same answers without zod (a test keeps the two equal). Imports go
 * one way, from here to `check-config.ts`.
 */
import * as z from 'zod/mini';
import { BANK_HOLIDAY_DIVISIONS, type BankHolidayDivision } from './bank-holidays.js';
import { messages as m, seedWeek, type HelplineConfig, type HelplineConfigError } from './check-config.js';
import { isIsoDate, isValidTimeZone, parseRange } from './zoned-time.js';

export { checkHelplineConfig, defaultHelplineConfig, type HelplineConfig, type HelplineConfigError } from './check-config.js';

const isoDate = z.string(m.date).check(z.refine(isIsoDate, m.date));
// The same, failing softly on a non-string, so that a bad item in the `bankHolidays` list is
// reported at its own path rather than as "none of the union's options".
const listedDate = z.custom<string>().check(z.refine((v) => typeof v === 'string' && isIsoDate(v), m.date));

const range = z.string(m.range).check(
  z.refine((s) => !!parseRange(s), m.range),
  z.refine((s) => {
    const r = parseRange(s);
    return !r || r[0] < r[1];
  }, m.rangeOrder),
);

const day = z.optional(z.array(range, m.day));

/**
 * Schema of {@link HelplineConfig} (docs/architecture.md#contracts). Every field has a default from the seed
 * (`defaultHelplineConfig`), so `{ "termTime": […] }` alone is a complete config. Unknown keys are
 * errors: a typo such as `"closure"` must not be silently ignored.
 */
export const helplineConfigSchema = z.strictObject(
  {
    /** IANA zone the hours are written in. */
    timeZone: z._default(z.string(m.timeZone).check(z.refine(isValidTimeZone, m.timeZone)), 'Europe/London'),
    /** Ranges `HH:MM-HH:MM` per weekday, start inclusive, end exclusive. Replaces the seed week as a whole. */
    weekly: z._default(
      z.strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, m.weekly),
      seedWeek,
    ),
    /** Inclusive date ranges; when present the helpline is open only inside one. */
    termTime: z.optional(
      z.array(
        z.strictObject({ from: isoDate, to: isoDate }, m.terms).check(
          z.refine((t) => !isIsoDate(t.from) || !isIsoDate(t.to) || t.from <= t.to, {
            message: m.termOrder,
            path: ['to'],
          }),
        ),
        m.terms,
      ),
    ),
    /** A GOV.UK division (bundled snapshot), explicit ISO dates, or `false` for none. */
    bankHolidays: z._default(
      z.union(
        [
          z.enum(BANK_HOLIDAY_DIVISIONS as [BankHolidayDivision, ...BankHolidayDivision[]]),
          z.array(listedDate),
          z.literal(false),
        ],
        m.bankHolidays,
      ),
      'england-and-wales',
    ),
    /** Extra closed dates, e.g. staff training. */
    closures: z.optional(
      z.array(z.strictObject({ date: isoDate, label: z.optional(z.string(m.label)) }, m.closures), m.closures),
    ),
  },
  m.config,
);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time proof that the schema's output is the `HelplineConfig` that `check-config.ts` defines. */
export const schemaMatchesType: Same<z.output<typeof helplineConfigSchema>, HelplineConfig> = true;

/**
 * Validates editor-supplied config (e.g. a child `<script type="application/json">`).
 * Missing fields take the defaults; each error names the field at fault in dotted form.
 */
export function parseHelplineConfig(
  input: unknown,
): { ok: true; value: HelplineConfig } | { ok: false; errors: HelplineConfigError[] } {
  const result = z.safeParse(helplineConfigSchema, input);
  if (result.success) return { ok: true, value: result.data };
  const errors = result.error.issues.flatMap((issue): HelplineConfigError[] => {
    const path = issue.path.join('.');
    if (issue.code !== 'unrecognized_keys') return [{ path, message: issue.message }];
    return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: m.unknown(key, path) }));
  });
  return { ok: false, errors };
}
