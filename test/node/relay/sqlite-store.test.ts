/**
 * The SQLite store behind the Store interface: an outbox written by the relay before the schema
 * was versioned is migrated in place; leases keep a row with one worker, a relay restarting takes
 * its dead predecessor's leases back, and the requeue CLI opening the same file beside a running
 * relay does not.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../../src/server/store/sqlite.js';
import { fixture, tempDir } from './helpers.js';

const dirs: { cleanup(): void }[] = [];
const stores: SqliteStore[] = [];
after(async () => {
  for (const s of stores) await s.close();
  for (const d of dirs) d.cleanup();
});

function file(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'outbox.sqlite');
}
const open = (path: string, releaseLeases = false) => {
  const s = new SqliteStore(path, { releaseLeases });
  stores.push(s);
  return s;
};
const payload = JSON.stringify(fixture());

describe('SQLite store', () => {
  it('migrates an outbox from before the versioned schema, keeping its rows', async () => {
    const path = file();
    const old = new Database(path);
    old.exec(`CREATE TABLE referrals (id INTEGER PRIMARY KEY, reference TEXT NOT NULL UNIQUE, idempotency_key TEXT UNIQUE,
      payload_hash TEXT NOT NULL, payload TEXT, status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL, created_at INTEGER NOT NULL, sent_at INTEGER, purged_at INTEGER, last_error TEXT)`);
    old.prepare(`INSERT INTO referrals (reference, payload_hash, payload, next_attempt_at, created_at) VALUES ('CME-ABCDEFGH', 'h', ?, 0, 0)`).run(payload);
    old.close();
    const store = open(path, true);
    const [row] = await store.claim(Date.now(), 10, 60_000);
    assert.equal(row?.reference, 'CME-ABCDEFGH');
    assert.equal(JSON.parse(row!.payload!).child.firstName, 'Amelia');
    assert.equal(store.db.pragma('user_version', { simple: true }), 3);
  });

  it('keeps a leased row from other claims until the lease ends or its relay restarts, but not for the requeue CLI', async () => {
    const path = file();
    const relay = open(path, true);
    const { reference } = await relay.enqueue({ payload, payloadHash: 'h' });
    const now = Date.now();
    assert.equal((await relay.claim(now, 10, 60_000)).length, 1);
    assert.deepEqual(await relay.claim(now + 1_000, 10, 60_000), [], 'leased');
    assert.equal(await relay.nextDueAt(), now + 60_000, 'due again when the lease ends');
    // The requeue CLI opens the same file while the relay is sending: the lease stands.
    const cli = open(path);
    await cli.requeueFailed();
    assert.deepEqual(await relay.claim(now + 2_000, 10, 60_000), []);
    // The relay died and starts again: its leases are its own, taken back at once.
    const restarted = open(path, true);
    const [again] = await restarted.claim(now + 3_000, 10, 60_000);
    assert.equal(again?.reference, reference);
    await restarted.markSent(again!.id);
    assert.equal((await restarted.get(reference))?.status, 'sent');
  });
});
