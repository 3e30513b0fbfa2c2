/**
 * Messages are produced by msg() at parse time, not captured when the schema module loads: after
 * the page switches locale, the same schema object answers in the new language. (Own file: the
 * localization runtime is process-global.)
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { configureLocalization } from '@lit/localize';
import { parseReferral } from '../../../src/core/referral/schema.js';
import { TODAY, fixture } from './helpers.js';

it('follows a locale switched after the schema was loaded', async () => {
  (globalThis as { window?: unknown }).window ??= new EventTarget();
  // A pseudo-locale: every message id translates to "[xx] <id>".
  const templates = new Proxy({}, { get: (_t, id) => (typeof id === 'string' ? `[xx] ${id}` : undefined) });
  const { setLocale } = configureLocalization({ sourceLocale: 'en-GB', targetLocales: ['xx'], loadLocale: async () => ({ templates }) as never });
  const f = fixture();
  delete f.child.dateOfBirth;
  const message = () => {
    const r = parseReferral(f, { today: TODAY });
    return !r.ok ? r.errors.find((e) => e.path === 'child.dateOfBirth')?.message : undefined;
  };
  assert.equal(message(), 'Enter the child’s date of birth');
  await setLocale('xx');
  assert.match(message() ?? '', /^\[xx\] /);
  await setLocale('en-GB');
  assert.equal(message(), 'Enter the child’s date of birth');
});
