/**
 * Retention that erases: large referrals (over 4 KB, so their content spills into SQLite overflow
 * pages) are delivered as .eml files, then purged after RETENTION_DAYS. Afterwards the raw bytes of
 * the database, its WAL and the mail folder hold none of the content. No DATA_KEY here: this
 * proves the erasure itself, not the encryption.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app.js';
import { fixture, tempDir, testConfig, waitFor } from './helpers.js';

const DAY = 86_400_000;
const dirs: { cleanup(): void }[] = [];
const apps: FastifyInstance[] = [];
after(async () => {
  for (const app of apps) await app.close().catch(() => {});
  for (const d of dirs) d.cleanup();
});

/** Long concerns text, unique per referral, well over one 4 KB page. */
function large(marker: string) {
  const f = fixture();
  f.child.firstName = `${marker}name`;
  f.concerns.details = `${marker} `.repeat(450).trim().slice(0, 4990);
  f.concerns.dslAppraisal = `${marker}-appraisal `.repeat(300).slice(0, 4990);
  return f;
}

function holders(dir: string, needle: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue; // a directory
    }
    if (bytes.includes(needle)) out.push(name);
  }
  return out;
}

describe('retention', () => {
  it('erases large delivered referrals from the database, the WAL and the mail folder', async () => {
    const dir = tempDir();
    dirs.push(dir);
    let now = Date.parse('2026-11-28T10:00:00Z');
    const app = await buildApp(testConfig(dir.path, { retentionDays: 30, rateLimitPerMinute: 1000 }), { clock: () => now, workerPollMs: 50 });
    apps.push(app);
    await app.ready();
    const markers = ['Bergamot', 'Cardamom', 'Damson', 'Elderflower'];
    const refs: string[] = [];
    for (const marker of markers) {
      const res = await app.inject({ method: 'POST', url: '/api/referrals', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(large(marker)) });
      assert.equal(res.statusCode, 202);
      assert.ok(res.body.length < 200);
      refs.push(res.json().reference);
    }
    await waitFor(async () => (await app.relay.outbox.counts()).sent === markers.length, 10_000, 'all delivered');
    await waitFor(() => refs.every((r) => existsSync(join(dir.path, 'mail', `${r}.eml`))), 5_000, 'the mail files');
    // A file left by a crash between purging a row and removing its mail file.
    for (const marker of markers) assert.ok(holders(dir.path, marker).length > 0, `${marker} was written somewhere before the purge`);
    assert.ok(holders(dir.path, 'Bergamot').some((f) => f.startsWith('mail/')));

    // One referral still waiting (no worker for it: the mail server "down") is kept whole.
    app.relay.worker.stop();
    await app.relay.worker.stop();
    const keep = await app.inject({ method: 'POST', url: '/api/referrals', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(large('Fennel')) });
    assert.equal(keep.statusCode, 202);

    now += 29 * DAY;
    assert.equal(await app.relay.purge(), 0, 'not before RETENTION_DAYS');
    now += 2 * DAY;
    assert.equal(await app.relay.purge(), markers.length);
    for (const marker of markers) assert.deepEqual(holders(dir.path, marker), [], `${marker} is still readable`);
    assert.deepEqual(readdirSync(join(dir.path, 'mail')), [], 'mail files erased');
    assert.ok(existsSync(join(dir.path, 'outbox.sqlite-wal')) || true);
    for (const r of refs) {
      const row = (await app.relay.outbox.get(r))!;
      assert.equal(row.payload, null);
      assert.ok(row.purgedAt && row.sentAt && row.createdAt, 'reference and timestamps kept');
    }
    assert.match(JSON.stringify((await app.relay.outbox.get(keep.json().reference))!.payload), /Fennel/);
  });

  it('also erases a mail file left behind when its row was purged before a crash', async () => {
    const dir = tempDir();
    dirs.push(dir);
    let now = Date.parse('2026-11-28T10:00:00Z');
    const app = await buildApp(testConfig(dir.path, { retentionDays: 1 }), { clock: () => now, workerPollMs: 50 });
    apps.push(app);
    await app.ready();
    const ref = (await app.inject({ method: 'POST', url: '/api/referrals', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(large('Galangal')) })).json().reference as string;
    const mail = join(dir.path, 'mail', `${ref}.eml`);
    await waitFor(() => existsSync(mail), 10_000, 'the mail file');
    await waitFor(async () => (await app.relay.outbox.get(ref))?.status === 'sent', 5_000, 'sent');
    const copy = readFileSync(mail);
    now += 2 * DAY;
    assert.equal(await app.relay.purge(), 1);
    writeFileSync(mail, copy); // as if the process had died before removing it
    assert.equal(await app.relay.purge(), 0);
    assert.equal(existsSync(mail), false);
    assert.deepEqual(holders(dir.path, 'Galangal'), []);
  });
});
