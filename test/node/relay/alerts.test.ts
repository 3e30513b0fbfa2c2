/**
 * Alerts (ALERT_EMAIL): a referral failed permanently, the oldest pending referral past
 * ALERT_AFTER_MINUTES (health then 503 ok:false), each once per referral and condition, logged at
 * level error, through the transport, with the reference and reason only: no string of the child,
 * parents or referrer sections appears. Real smtp-server on loopback.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/server/config.js';
import { CA, LogSink, fixture, freePort, postReferral, sleep, startSmtp, tempDir, waitFor } from './helpers.js';
import { assertNoPersonalData } from './personal-data.js';

const TEAM = 'cme-team@council.example.gov.uk';
const OPS = 'relay-ops@council.example.gov.uk';
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** An SMTP server (STARTTLS, test CA) that refuses the team's address with 550 and takes everything else. */
async function refusingSmtp(): Promise<{ url: string; received: { to: string[]; raw: Buffer }[]; close(): Promise<void> }> {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { TLS_DIR } = await import('./helpers.js');
  const received: { to: string[]; raw: Buffer }[] = [];
  const server = new SMTPServer({
    key: readFileSync(join(TLS_DIR, 'server.key')),
    cert: readFileSync(join(TLS_DIR, 'server.crt')),
    authOptional: true,
    logger: false,
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      if (address.address === TEAM) return callback(Object.assign(new Error('5.1.1 User unknown'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function relay(env: Record<string, string>, deps: { clock?: () => number; logs?: LogSink; dataDir?: string } = {}): Promise<{ app: FastifyInstance; base: string }> {
  const dir = deps.dataDir ? { path: deps.dataDir, cleanup() {} } : tempDir();
  const config = {
    ...loadConfig({ DATA_DIR: dir.path, PORT: '0', LOG_LEVEL: deps.logs ? 'info' : 'silent', CME_TEAM_EMAIL: TEAM, ALERT_EMAIL: OPS, MAIL_FROM: 'relay@council.example.gov.uk', ...env }),
    retryBaseMs: 50,
    retryMaxMs: 200,
  };
  const app = await buildApp(config, { workerPollMs: 50, mailerOptions: { tls: { ca: CA }, timeoutMs: 2000 }, ...(deps.clock ? { clock: deps.clock } : {}), ...(deps.logs ? { logStream: deps.logs } : {}) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(async () => {
    await app.close();
    dir.cleanup();
  });
  return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

function assertNoReferrerData(text: string): void {
  for (const s of Object.values(fixture().referrer as Record<string, string>).filter((v) => v.length > 3)) {
    assert.ok(!text.toLowerCase().includes(s.toLowerCase()), `the alert contains the referrer's "${s}"`);
  }
}

describe('alerts', () => {
  it('a permanent failure: failed at once, one alert email with reference and reason, logged at level error', async () => {
    const smtp = await refusingSmtp();
    cleanups.push(() => smtp.close());
    const logs = new LogSink();
    const { app, base } = await relay({ SMTP_URL: smtp.url }, { logs });
    const { json } = await postReferral(base, fixture());
    await waitFor(() => smtp.received.length === 1, 10_000, 'the alert email');
    const row = await app.relay.outbox.get(json.reference);
    assert.equal(row?.status, 'failed');
    assert.equal(row?.attempts, 1, 'a 550 to RCPT TO is not retried');
    assert.deepEqual(smtp.received[0]!.to, [OPS]);
    const mail = await simpleParser(smtp.received[0]!.raw);
    assert.equal(mail.subject, `CME relay alert (failed): ${json.reference}`);
    assert.match(mail.text ?? '', new RegExp(`Reference: ${json.reference}`));
    assert.match(mail.text ?? '', /Reason: EENVELOPE 550 RCPT TO after 1 attempt/);
    const whole = smtp.received[0]!.raw.toString('utf8');
    assertNoPersonalData(whole, 'the alert email');
    assertNoReferrerData(whole);
    const logged = logs.lines.map((l) => JSON.parse(l) as { level: number; alert?: string; reference?: string }).filter((l) => l.alert === 'failed');
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.level, 50, 'level error');
    assert.equal(logged[0]!.reference, json.reference);

    // Re-queued and failing again: the same referral and condition does not alert twice.
    assert.equal(await app.relay.outbox.requeueFailed(), 1);
    app.relay.worker.wake();
    await waitFor(async () => (await app.relay.outbox.get(json.reference))?.status === 'failed', 10_000, 'failed again');
    await sleep(300);
    assert.equal(smtp.received.length, 1, 'no second alert');
    assert.match(await app.relay.metrics.text(), /cme_alerts_total\{condition="failed"\} 1/);
    assert.match(await app.relay.metrics.text(), /cme_referrals_failed_total 2/);
  });

  it('the oldest pending past ALERT_AFTER_MINUTES: health 503 ok:false, one stale alert, then ok again once delivered', async () => {
    const port = await freePort();
    let now = Date.UTC(2026, 10, 27, 9, 0);
    const logs = new LogSink();
    const { app, base } = await relay({ SMTP_URL: `smtp://127.0.0.1:${port}`, ALERT_AFTER_MINUTES: '30' }, { clock: () => now, logs });
    const { json } = await postReferral(base, fixture());
    let health = await app.inject({ url: '/api/health' });
    assert.equal(health.statusCode, 200);
    assert.equal(health.json().oldestPendingSeconds, 0);
    now += 31 * 60_000;
    health = await app.inject({ url: '/api/health' });
    assert.equal(health.statusCode, 503);
    assert.deepEqual(health.json(), { ok: false, queue: { pending: 1, failed: 0 }, store: 'sqlite', transport: 'smtp', oldestPendingSeconds: 31 * 60 });
    await app.relay.monitor.checkStale();
    await app.relay.monitor.checkStale();
    const stale = logs.lines.filter((l) => /"alert":"stale"/.test(l) && /ALERT:/.test(l));
    assert.equal(stale.length, 1, 'once');
    assert.match(stale[0]!, new RegExp(`"reference":"${json.reference}"`));
    assert.match(stale[0]!, /pending for 31 minutes \(limit 30\)/);
    assertNoPersonalData(logs.text, 'the log');
    // The mail server comes up: the alert email and the referral both go; health is ok again.
    const smtp = await startSmtp({ port });
    cleanups.push(() => smtp.close());
    // The relay's clock is this test's: move it on past the retry time and wake the worker, as time would.
    await waitFor(async () => {
      now += 60_000;
      app.relay.worker.wake();
      return (await app.relay.outbox.get(json.reference))?.status === 'sent';
    }, 15_000, 'delivered');
    health = await app.inject({ url: '/api/health' });
    assert.equal(health.statusCode, 200);
    assert.equal(health.json().oldestPendingSeconds, null);
  });

  it('a restart does not send an alert again: the claim is kept in the store', async () => {
    const smtp = await refusingSmtp();
    cleanups.push(() => smtp.close());
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const first = await relay({ SMTP_URL: smtp.url }, { dataDir: dir.path });
    const { json } = await postReferral(first.base, fixture());
    await waitFor(() => smtp.received.length === 1, 10_000, 'the alert email');
    await first.app.close();
    const second = await relay({ SMTP_URL: smtp.url }, { dataDir: dir.path });
    assert.equal(await second.app.relay.outbox.requeueFailed(), 1);
    second.app.relay.worker.wake();
    await waitFor(async () => (await second.app.relay.outbox.get(json.reference))?.status === 'failed', 10_000, 'failed again after the restart');
    await sleep(300);
    assert.equal(smtp.received.length, 1, 'still one alert');
    assert.equal(await second.app.relay.outbox.claimAlert(json.reference, 'failed'), false, 'claimed before the restart');
    assert.equal(await second.app.relay.outbox.claimAlert(json.reference, 'stale'), true, 'another condition is its own');
  });
});
