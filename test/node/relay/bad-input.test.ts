/**
 * The bad-input corpus against a real listening relay (embedded .eml mailer): every case gets the
 * right 4xx with field paths, never a 5xx; nothing is stored or sent; the relay keeps serving.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app.js';
import { fixture, health, postReferral, tempDir, testConfig, waitFor } from './helpers.js';

interface Reply {
  status: number;
  body: any;
}

/** A raw HTTP request: full control of headers (no automatic Content-Type). */
function raw(base: string, body: string | Buffer | undefined, headers: Record<string, string>): Promise<Reply> {
  const url = new URL('/api/referrals', base);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* leave as text */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

type Case = { name: string; status: number; paths?: string[] } & ({ body: string | Buffer; headers?: Record<string, string> } | { edit: (f: Record<string, any>) => void; headers?: Record<string, string> });

const JSON_TYPE = { 'content-type': 'application/json' };
const nest = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);
const withTopKey = (key: string, value: string) => JSON.stringify(fixture()).replace('{"safeguarding"', `{"${key}":${value},"safeguarding"`);

const SINGLE_LINE_FIELDS = [
  'referrer.name',
  'referrer.role',
  'referrer.organisation',
  'child.firstName',
  'child.lastName',
  'child.otherNames',
  'child.address.line1',
  'child.address.line2',
  'child.address.town',
  'parents.0.name',
  'parents.0.relationship',
  'parents.0.language',
  'parents.1.address.line1',
  'parents.1.address.town',
  'education.lastSchool',
  'education.destinationDetails',
  'siblings.0.name',
  'siblings.0.school',
];
const LONG_TEXT_FIELDS = ['vulnerabilities.details', 'enquiries.0.details', 'concerns.details', 'concerns.dslAppraisal', 'concerns.socialCareOutcome'];
const FORMATTED_FIELDS = ['referrer.email', 'referrer.phone', 'child.upn', 'child.address.postcode', 'parents.0.phone', 'parents.0.email'];

function setPath(target: Record<string, any>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: any = target;
  for (const k of keys.slice(0, -1)) node = node[k];
  node[keys.at(-1)!] = value;
}

const cases: Case[] = [
  // --- not JSON, or not a referral-shaped document --------------------------------------------
  { name: 'broken JSON', status: 400, body: '{"child":', paths: [''] },
  { name: 'trailing comma', status: 400, body: '{"child":{},}', paths: [''] },
  { name: 'single-quoted JSON', status: 400, body: "{'child':{}}", paths: [''] },
  { name: 'empty body', status: 400, body: '', paths: [''] },
  { name: 'whitespace body', status: 400, body: '  \n ', paths: [''] },
  { name: 'byte-order mark then JSON', status: 400, body: `\uFEFF${JSON.stringify(fixture())}`, paths: [''] },
  { name: 'JSON null', status: 400, body: 'null', paths: [''] },
  { name: 'JSON array', status: 400, body: '[]', paths: [''] },
  { name: 'JSON string', status: 400, body: '"referral"', paths: [''] },
  { name: 'JSON number', status: 400, body: '42', paths: [''] },
  { name: 'invalid UTF-8 bytes', status: 400, body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
  { name: 'duplicate key: the last (invalid) one wins', status: 400, body: JSON.stringify(fixture()).replace('{"safeguarding"', '{"child":{},"safeguarding"').replace(/"child":\{"firstName.*?"address":\{.*?\}\}/, '"child":7'), paths: ['child'] },
  { name: 'deeply nested arrays', status: 400, body: nest(20_000, '[', ']'), paths: [''] },
  { name: 'deeply nested objects', status: 400, body: nest(5_000, '{"a":', '}'), paths: ['a'] },
  { name: 'deep nesting inside a field', status: 400, body: withTopKey('x', nest(8_000, '[', ']')), paths: ['x'] },
  { name: 'deep nesting inside a known field', status: 400, body: JSON.stringify(fixture()).replace('"12 Example Street"', nest(8_000, '[', ']')), paths: ['child.address.line1'] },
  { name: 'deep nesting with a __proto__ at the bottom', status: 400, body: nest(3_000, '{"a":', '}', '{"__proto__":{"p":1}}') },
  { name: 'number too large for a boolean', status: 400, edit: (f) => (f.safeguarding.immediateRisk = 1e400), paths: ['safeguarding.immediateRisk'] },
  // --- content types and size --------------------------------------------------------------------
  { name: 'text/plain', status: 415, body: JSON.stringify(fixture()), headers: { 'content-type': 'text/plain' } },
  { name: 'form encoded', status: 415, body: 'child=Amelia', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { name: 'multipart', status: 415, body: '--x\r\n\r\n--x--', headers: { 'content-type': 'multipart/form-data; boundary=x' } },
  { name: 'no content type', status: 415, body: JSON.stringify(fixture()), headers: {} },
  { name: 'JSON in another charset', status: 415, body: JSON.stringify(fixture()), headers: { 'content-type': 'application/json; charset=iso-8859-1' } },
  { name: 'application/json-seq', status: 415, body: JSON.stringify(fixture()), headers: { 'content-type': 'application/json-seq' } },
  { name: 'oversize body (70 KB)', status: 413, edit: (f) => (f.concerns.details = 'x'.repeat(70_000)) },
  { name: 'oversize body (1 MB of padding)', status: 413, body: `{"a":"${'y'.repeat(1_000_000)}"}` },
  // --- prototype pollution -------------------------------------------------------------------------
  { name: '__proto__ at the top', status: 400, body: withTopKey('__proto__', '{"polluted":true}'), paths: ['__proto__'] },
  { name: '__proto__ inside a section', status: 400, body: JSON.stringify(fixture()).replace('"child":{', '"child":{"__proto__":{"isAdmin":true},'), paths: ['__proto__'] },
  { name: 'constructor.prototype', status: 400, body: withTopKey('constructor', '{"prototype":{"polluted":true}}'), paths: ['prototype'] },
  { name: 'prototype key', status: 400, body: withTopKey('prototype', '{}'), paths: ['prototype'] },
  // --- huge arrays -----------------------------------------------------------------------------
  { name: 'huge enquiries array', status: 400, edit: (f) => (f.enquiries = Array.from({ length: 5000 }, () => 1)) },
  { name: 'huge parents array', status: 400, edit: (f) => (f.parents = Array.from({ length: 300 }, () => fixture().parents[0])), paths: ['parents'] },
  { name: 'huge flags array', status: 400, edit: (f) => (f.vulnerabilities.flags = Array.from({ length: 3000 }, () => 'young-carer')), paths: ['vulnerabilities.flags'] },
  { name: 'too many siblings', status: 400, edit: (f) => (f.siblings = Array.from({ length: 11 }, () => fixture().siblings[0])), paths: ['siblings'] },
  { name: 'too many enquiries', status: 400, edit: (f) => (f.enquiries = Array.from({ length: 21 }, () => fixture().enquiries[0])), paths: ['enquiries'] },
  // --- wrong types and missing answers ---------------------------------------------------------
  { name: 'no safeguarding section', status: 400, edit: (f) => delete f.safeguarding, paths: ['safeguarding'] },
  { name: 'immediateRisk as a string', status: 400, edit: (f) => (f.safeguarding.immediateRisk = 'no'), paths: ['safeguarding.immediateRisk'] },
  { name: 'immediate risk not confirmed as reported', status: 400, edit: (f) => (f.safeguarding = { immediateRisk: true }), paths: ['safeguarding.emergencyContacted'] },
  { name: 'unknown referrer type', status: 400, edit: (f) => (f.referrer.type = 'police'), paths: ['referrer.type'] },
  { name: 'professional without email', status: 400, edit: (f) => delete f.referrer.email, paths: ['referrer.email'] },
  { name: 'first name as a number', status: 400, edit: (f) => (f.child.firstName = 7), paths: ['child.firstName'] },
  { name: 'first name as null', status: 400, edit: (f) => (f.child.firstName = null), paths: ['child.firstName'] },
  { name: 'first name blank', status: 400, edit: (f) => (f.child.firstName = ' \t '), paths: ['child.firstName'] },
  { name: 'last name too long', status: 400, edit: (f) => (f.child.lastName = 'x'.repeat(101)), paths: ['child.lastName'] },
  { name: 'child as an array', status: 400, edit: (f) => (f.child = [f.child]), paths: ['child'] },
  { name: 'date of birth not real', status: 400, edit: (f) => (f.child.dateOfBirth = '2021-02-30'), paths: ['child.dateOfBirth'] },
  { name: 'date of birth 29 Feb in a common year', status: 400, edit: (f) => (f.child.dateOfBirth = '2015-02-29'), paths: ['child.dateOfBirth'] },
  { name: 'date of birth in the future', status: 400, edit: (f) => (f.child.dateOfBirth = '2099-01-01'), paths: ['child.dateOfBirth'] },
  { name: 'date of birth in UK order', status: 400, edit: (f) => (f.child.dateOfBirth = '14/03/2015'), paths: ['child.dateOfBirth'] },
  { name: 'date of birth with a time', status: 400, edit: (f) => (f.child.dateOfBirth = '2015-03-14T00:00:00Z'), paths: ['child.dateOfBirth'] },
  { name: 'sex not an option', status: 400, edit: (f) => (f.child.sex = 'x'), paths: ['child.sex'] },
  { name: 'UPN with a wrong check letter', status: 400, edit: (f) => (f.child.upn = 'Z801200001001'), paths: ['child.upn'] },
  { name: 'UPN from a non-school referrer', status: 400, edit: (f) => (f.referrer.type = 'professional'), paths: ['child.upn', 'education.deletionGround', 'concerns.dslAppraisal'] },
  { name: 'postcode not a postcode', status: 400, edit: (f) => (f.child.address.postcode = 'NOT A CODE'), paths: ['child.address.postcode'] },
  { name: 'postcode empty', status: 400, edit: (f) => (f.child.address.postcode = ''), paths: ['child.address.postcode'] },
  { name: 'postcode with a bad inward letter', status: 400, edit: (f) => (f.child.address.postcode = 'WR2 5CA'), paths: ['child.address.postcode'] },
  { name: 'whereaboutsKnown as text', status: 400, edit: (f) => (f.child.whereaboutsKnown = 'no'), paths: ['child.whereaboutsKnown'] },
  { name: 'no parents', status: 400, edit: (f) => (f.parents = []), paths: ['parents'] },
  { name: 'seven parents', status: 400, edit: (f) => (f.parents = Array.from({ length: 7 }, () => fixture().parents[0])), paths: ['parents'] },
  { name: 'parental responsibility not an option', status: 400, edit: (f) => (f.parents[0].parentalResponsibility = 'maybe'), paths: ['parents.0.parentalResponsibility'] },
  { name: 'parent phone too short', status: 400, edit: (f) => (f.parents[0].phone = '0190584'), paths: ['parents.0.phone'] },
  { name: 'parent email invalid', status: 400, edit: (f) => (f.parents[0].email = 'sarah at example.com'), paths: ['parents.0.email'] },
  { name: 'date last seen before birth', status: 400, edit: (f) => (f.education.dateLastSeen = '2010-01-01'), paths: ['education.dateLastSeen'] },
  { name: 'date last attended in the future', status: 400, edit: (f) => (f.education.dateLastAttended = '2099-09-01'), paths: ['education.dateLastAttended'] },
  { name: 'deletion ground not an option', status: 400, edit: (f) => (f.education.deletionGround = 'expelled'), paths: ['education.deletionGround'] },
  { name: 'unknown vulnerability flag', status: 400, edit: (f) => (f.vulnerabilities.flags = ['spy']), paths: ['vulnerabilities.flags.0'] },
  { name: 'enquiry without a date', status: 400, edit: (f) => delete f.enquiries[0].date, paths: ['enquiries.0.date'] },
  { name: 'social care referral without a date', status: 400, edit: (f) => delete f.concerns.socialCareReferralDate, paths: ['concerns.socialCareReferralDate'] },
  { name: 'concerns too long', status: 400, edit: (f) => (f.concerns.details = 'x'.repeat(5001)), paths: ['concerns.details'] },
  { name: 'concerns empty', status: 400, edit: (f) => (f.concerns.details = ''), paths: ['concerns.details'] },
  { name: 'declaration not ticked', status: 400, edit: (f) => (f.declaration.accurate = false), paths: ['declaration.accurate'] },
  { name: 'declaration as "true"', status: 400, edit: (f) => (f.declaration.privacyNoticeRead = 'true'), paths: ['declaration.privacyNoticeRead'] },
  { name: 'honeypot filled', status: 400, edit: (f) => (f.website = 'https://spam.example'), paths: ['website'] },
  { name: 'unknown top-level key', status: 400, edit: (f) => (f.recipient = 'attacker@example.com'), paths: ['recipient'] },
  { name: 'unknown nested key', status: 400, edit: (f) => (f.referrer.cc = 'attacker@example.com'), paths: ['referrer.cc'] },
  { name: 'bad Idempotency-Key', status: 400, edit: () => {}, headers: { 'idempotency-key': 'has spaces in it' }, paths: ['Idempotency-Key'] },
  // --- CR/LF (header injection) in names, and HTML or script in every text field ---------------
  ...['child.firstName', 'child.lastName', 'referrer.name', 'parents.0.name', 'siblings.0.name'].map(
    (path): Case => ({ name: `CRLF in ${path}`, status: 400, edit: (f) => setPath(f, path, 'Amelia\r\nBcc: attacker@example.com'), paths: [path] }),
  ),
  ...[...SINGLE_LINE_FIELDS, ...LONG_TEXT_FIELDS, ...FORMATTED_FIELDS].map(
    (path): Case => ({ name: `HTML/script in ${path}`, status: 400, edit: (f) => setPath(f, path, '<script>alert(1)</script><img src=x onerror=alert(2)>'), paths: [path] }),
  ),
];

describe('bad-input corpus', () => {
  let app: FastifyInstance;
  let base: string;
  let dir: { path: string; cleanup(): void };
  before(async () => {
    dir = tempDir();
    app = await buildApp(testConfig(dir.path, { rateLimitPerMinute: 100_000 }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  after(async () => {
    await app.close();
    dir.cleanup();
  });

  it(`has at least 60 cases (${cases.length})`, () => {
    assert.ok(cases.length >= 60);
  });

  for (const c of cases) {
    it(`${c.name} → ${c.status}`, async () => {
      let reply: Reply;
      if ('body' in c) {
        reply = await raw(base, c.body, c.headers ?? JSON_TYPE);
      } else {
        const f = fixture();
        c.edit(f);
        reply = await raw(base, JSON.stringify(f), { ...JSON_TYPE, ...c.headers });
      }
      assert.equal(reply.status, c.status, JSON.stringify(reply.body).slice(0, 400));
      assert.ok(Array.isArray(reply.body.errors) && reply.body.errors.length > 0, 'an errors list');
      for (const e of reply.body.errors) {
        assert.equal(typeof e.path, 'string');
        assert.ok(typeof e.message === 'string' && e.message.length > 0);
        assert.doesNotMatch(e.message, /^Invalid input|expected .* received/i, 'a human message, not a zod default');
      }
      const got = reply.body.errors.map((e: { path: string }) => e.path);
      for (const p of c.paths ?? []) assert.ok(got.includes(p), `expected path ${p} in ${JSON.stringify(got)}`);
      assert.deepEqual(await app.relay.outbox.counts(), { pending: 0, sent: 0, failed: 0 }, 'nothing stored');
    });
  }

  it('stored and sent nothing, and still serves: a valid referral then goes through', async () => {
    const mailDir = join(dir.path, 'mail');
    assert.ok(!existsSync(mailDir) || readdirSync(mailDir).length === 0, 'no email written');
    assert.deepEqual(await health(base), { ok: true, queue: { pending: 0, failed: 0 }, store: 'sqlite', transport: 'file', oldestPendingSeconds: null });
    const ok = await postReferral(base, fixture());
    assert.equal(ok.status, 202);
    await waitFor(() => existsSync(join(mailDir, `${ok.json.reference}.eml`)), 10_000, 'the .eml');
    assert.deepEqual(readdirSync(mailDir), [`${ok.json.reference}.eml`]);
  });
});
