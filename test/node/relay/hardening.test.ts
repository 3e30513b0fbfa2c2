/**
 * Hardening, one test per finding of the review: TRUST_PROXY only as addresses or ranges; an
 * Idempotency-Key reused for other content (409) and its expiry; a failing store during
 * delivery (backoff, cause logged, no hot loop); daily caps with an alert; framing (Content-Length
 * with chunked, a client gone mid-request); security headers on refused-origin 403s; one error
 * shape; slow bodies cut within REQUEST_TIMEOUT_SECONDS; a connection cap.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp, type RelayDeps } from '../../../src/server/app.js';
import { ConfigError, loadConfig, type RelayConfig } from '../../../src/server/config.js';
import type { Mailer, OutgoingReferral } from '../../../src/server/mailer.js';
import { SqliteStore } from '../../../src/server/store/sqlite.js';
import type { Store } from '../../../src/server/store/types.js';
import { LogSink, fixture, sleep, tempDir, testConfig, waitFor } from './helpers.js';

const dirs: { cleanup(): void }[] = [];
const apps: FastifyInstance[] = [];
after(async () => {
  for (const app of apps) await app.close().catch(() => {});
  for (const d of dirs) d.cleanup();
});

class OkMailer implements Mailer {
  readonly kind = 'smtp' as const;
  sent: OutgoingReferral[] = [];
  async send(mail: OutgoingReferral): Promise<void> {
    this.sent.push(mail);
  }
  close(): void {}
}

async function relay(overrides: Partial<RelayConfig> = {}, deps: RelayDeps = {}) {
  const dir = tempDir();
  dirs.push(dir);
  const sink = new LogSink();
  const app = await buildApp(testConfig(dir.path, { logLevel: 'info', ...overrides }), { mailer: new OkMailer(), logStream: sink, workerPollMs: 50, ...deps });
  apps.push(app);
  await app.ready();
  return { app, sink, dir: dir.path };
}

const inject = (app: FastifyInstance, options: { headers?: Record<string, string>; remoteAddress?: string; body?: unknown } = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/referrals',
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    headers: { 'content-type': 'application/json', ...options.headers },
    payload: JSON.stringify(options.body ?? fixture()),
  });

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as { port: number }).port;
}

/** Sends raw bytes; resolves with what came back and how long until the server closed. */
function raw(port: number, write: (socket: Socket) => void, timeoutMs = 10_000): Promise<{ text: string; ms: number; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let closedByServer = true;
    socket.on('data', (c: Buffer) => (text += c.toString()));
    socket.on('error', () => {});
    const timer = setTimeout(() => {
      closedByServer = false;
      socket.destroy();
    }, timeoutMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, ms: Date.now() - started, closedByServer });
    });
    socket.on('connect', () => write(socket));
  });
}

const errorShape = (body: unknown) => {
  const b = body as { errors?: { path: unknown; message: unknown }[] };
  assert.ok(Array.isArray(b.errors) && b.errors.length > 0, JSON.stringify(body));
  for (const e of b.errors!) assert.deepEqual(Object.keys(e).sort(), ['message', 'path']);
};

describe('TRUST_PROXY', () => {
  it('accepts only proxy addresses or CIDR ranges and refuses true or a hop count at start', () => {
    for (const value of ['true', '1', '2', 'yes', '10.0.0.0/33', '10.0.0.1/8/9', 'proxy.example']) {
      assert.throws(
        () => loadConfig({ TRUST_PROXY: value }),
        (e: unknown) => e instanceof ConfigError && e.variable === 'TRUST_PROXY' && /addresses or CIDR ranges/.test(e.message),
        value,
      );
    }
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16, ::1, fd00::/8' }).trustProxy, ['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8']);
    assert.equal(loadConfig({}).trustProxy, false);
  });

  it('rate-limits by the address the trusted proxy saw, not by what the client wrote', async () => {
    const { app } = await relay({ trustProxy: ['127.0.0.1'], rateLimitPerMinute: 2 }, { startWorker: false });
    const via = (xff: string) => inject(app, { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': xff } });
    assert.equal((await via('203.0.113.5')).statusCode, 202);
    assert.equal((await via('203.0.113.5')).statusCode, 202);
    assert.equal((await via('203.0.113.5')).statusCode, 429);
    // The client wrote its own X-Forwarded-For; nginx appended the real address: still limited.
    assert.equal((await via('198.51.100.77, 203.0.113.5')).statusCode, 429);
    assert.equal((await via('203.0.113.6')).statusCode, 202, 'another school has its own bucket');
    // A direct client that is not the proxy cannot choose its address at all.
    const direct = (xff: string) => inject(app, { remoteAddress: '192.0.2.9', headers: { 'x-forwarded-for': xff } });
    assert.equal((await direct('1.1.1.1')).statusCode, 202);
    assert.equal((await direct('2.2.2.2')).statusCode, 202);
    assert.equal((await direct('3.3.3.3')).statusCode, 429);
  });
});

describe('Idempotency-Key', () => {
  it('answers 409 for a key reused with different content, and forgets keys after 24 hours', async () => {
    let now = Date.parse('2026-11-28T10:00:00Z');
    const { app } = await relay({}, { startWorker: false, clock: () => now });
    const headers = { 'idempotency-key': 'k-409' };
    const first = await inject(app, { headers });
    const changed = fixture();
    changed.concerns.details = 'Now at immediate risk: the family left last night.';
    const conflict = await inject(app, { headers, body: changed });
    assert.equal(conflict.statusCode, 409);
    errorShape(conflict.json());
    assert.match(conflict.json().errors[0].message, /already used for a different referral/);
    assert.equal((await app.relay.outbox.counts()).pending, 1);
    now += 24 * 3_600_000 + 1;
    const later = await inject(app, { headers, body: changed });
    assert.equal(later.statusCode, 202);
    assert.notEqual(later.json().reference, first.json().reference);
  });
});

describe('a failing store during delivery', () => {
  it('backs off in memory, logs the cause, and does not loop hot; delivers once the disk has room', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const real = new SqliteStore(`${dir.path}/outbox.sqlite`);
    let full = false;
    const diskFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const store = new Proxy(real, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        // The disk fills while an email is being written: the status write fails, then every write.
        const name = String(prop);
        if (full && (name.startsWith('mark') || (sends > 0 && ['claim', 'nextDueAt'].includes(name)))) return async () => Promise.reject(diskFull());
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    }) as Store;
    let sends = 0;
    const mailer: Mailer = {
      kind: 'file',
      async send() {
        sends++;
        if (full) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
      close() {},
    } as unknown as Mailer;
    const sink = new LogSink();
    const app = await buildApp(testConfig(dir.path, { logLevel: 'info' }), { outbox: store, mailer, logStream: sink, workerPollMs: 20 });
    apps.push(app);
    await app.ready();
    await app.relay.worker.stop();
    const ref = (await inject(app)).json().reference as string;
    full = true;
    app.relay.worker.start();
    await sleep(3_000);
    const errors = sink.lines.filter((l) => JSON.parse(l).level >= 50);
    assert.ok(errors.length <= 12, `${errors.length} error lines in 3 s`);
    assert.ok(sends <= 2, `${sends} sends while the disk was full`);
    assert.match(sink.text, /"code":"ENOSPC"/, 'the send error is logged');
    assert.match(sink.text, /"code":"SQLITE_FULL"/, 'the store error is logged');
    assert.match(sink.text, /backing off/);
    full = false;
    await waitFor(async () => (await real.get(ref))?.status === 'sent', 70_000, 'delivery once the disk has room');
    await real.close();
  });
});

describe('daily caps', () => {
  it('refuses past the per-address and the global daily limits, and raises an alert once each', async () => {
    const { app, sink } = await relay({ dailyLimitPerIp: 2, dailyLimitTotal: 4, rateLimitPerMinute: 1000 }, { startWorker: false });
    const from = (ip: string) => inject(app, { remoteAddress: ip, headers: { 'idempotency-key': `cap-${Math.random()}` } });
    assert.deepEqual([(await from('10.0.0.1')).statusCode, (await from('10.0.0.1')).statusCode], [202, 202]);
    const capped = await from('10.0.0.1');
    assert.equal(capped.statusCode, 429);
    errorShape(capped.json());
    assert.match(capped.json().errors[0].message, /today/);
    assert.ok(Number(capped.headers['retry-after']) > 0);
    assert.equal((await from('10.0.0.1')).statusCode, 429);
    assert.deepEqual([(await from('10.0.0.2')).statusCode, (await from('10.0.0.3')).statusCode], [202, 202]);
    assert.equal((await from('10.0.0.4')).statusCode, 429, 'the global limit');
    assert.equal((await from('10.0.0.5')).statusCode, 429);
    const alerts = () => sink.lines.filter((l) => JSON.parse(l).level === 50 && JSON.parse(l).alert === 'flood');
    await waitFor(() => alerts().length >= 2, 5_000, 'two alerts');
    await sleep(100);
    assert.equal(alerts().length, 2, alerts().join('\n'));
    assert.match(alerts().join('\n'), /DAILY_LIMIT_PER_IP \(2\)[\s\S]*DAILY_LIMIT_TOTAL \(4\)/);
    assert.doesNotMatch(alerts().join('\n'), /10\.0\.0/, 'no client address in the alert');
  });
});

describe('framing, headers and the one error shape', () => {
  it('refuses Content-Length with chunked encoding, in the usual shape with security headers', async () => {
    const { app, sink } = await relay({}, { startWorker: false });
    const port = await listen(app);
    const body = JSON.stringify(fixture());
    const reply = await raw(port, (s) =>
      s.write(`POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`),
    );
    assert.match(reply.text, /^HTTP\/1\.1 400 /);
    assert.match(reply.text, /content-security-policy: default-src 'none'/i);
    assert.match(reply.text, /x-content-type-options: nosniff/i);
    errorShape(JSON.parse(reply.text.slice(reply.text.indexOf('\r\n\r\n') + 4)));
    assert.equal((await app.relay.outbox.counts()).pending, 0);
    assert.deepEqual(sink.lines.filter((l) => JSON.parse(l).level >= 50), []);
  });

  it('logs no error-level TypeError when a client resets the connection mid-request', async () => {
    const { app, sink } = await relay({ trustProxy: ['127.0.0.1'] }, { startWorker: false });
    const port = await listen(app);
    const body = JSON.stringify(fixture());
    for (let i = 0; i < 16; i++) {
      await raw(port, (s) =>
        s.write(`POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`, () => (i % 2 ? s.resetAndDestroy() : s.destroy())),
      );
    }
    await sleep(300);
    assert.deepEqual(sink.lines.filter((l) => JSON.parse(l).level >= 50), []);
  });

  it('puts the security headers on a refused-origin 403, and every error has one shape', async () => {
    const { app } = await relay({ allowedOrigins: ['https://www.example.gov.uk'], rateLimitPerMinute: 1000 }, { startWorker: false });
    const { app: limited } = await relay({ rateLimitPerMinute: 1 }, { startWorker: false });
    const refused = await inject(app, { headers: { origin: 'https://evil.example' } });
    assert.equal(refused.statusCode, 403);
    assert.match(String(refused.headers['content-security-policy']), /default-src 'none'/);
    assert.equal(refused.headers['x-content-type-options'], 'nosniff');
    assert.match(String(refused.headers['strict-transport-security']), /max-age/);
    assert.equal(refused.headers['cache-control'], 'no-store');
    const preflight = await app.inject({ method: 'OPTIONS', url: '/api/referrals', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.statusCode, 403);
    assert.equal(preflight.headers['x-content-type-options'], 'nosniff');
    const answers = [
      refused,
      preflight,
      await app.inject({ url: '/nope' }),
      await app.inject({ method: 'POST', url: '/api/referrals', headers: { 'content-type': 'text/plain' }, payload: 'x' }),
      await app.inject({ method: 'POST', url: '/api/referrals', headers: { 'content-type': 'application/json' }, payload: '{' }),
      await app.inject({ method: 'POST', url: '/api/referrals', headers: { 'content-type': 'application/json' }, payload: `"${'x'.repeat(70_000)}"` }),
      await app.inject({ method: 'POST', url: '/api/referrals', headers: { 'content-type': 'application/json' }, payload: '{}' }),
      await app.inject({ method: 'GET', url: '/api/%E0%A4%A' }),
      await inject(app, { headers: { 'idempotency-key': 'shape' } }),
      await inject(app, { headers: { 'idempotency-key': 'shape' }, body: { ...fixture(), concerns: { ...fixture().concerns, details: 'Other text' } } }),
      await inject(limited),
      await inject(limited),
    ];
    assert.deepEqual(answers.map((r) => r.statusCode), [403, 403, 404, 415, 400, 413, 400, 400, 202, 409, 202, 429]);
    for (const r of answers.filter((a) => a.statusCode !== 202)) {
      errorShape(r.json());
      assert.equal(r.headers['x-content-type-options'], 'nosniff', `${r.statusCode} has the headers`);
    }
  });
});

describe('slow bodies and connections', () => {
  it('cuts a slow body within REQUEST_TIMEOUT_SECONDS (plus the one-second check)', async () => {
    const { app } = await relay({ requestTimeoutMs: 2_000 }, { startWorker: false });
    const port = await listen(app);
    let timer: NodeJS.Timeout | undefined;
    const reply = await raw(port, (s) => {
      s.write('POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{');
      timer = setInterval(() => s.writable && s.write(' '), 200);
    });
    clearInterval(timer);
    assert.ok(reply.closedByServer, 'the server closed the connection');
    assert.ok(reply.ms < 3_500, `held for ${reply.ms} ms`);
    assert.ok(reply.ms >= 1_900, `cut after ${reply.ms} ms, not before the limit`);
    assert.match(reply.text, /^HTTP\/1\.1 408 /);
    errorShape(JSON.parse(reply.text.slice(reply.text.indexOf('\r\n\r\n') + 4)));
  });

  it('refuses connections over MAX_CONNECTIONS', async () => {
    const { app } = await relay({ maxConnections: 3 }, { startWorker: false });
    const port = await listen(app);
    const held: Socket[] = [];
    for (let i = 0; i < 3; i++) {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => {});
      await new Promise((r) => s.on('connect', r));
      held.push(s);
    }
    await sleep(100);
    const extra = await raw(port, (s) => s.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n'), 3_000);
    assert.ok(extra.closedByServer && extra.text === '', `the fourth connection got: ${extra.text.slice(0, 40)}`);
    for (const s of held) s.destroy();
    await sleep(100);
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    assert.equal(res.status, 200);
  });
});
