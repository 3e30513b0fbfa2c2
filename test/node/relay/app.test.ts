/**
 * The relay in-process with injected parts (clock, mailer, log stream): durability promise, group
 * commit, idempotency, health, CORS, rate limit, security headers, log redaction, retention,
 * retries and graceful shutdown.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../../../src/core/referral/schema.js';
import { buildApp, type RelayDeps } from '../../../src/server/app.js';
import { ConfigError, loadConfig, type RelayConfig } from '../../../src/server/config.js';
import type { Mailer, OutgoingReferral } from '../../../src/server/mailer.js';
import { REFERENCE_PATTERN, type SqliteStore } from '../../../src/server/store/index.js';
import { backoffMs } from '../../../src/server/worker.js';
import { LogSink, fixture, health, postReferral, sleep, tempDir, testConfig, waitFor } from './helpers.js';

class FakeMailer implements Mailer {
  readonly kind = 'smtp' as const;
  sent: OutgoingReferral[] = [];
  failNext = 0;
  delayMs = 0;
  async send(mail: OutgoingReferral): Promise<void> {
    if (this.delayMs) await sleep(this.delayMs);
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error(`550 mailbox for ${mail.referral.child.firstName} unavailable`), { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' });
    }
    this.sent.push(mail);
  }
  close(): void {}
}

const dirs: { cleanup(): void }[] = [];
const apps: FastifyInstance[] = [];
async function relay(overrides: Partial<RelayConfig> = {}, deps: RelayDeps = {}) {
  const dir = tempDir();
  dirs.push(dir);
  const mailer = (deps.mailer as FakeMailer | undefined) ?? new FakeMailer();
  const config = testConfig(dir.path, overrides);
  const app = await buildApp(config, { mailer, workerPollMs: 50, ...deps });
  apps.push(app);
  await app.ready();
  return { app, mailer, config, dir: dir.path };
}
after(async () => {
  for (const app of apps) await app.close().catch(() => {});
  for (const d of dirs) d.cleanup();
});

const inject = (app: FastifyInstance, body: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/referrals', headers: { 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });

describe('accepting a referral', () => {
  it('answers 202 with an unguessable reference only once the row is committed', async () => {
    const { app, dir } = await relay({}, { startWorker: false });
    const res = await inject(app, fixture());
    assert.equal(res.statusCode, 202);
    const body = res.json();
    assert.equal(body.status, 'queued');
    assert.match(body.reference, REFERENCE_PATTERN);
    // A second, independent connection sees the row: it is committed, not just in memory.
    const db = new Database(join(dir, 'outbox.sqlite'), { readonly: true });
    const row = db.prepare('SELECT status, payload FROM referrals WHERE reference = ?').get(body.reference) as { status: string; payload: string };
    db.close();
    assert.equal(row.status, 'pending');
    assert.equal(JSON.parse(row.payload).child.firstName, 'Amelia');
    assert.deepEqual(await app.inject({ url: '/api/health' }).then((r) => r.json()), { ok: true, queue: { pending: 1, failed: 0 }, store: 'sqlite', transport: 'file', oldestPendingSeconds: 0 });
  });

  it('accepts a referral with every list full and every field at its longest (it fits the body limit)', async () => {
    const { app } = await relay({}, { startWorker: false });
    const f = fixture();
    const long = (n: number) => 'x'.repeat(n);
    const address = { line1: long(LIMITS.short), line2: long(LIMITS.short), town: long(LIMITS.short), postcode: 'WR5 2NP' };
    Object.assign(f.referrer, { name: long(LIMITS.name), role: long(LIMITS.short), organisation: long(LIMITS.short) });
    Object.assign(f.child, { firstName: long(LIMITS.name), lastName: long(LIMITS.name), otherNames: long(LIMITS.short), address });
    f.parents = Array.from({ length: LIMITS.maxParents }, () => ({ ...f.parents[0], name: long(LIMITS.name), relationship: long(LIMITS.name), language: long(LIMITS.name), address }));
    Object.assign(f.education, { lastSchool: long(LIMITS.short), destinationDetails: long(LIMITS.short) });
    f.vulnerabilities.details = long(LIMITS.details);
    f.siblings = Array.from({ length: LIMITS.maxSiblings }, () => ({ ...f.siblings[0], name: long(LIMITS.name), school: long(LIMITS.short) }));
    f.enquiries = Array.from({ length: LIMITS.maxEnquiries }, () => ({ ...f.enquiries[0], details: long(LIMITS.details) }));
    Object.assign(f.concerns, { details: long(LIMITS.long), dslAppraisal: long(LIMITS.long), socialCareOutcome: long(LIMITS.details) });
    const body = JSON.stringify(f);
    assert.ok(body.length < app.relay.config.bodyLimit, `${body.length} bytes`);
    assert.equal((await inject(app, body)).statusCode, 202);
  });

  it('never hands out sequential or repeated references', async () => {
    const { app } = await relay({ rateLimitPerMinute: 1000 }, { startWorker: false });
    const refs = await Promise.all(Array.from({ length: 40 }, () => inject(app, fixture()).then((r) => r.json().reference as string)));
    assert.equal(new Set(refs).size, 40);
    const sorted = [...refs].sort();
    assert.notDeepEqual(refs, sorted, 'references are not issued in order');
  });

  it('commits concurrent requests together (group commit)', async () => {
    const { app } = await relay({ rateLimitPerMinute: 1000 }, { startWorker: false });
    const before = app.relay.outbox.commits;
    const results = await Promise.all(Array.from({ length: 60 }, () => inject(app, fixture())));
    assert.ok(results.every((r) => r.statusCode === 202));
    const commits = app.relay.outbox.commits - before;
    assert.ok(commits < 60, `60 referrals took ${commits} commits`);
    assert.equal((await app.relay.outbox.counts()).pending, 60);
  });

  it('returns the same reference and sends one email for a repeated Idempotency-Key', async () => {
    const sink = new LogSink();
    const { app, mailer } = await relay({ logLevel: 'info' }, { logStream: sink });
    const headers = { 'idempotency-key': 'draft-5b1c2f7e-1' };
    const first = await inject(app, fixture(), headers);
    const second = await inject(app, fixture(), headers);
    const changed = fixture();
    changed.concerns.details = 'Edited after a network failure';
    const third = await inject(app, changed, headers);
    // A key reused for different content is refused, so the changed referral is never silently dropped.
    assert.deepEqual([first.statusCode, second.statusCode, third.statusCode], [202, 202, 409]);
    assert.equal(second.json().reference, first.json().reference);
    assert.deepEqual(third.json(), { errors: [{ path: 'Idempotency-Key', message: 'This Idempotency-Key was already used for a different referral. Send the new referral with a new key.' }] });
    const other = await inject(app, fixture(), { 'idempotency-key': 'draft-other' });
    assert.notEqual(other.json().reference, first.json().reference);
    await waitFor(() => mailer.sent.length === 2, 5000, 'two emails');
    await sleep(150);
    assert.equal(mailer.sent.filter((m) => m.reference === first.json().reference).length, 1);
    assert.match(sink.text, /Idempotency-Key reused with different content/);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const { app } = await relay({}, { startWorker: false });
    const res = await inject(app, fixture(), { 'idempotency-key': 'x'.repeat(201) });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].path, 'Idempotency-Key');
    assert.equal((await app.relay.outbox.counts()).pending, 0);
  });

  it('answers 503 (and stores nothing) when the outbox cannot commit', async () => {
    const { app } = await relay({}, { startWorker: false });
    (app.relay.outbox as SqliteStore).db.close();
    const res = await inject(app, fixture());
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers['retry-after'], '5');
    assert.match(res.json().errors[0].message, /could not be saved/);
    assert.equal((await app.inject({ url: '/api/health' })).statusCode, 503);
  });
});

describe('security', () => {
  it('sends security headers and no-store', async () => {
    const { app } = await relay({}, { startWorker: false });
    const res = await app.inject({ url: '/api/health' });
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/);
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['x-powered-by'], undefined);
  });

  it('allows the configured origins and refuses others before reading the body', async () => {
    const { app } = await relay({ allowedOrigins: ['https://www.worcestershire.gov.uk'] }, { startWorker: false });
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/referrals',
      headers: { origin: 'https://www.worcestershire.gov.uk', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], 'https://www.worcestershire.gov.uk');
    assert.match(String(preflight.headers['access-control-allow-headers']), /Idempotency-Key/i);
    const ok = await inject(app, fixture(), { origin: 'https://www.worcestershire.gov.uk' });
    assert.equal(ok.statusCode, 202);
    assert.equal(ok.headers['access-control-allow-origin'], 'https://www.worcestershire.gov.uk');
    assert.match(String(ok.headers['access-control-expose-headers']), /Retry-After/);

    const badPreflight = await app.inject({ method: 'OPTIONS', url: '/api/referrals', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(badPreflight.statusCode, 403);
    assert.equal(badPreflight.headers['access-control-allow-origin'], undefined);
    const bad = await inject(app, fixture(), { origin: 'https://evil.example' });
    assert.equal(bad.statusCode, 403);
    assert.match(bad.json().errors[0].message, /not allowed/);
    const devDefault = await inject(app, fixture(), { origin: 'http://localhost:5173' });
    assert.equal(devDefault.statusCode, 403, 'the dev origin is only a default');
    assert.equal((await app.relay.outbox.counts()).pending, 1);
  });

  it('allows the Vite dev server by default', () => {
    assert.deepEqual(loadConfig({}).allowedOrigins, ['http://localhost:5173', 'http://127.0.0.1:5173']);
  });

  it('rate-limits POSTs per client address with 429 and Retry-After', async () => {
    const { app } = await relay({ rateLimitPerMinute: 3 }, { startWorker: false });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await inject(app, fixture());
      statuses.push(last.statusCode);
    }
    assert.deepEqual(statuses, [202, 202, 202, 429, 429]);
    assert.ok(Number(last!.headers['retry-after']) > 0);
    assert.match(last!.json().errors[0].message, /Try again in \d+ seconds/);
    assert.equal((await app.relay.outbox.counts()).pending, 3);
    // Another address (a different school) is not affected; health is never limited.
    const other = await app.inject({ method: 'POST', url: '/api/referrals', remoteAddress: '10.1.2.3', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(fixture()) });
    assert.equal(other.statusCode, 202);
    assert.equal((await app.inject({ url: '/api/health' })).statusCode, 200);
  });

  it('never logs personal data, bodies, client addresses or error messages', async () => {
    const sink = new LogSink();
    const mailer = new FakeMailer();
    mailer.failNext = 1;
    const { app } = await relay({ logLevel: 'debug', rateLimitPerMinute: 100 }, { logStream: sink, mailer });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const marker = 'Zebedee';
    const f = fixture();
    f.child.firstName = marker;
    f.referrer.email = `${marker.toLowerCase()}@example.org`;
    f.concerns.details = `${marker} concern`;
    assert.equal((await postReferral(base, f, { 'idempotency-key': `${marker}-key` })).status, 202);
    const bad = fixture();
    bad.child.lastName = `${marker}\nBcc: x`;
    bad[`${marker}Field`] = marker;
    assert.equal((await postReferral(base, bad)).status, 400);
    assert.equal((await postReferral(base, `{"child":{"firstName":"${marker}",`)).status, 400);
    assert.equal((await postReferral(base, `{"__proto__":{"${marker}":1}}`)).status, 400);
    await waitFor(() => mailer.sent.length === 1, 5000, 'delivery after one failure');
    const text = sink.text;
    assert.ok(sink.lines.length > 5);
    assert.doesNotMatch(text, new RegExp(marker, 'i'));
    assert.doesNotMatch(text, /remoteAddress|remotePort|user-agent|"ip"/i);
    const withAddress = sink.lines.filter((l) => l.includes('127.0.0.1') && !l.includes('Server listening'));
    assert.deepEqual(withAddress, []);
    assert.match(text, /referral delivery attempt failed/);
    assert.match(text, /"code":"EENVELOPE"/);
  });
});

describe('delivery and retention', () => {
  it('computes exponential backoff with jitter, capped', () => {
    assert.equal(backoffMs(1, 1000, 60_000, () => 0), 500);
    assert.equal(backoffMs(1, 1000, 60_000, () => 1), 1000);
    assert.equal(backoffMs(4, 1000, 60_000, () => 1), 8000);
    assert.equal(backoffMs(30, 1000, 60_000, () => 1), 60_000);
    const spread = new Set(Array.from({ length: 20 }, () => backoffMs(3, 1000, 60_000)));
    assert.ok(spread.size > 1, 'jitter varies');
  });

  it('retries, then keeps a referral as failed after the last attempt; requeue sends it', async () => {
    const mailer = new FakeMailer();
    mailer.failNext = 3;
    const { app } = await relay({ maxAttempts: 3 }, { mailer });
    const ref = (await inject(app, fixture())).json().reference as string;
    await waitFor(async () => (await app.relay.outbox.get(ref))?.status === 'failed', 5000, 'failed status');
    assert.equal((await app.relay.outbox.get(ref))?.attempts, 3);
    assert.equal((await app.relay.outbox.get(ref))?.lastError, 'EENVELOPE 550 RCPT TO');
    const failedHealth = await app.inject({ url: '/api/health' });
    assert.equal(failedHealth.statusCode, 503, 'a referral failed for good makes the relay unhealthy until it is dealt with');
    assert.deepEqual(failedHealth.json(), { ok: false, queue: { pending: 0, failed: 1 }, store: 'sqlite', transport: 'file', oldestPendingSeconds: null });
    assert.equal(await app.relay.outbox.requeueFailed(), 1);
    await waitFor(() => mailer.sent.length === 1, 5000, 'delivery after requeue');
    assert.equal((await app.relay.outbox.get(ref))?.status, 'sent');
    const healed = await app.inject({ url: '/api/health' });
    assert.equal(healed.statusCode, 200);
    assert.equal(healed.json().ok, true);
  });

  it('purges delivered content after RETENTION_DAYS, keeping the reference and timestamps', async () => {
    let now = Date.parse('2026-11-28T10:00:00Z');
    const { app, mailer, dir } = await relay({ retentionDays: 30 }, { clock: () => now });
    const f = fixture();
    f.concerns.details = 'Quokka-unique-marker concern text';
    const ref = (await inject(app, f)).json().reference as string;
    const pending = (await inject(app, fixture(), {})).json().reference as string;
    await waitFor(() => mailer.sent.length === 2, 5000, 'delivery');
    now += 29 * 86_400_000;
    assert.equal(await app.relay.purge(), 0);
    now += 2 * 86_400_000;
    assert.equal(await app.relay.purge(), 2);
    const row = (await app.relay.outbox.get(ref))!;
    assert.equal(row.payload, null);
    assert.equal(row.status, 'sent');
    assert.ok(row.sentAt && row.createdAt && row.purgedAt);
    assert.ok(pending);
    // The content is gone from the database files too (secure_delete + WAL checkpoint).
    for (const file of ['outbox.sqlite', 'outbox.sqlite-wal']) {
      const path = join(dir, file);
      if (existsSync(path)) assert.equal(readFileSync(path).includes('Quokka-unique-marker'), false, `${file} still holds the content`);
    }
  });

  it('never purges referrals that are not delivered yet', async () => {
    let now = Date.parse('2026-11-28T10:00:00Z');
    const { app } = await relay({ retentionDays: 1 }, { clock: () => now, startWorker: false });
    const ref = (await inject(app, fixture())).json().reference as string;
    now += 400 * 86_400_000;
    assert.equal(await app.relay.purge(), 0);
    assert.notEqual((await app.relay.outbox.get(ref))!.payload, null);
  });

  it('finishes the email being sent before shutting down', async () => {
    const mailer = new FakeMailer();
    mailer.delayMs = 400;
    const { app } = await relay({}, { mailer });
    const ref = (await inject(app, fixture())).json().reference as string;
    await waitFor(() => app.relay.worker.busy > 0, 5000, 'delivery to start');
    await app.close();
    assert.equal(mailer.sent.length, 1);
    assert.equal(mailer.sent[0]!.reference, ref);
  });
});

describe('graceful shutdown', () => {
  it('answers a request that is still arriving when shutdown starts, then stops', async () => {
    const { app } = await relay({}, { startWorker: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const body = Buffer.from(JSON.stringify(fixture()));
    const reply = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/referrals', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 100));
      setTimeout(() => req.end(body.subarray(100)), 300);
    });
    await sleep(100);
    const closed = app.close();
    const { status, text } = await reply;
    await closed;
    assert.equal(status, 202);
    const reference = JSON.parse(text).reference as string;
    const db = new Database(join(app.relay.config.dataDir, 'outbox.sqlite'), { readonly: true });
    assert.ok(db.prepare('SELECT 1 FROM referrals WHERE reference = ?').get(reference));
    db.close();
  });
});

describe('configuration', () => {
  it('names the bad variable and never echoes an SMTP password', () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: 'eighty' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE'],
      [{ RETENTION_DAYS: '-1' }, 'RETENTION_DAYS'],
      [{ CME_TEAM_EMAIL: 'not-an-email' }, 'CME_TEAM_EMAIL'],
      [{ MAIL_FROM: 'x@' }, 'MAIL_FROM'],
      [{ SMTP_ALLOW_PLAINTEXT: 'maybe' }, 'SMTP_ALLOW_PLAINTEXT'],
      [{ ALLOWED_ORIGINS: 'https://ok.example, *' }, 'ALLOWED_ORIGINS'],
      [{ ALLOWED_ORIGINS: 'https://ok.example/path' }, 'ALLOWED_ORIGINS'],
      [{ SMTP_URL: 'http://user:s3cret@mail.example' }, 'SMTP_URL'],
      [{ SMTP_URL: 'not a url s3cret' }, 'SMTP_URL'],
      [{ DELIVERY_MAX_ATTEMPTS: '0' }, 'DELIVERY_MAX_ATTEMPTS'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ];
    for (const [env, variable] of cases) {
      assert.throws(
        () => loadConfig(env),
        (e: unknown) => e instanceof ConfigError && e.variable === variable && e.message.includes(variable) && !e.message.includes('s3cret'),
        JSON.stringify(env),
      );
    }
  });

  it('has the documented defaults', () => {
    const c = loadConfig({}, '/srv/cme');
    assert.deepEqual(
      { host: c.host, port: c.port, dataDir: c.dataDir, team: c.teamEmail, from: c.mailFrom, smtp: c.smtpUrl, plain: c.smtpAllowPlaintext, rate: c.rateLimitPerMinute, days: c.retentionDays },
      { host: '127.0.0.1', port: 8787, dataDir: '/srv/cme/var', team: 'cme@worcestershire.gov.uk', from: 'no-reply@localhost', smtp: undefined, plain: false, rate: 60, days: 30 },
    );
  });
});

describe('health', () => {
  let app: FastifyInstance;
  before(async () => {
    ({ app } = await relay({}, { startWorker: false }));
  });
  it('reports the queue', async () => {
    await inject(app, fixture());
    const base = await app.inject({ url: '/api/health' });
    assert.deepEqual(base.json(), { ok: true, queue: { pending: 1, failed: 0 }, store: 'sqlite', transport: 'file', oldestPendingSeconds: 0 });
  });
  it('answers unknown routes with the usual error shape', async () => {
    const res = await app.inject({ url: '/api/nope' });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { errors: [{ path: '', message: 'Not found.' }] });
  });
  it('is reachable over HTTP', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const h = await health(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
    assert.equal(h.ok, true);
  });
});
