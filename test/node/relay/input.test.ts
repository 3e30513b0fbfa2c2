/**
 * Input the review found accepted: emails with NUL, DEL, bidi overrides or zero-width characters
 * (they would change the Reply-To header); names that are invisible only (U+200B), or hold U+2028
 * and other format or separator characters; invalid UTF-8 silently replaced. Each is refused with
 * a field message; required text needs at least one visible character. The joiners Urdu and
 * Persian names need are kept.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseReferral } from '../../../src/core/referral/schema.js';
import { normaliseEmail } from '../../../src/core/referral/rules.js';
import { buildApp } from '../../../src/server/app.js';
import { TODAY, fixture, tempDir, testConfig } from './helpers.js';

const errorsFor = (change: (f: Record<string, any>) => void) => {
  const f = fixture();
  change(f);
  const result = parseReferral(f, { today: TODAY });
  return result.ok ? [] : result.errors;
};

describe('emails', () => {
  for (const [what, email] of [
    ['NUL', 'ab\u0000c@example.org'],
    ['DEL', 'abc\u007f@example.org'],
    ['a C1 control', 'abc\u0085@example.org'],
    ['a right-to-left override', 'abc@exa\u202emple.org'],
    ['a left-to-right isolate', '\u2066abc@example.org'],
    ['a zero-width space', 'ab\u200bc@example.org'],
    ['a zero-width joiner in the domain', 'abc@exam\u200dple.org'],
    ['a byte order mark', 'abc@example\ufeff.org'],
    ['an ideographic space', 'abc@example\u3000.org'],
    ['a replacement character', 'abc\ufffd@example.org'],
  ] as const) {
    it(`refuses ${what}`, () => {
      assert.equal(normaliseEmail(email), null);
      assert.deepEqual(errorsFor((f) => (f.referrer.email = email)).map((e) => e.path), ['referrer.email']);
    });
  }
  it('still accepts ordinary and international addresses', () => {
    assert.equal(normaliseEmail(' Name.Surname+cme@Example.GOV.uk '), 'Name.Surname+cme@example.gov.uk');
    assert.equal(normaliseEmail('ali@مثال.پاکستان'), 'ali@مثال.پاکستان');
  });
});

describe('names and other text', () => {
  const cases: [string, string, RegExp][] = [
    ['only a zero-width space', '\u200b', /invisible characters/],
    ['only a zero-width non-joiner', '\u200c', /^Enter the child’s first name$/],
    ['a line separator (U+2028)', 'Ann\u2028e', /invisible characters or special spaces/],
    ['a paragraph separator (U+2029)', 'Ann\u2029e', /invisible characters or special spaces/],
    ['a soft hyphen', 'An\u00adne', /invisible characters/],
    ['a word joiner', 'An\u2060ne', /invisible characters/],
    ['an em space', 'Ann\u2003Marie', /special spaces/],
    ['a C1 control', 'Ann\u009be', /invisible characters/],
    ['an unpaired surrogate', 'Ann\ud800', /invisible characters/],
    ['a replacement character (invalid UTF-8)', 'Ann\ufffd', /could not be read/],
  ];
  for (const [what, value, message] of cases) {
    it(`refuses ${what} in a name, with a field message`, () => {
      const errors = errorsFor((f) => (f.child.firstName = value));
      assert.deepEqual(errors.map((e) => e.path), ['child.firstName']);
      assert.match(errors[0]!.message, message);
    });
  }
  it('needs a visible character in required text, and refuses invisible-only optional text', () => {
    assert.deepEqual(errorsFor((f) => (f.concerns.details = '\u00a0\u200c \n')), [{ path: 'concerns.details', message: 'Enter your concerns about the child' }]);
    const optional = errorsFor((f) => (f.child.otherNames = '\u200d'));
    assert.deepEqual(optional.map((e) => e.path), ['child.otherNames']);
    assert.match(optional[0]!.message, /at least one letter, number or symbol/);
    assert.deepEqual(errorsFor((f) => (f.concerns.details = 'Line one\u2028line two')).map((e) => e.path), ['concerns.details']);
  });
  it('keeps the joiners Urdu and Persian names need, tabs and line feeds in long text, and no-break spaces', () => {
    assert.deepEqual(errorsFor((f) => (f.child.firstName = 'می\u200cخواهم')), []);
    assert.deepEqual(errorsFor((f) => (f.parents[0].name = 'Zoë O’Neill-Smith\u00a0Jr')), []);
    assert.deepEqual(errorsFor((f) => (f.concerns.details = 'First line\n\tSecond line')), []);
  });
});

describe('invalid UTF-8 over HTTP', () => {
  let app: FastifyInstance;
  const dir = tempDir();
  after(async () => {
    await app?.close();
    dir.cleanup();
  });
  it('is refused with the field at fault, never silently replaced', async () => {
    app = await buildApp(testConfig(dir.path), { startWorker: false });
    const f = fixture();
    f.child.firstName = 'MARKER';
    const text = JSON.stringify(f);
    const at = text.indexOf('MARKER');
    const body = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0x41, 0xff, 0xfe, 0x42]), Buffer.from(text.slice(at + 'MARKER'.length))]);
    const res = await app.inject({ method: 'POST', url: '/api/referrals', headers: { 'content-type': 'application/json' }, payload: body });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().errors.map((e: { path: string }) => e.path), ['child.firstName']);
    assert.match(res.json().errors[0].message, /could not be read/);
    assert.equal((await app.relay.outbox.counts()).pending, 0);
  });
});
