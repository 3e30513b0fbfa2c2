/**
 * GET /api/metrics (prom-client text) behind METRICS_TOKEN: 404 without a token configured, 401
 * for a missing or wrong bearer token, the DESIGN metric names with values that follow what the
 * relay did; GET /api/health's store, transport and oldestPendingSeconds, 503 when the store is gone.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app.js';
import { ConfigError, loadConfig } from '../../../src/server/config.js';
import { fixture, postReferral, tempDir, waitFor } from './helpers.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function relay(env: Record<string, string>, deps: { clock?: () => number; startWorker?: boolean } = {}): Promise<{ app: FastifyInstance; base: string }> {
  const dir = tempDir();
  const app = await buildApp({ ...loadConfig({ DATA_DIR: dir.path, PORT: '0', LOG_LEVEL: 'silent', ...env }), retryBaseMs: 50, retryMaxMs: 200 }, { workerPollMs: 50, ...deps });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(async () => {
    await app.close();
    dir.cleanup();
  });
  return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

const value = (text: string, name: string) => Number(new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);

describe('GET /api/metrics', () => {
  it('answers 404 when METRICS_TOKEN is not set', async () => {
    const { base } = await relay({});
    const res = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 404);
  });

  it('answers 401 to a missing or wrong token, and Prometheus text to the right one', async () => {
    const { base } = await relay({ METRICS_TOKEN: TOKEN });
    const missing = await fetch(`${base}/api/metrics`);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status, 401);
    assert.equal((await fetch(`${base}/api/metrics`, { headers: { authorization: TOKEN } })).status, 401, 'Bearer scheme required');

    const { json } = await postReferral(base, fixture());
    await postReferral(base, fixture(), { 'idempotency-key': 'same' });
    await postReferral(base, fixture(), { 'idempotency-key': 'same' }); // a replay: not counted
    const ok = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    assert.equal(ok.headers.get('cache-control'), 'no-store');
    const text = await ok.text();
    for (const name of ['cme_referrals_accepted_total', 'cme_referrals_delivered_total', 'cme_referrals_failed_total', 'cme_outbox_pending', 'cme_outbox_oldest_pending_seconds']) {
      assert.match(text, new RegExp(`^# TYPE ${name} (counter|gauge)$`, 'm'), name);
    }
    assert.equal(value(text, 'cme_referrals_accepted_total'), 2);
    assert.match(text, /^cme_transport_info\{transport="file"\} 1$/m);
    assert.ok(json.reference);
    await waitFor(async () => {
      const t = await (await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      return value(t, 'cme_referrals_delivered_total') === 2 && value(t, 'cme_outbox_pending') === 0 ? t : undefined;
    }, 10_000, 'two delivered');
  });

  it('the outbox gauges follow the queue: pending and the oldest pending age', async () => {
    let now = Date.UTC(2026, 10, 27, 9, 0);
    const { app, base } = await relay({ METRICS_TOKEN: TOKEN }, { clock: () => now, startWorker: false });
    await postReferral(base, fixture());
    now += 90_000;
    const text = await app.relay.metrics.text();
    assert.equal(value(text, 'cme_outbox_pending'), 1);
    assert.equal(value(text, 'cme_outbox_oldest_pending_seconds'), 90);
    const health = await app.inject({ url: '/api/health' });
    assert.deepEqual(health.json(), { ok: true, queue: { pending: 1, failed: 0 }, store: 'sqlite', transport: 'file', oldestPendingSeconds: 90 });
  });

  it('METRICS_TOKEN shorter than 16 characters stops the relay, without echoing it', () => {
    assert.throws(
      () => loadConfig({ METRICS_TOKEN: 'short-secret' }),
      (e: unknown) => e instanceof ConfigError && e.variable === 'METRICS_TOKEN' && !e.message.includes('short-secret'),
    );
  });
});

describe('GET /api/health when the store is gone', () => {
  it('answers 503 ok:false and still names the store and transport', async () => {
    const { app } = await relay({}, { startWorker: false });
    await app.relay.outbox.close();
    const res = await app.inject({ url: '/api/health' });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { ok: false, queue: null, store: 'sqlite', transport: 'file', oldestPendingSeconds: null });
  });
});
