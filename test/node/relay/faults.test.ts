/**
 * Faults, each with "nothing lost" asserted by counting emails against 202s: the mail server down
 * for a while; the relay restarted with a queue; the relay SIGKILLed while delivering (a child
 * process) and restarted; 500 concurrent posts. A duplicate is only allowed for a referral that
 * was in flight at the crash, and it carries the same Message-ID.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildApp } from '../../../src/server/app.js';
import { CA, CA_FILE, fixture, freePort, health, postReferral, spawnRelay, startSmtp, tempDir, testConfig, waitFor, type TestSmtp } from './helpers.js';

const FROM = 'referrals@relay.example.gov.uk';
const idFor = (reference: string) => `<${reference}@relay.example.gov.uk>`;
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Every accepted reference arrived; nothing arrived that was not accepted; duplicates bounded. */
function assertNothingLost(smtp: TestSmtp, references: string[], maxDuplicates = 0): void {
  const ids = smtp.messageIds();
  const unique = new Set(ids);
  assert.deepEqual([...unique].sort(), references.map(idFor).sort(), 'one email per 202, matched by Message-ID');
  assert.ok(ids.length - unique.size <= maxDuplicates, `${ids.length - unique.size} duplicates (at most ${maxDuplicates} allowed)`);
}

async function postMany(base: string, n: number, key = (i: number) => `k-${i}-${Math.random()}`): Promise<string[]> {
  const replies = await Promise.all(Array.from({ length: n }, (_, i) => postReferral(base, fixture(), { 'idempotency-key': key(i) })));
  assert.ok(replies.every((r) => r.status === 202), `statuses: ${[...new Set(replies.map((r) => r.status))].join(',')}`);
  return replies.map((r) => r.json.reference as string);
}

describe('faults', () => {
  it('keeps referrals while the mail server is down, and delivers them all when it comes up', async () => {
    const port = await freePort();
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const app = await buildApp(testConfig(dir.path, { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: FROM, retryBaseMs: 50, retryMaxMs: 300 }), {
      mailerOptions: { tls: { ca: CA }, timeoutMs: 2000 },
      workerPollMs: 50,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => app.close());
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const refs = await postMany(base, 12);
    await waitFor(async () => (await Promise.all(refs.map((r) => app.relay.outbox.get(r)))).every((row) => (row?.attempts ?? 0) >= 2), 10_000, 'two failed attempts each');
    assert.deepEqual((await health(base)).queue, { pending: 12, failed: 0 });
    const smtp = await startSmtp({ port });
    cleanups.push(() => smtp.close());
    await waitFor(async () => (await health(base)).queue.pending === 0, 15_000, 'the queue to drain');
    assertNothingLost(smtp, refs);
  });

  it('delivers a queue left by a relay that was stopped, after a restart', async () => {
    const port = await freePort();
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const env = { DATA_DIR: dir.path, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: FROM, NODE_EXTRA_CA_CERTS: CA_FILE, DELIVERY_RETRY_BASE_MS: '50', DELIVERY_RETRY_MAX_MS: '200' };
    const first = await spawnRelay(env);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const refs = await postMany(first.url, 20);
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);

    const smtp = await startSmtp({ port });
    cleanups.push(() => smtp.close());
    const second = await spawnRelay(env);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    await waitFor(async () => (await health(second.url)).queue.pending === 0, 20_000, 'the queue to drain');
    assertNothingLost(smtp, refs);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('loses nothing when the relay is killed with SIGKILL mid-delivery and restarted', async () => {
    let inData = 0;
    const smtp = await startSmtp({ delayMs: 120, onDataStart: () => inData++ });
    cleanups.push(() => smtp.close());
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const env = { DATA_DIR: dir.path, SMTP_URL: smtp.url, MAIL_FROM: FROM, NODE_EXTRA_CA_CERTS: CA_FILE, DELIVERY_RETRY_BASE_MS: '50', RATE_LIMIT_PER_MINUTE: '1000' };
    const first = await spawnRelay(env);
    cleanups.push(() => void first.child.kill('SIGKILL'));
    const refs = await postMany(first.url, 30);
    // Kill while several emails have gone and others are being transferred.
    await waitFor(() => smtp.received.length >= 4 && inData > smtp.received.length, 15_000, 'deliveries in progress');
    first.child.kill('SIGKILL');
    await first.exited;
    const deliveredBeforeKill = smtp.received.length;
    assert.ok(deliveredBeforeKill < 30, 'the kill happened mid-queue');

    const second = await spawnRelay(env);
    cleanups.push(() => void second.child.kill('SIGKILL'));
    await waitFor(async () => (await health(second.url)).queue.pending === 0, 30_000, 'the queue to drain after restart');
    await waitFor(() => new Set(smtp.messageIds()).size === 30, 5_000, 'all 30 emails');
    // At most the emails in flight at the kill (worker concurrency 4) can arrive twice.
    assertNothingLost(smtp, refs, 4);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('accepts 500 concurrent posts and sends exactly one email per 202', async () => {
    const smtp = await startSmtp();
    cleanups.push(() => smtp.close());
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const app = await buildApp(testConfig(dir.path, { smtpUrl: smtp.url, mailFrom: FROM, rateLimitPerMinute: 100_000 }), {
      mailerOptions: { tls: { ca: CA } },
      workerConcurrency: 8,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => app.close());
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const refs = await postMany(base, 500);
    assert.equal(new Set(refs).size, 500);
    await waitFor(async () => (await health(base)).queue.pending === 0, 45_000, 'all 500 delivered');
    assertNothingLost(smtp, refs);
  });
});
