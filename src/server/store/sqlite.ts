/**
 * The SQLite outbox (better-sqlite3, WAL, synchronous=FULL), the embedded default.
 *
 * - `enqueue()` resolves only after the row is committed, i.e. after SQLite has fsynced the WAL,
 *   so the relay's 202 means "on disk". Concurrent requests share one transaction (group commit):
 *   everything that arrives in the same turn of the event loop is written with one fsync.
 * - Payloads are sealed with DATA_KEY (AES-256-GCM) before they reach the file.
 * - Retention: `purgeDelivered()` blanks the content of referrals delivered long enough ago. Every
 *   connection that writes has `secure_delete` on, so rewritten rows leave no old overflow pages
 *   behind, and a TRUNCATE checkpoint empties the WAL of old copies.
 * - Files are 0600 in a 0700 directory whatever the umask (SQLite gives the -wal and -shm files
 *   the database file's mode).
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { DataCipher } from '../crypto.js';
import { ensurePrivateDirSync, ensurePrivateFileSync } from './files.js';
import { IDEMPOTENCY_TTL_MS, newReference, openRow, type EnqueueItem, type EnqueueResult, type OutboxRow, type Status, type Store, type StoreOptions } from './types.js';

/** Versioned schema: each entry runs once, in order; `PRAGMA user_version` records how far. */
const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS referrals (
    id              INTEGER PRIMARY KEY,
    reference       TEXT    NOT NULL UNIQUE,
    idempotency_key TEXT    UNIQUE,
    payload_hash    TEXT    NOT NULL,
    payload         TEXT,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    purged_at       INTEGER,
    last_error      TEXT
  );
  CREATE INDEX IF NOT EXISTS referrals_due ON referrals (status, next_attempt_at);
  CREATE INDEX IF NOT EXISTS referrals_sent ON referrals (sent_at) WHERE payload IS NOT NULL;`,
  `ALTER TABLE referrals ADD COLUMN leased_until INTEGER;
  CREATE INDEX IF NOT EXISTS referrals_keys ON referrals (created_at) WHERE idempotency_key IS NOT NULL;`,
  // Alerts and receipts already handled, once per reference and condition (alerts.ts).
  `CREATE TABLE IF NOT EXISTS alerts (
    reference TEXT    NOT NULL,
    condition TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (reference, condition)
  );`,
];

const COLUMNS = `id, reference, payload, status, attempts, next_attempt_at AS nextAttemptAt, created_at AS createdAt,
  sent_at AS sentAt, purged_at AS purgedAt, last_error AS lastError`;

interface Waiting {
  item: EnqueueItem;
  resolve: (r: EnqueueResult) => void;
  reject: (e: unknown) => void;
}

function open(file: string, synchronous: 'FULL' | 'NORMAL'): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  // Every connection that writes overwrites what it frees (a purged payload's overflow pages).
  db.pragma('secure_delete = ON');
  return db;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly statusDb: Database.Database;
  private readonly clock: () => number;
  private readonly cipher: DataCipher;
  private readonly ttl: number;
  private waiting: Waiting[] = [];
  private flushScheduled = false;
  private readonly insertBatch: (items: EnqueueItem[]) => EnqueueResult[];
  private readonly claimTx: (now: number, limit: number, leaseMs: number) => OutboxRow[];
  private readonly stmt;
  commits = 0;

  constructor(
    readonly file: string,
    options: StoreOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.cipher = options.cipher ?? new DataCipher();
    this.ttl = options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS;
    ensurePrivateDirSync(dirname(file));
    ensurePrivateFileSync(file);
    this.db = open(file, 'FULL');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
    for (const suffix of ['-wal', '-shm']) ensurePrivateFileSync(file + suffix);
    // One relay process uses a SQLite outbox (several need DATABASE_URL): leases left by a process
    // that died are its own, so they are taken back at once rather than when they run out.
    if (options.releaseLeases) this.db.exec('UPDATE referrals SET leased_until = NULL WHERE leased_until IS NOT NULL');
    // Delivery status changes go through a second connection with synchronous=NORMAL: no fsync of
    // their own; they reach the disk with the next durable commit (or a checkpoint). Losing one in
    // a power cut only means an email is sent again (same Message-ID) or a retry count is off;
    // a process crash loses nothing (WAL pages are already in the OS). Keeps delivery from
    // spending the disk's fsyncs that accepting referrals needs.
    this.statusDb = open(file, 'NORMAL');
    const db = this.db;
    const status = this.statusDb;
    this.stmt = {
      byKey: db.prepare<[string], { id: number; reference: string; payload_hash: string; created_at: number }>(
        'SELECT id, reference, payload_hash, created_at FROM referrals WHERE idempotency_key = ?',
      ),
      forgetKey: db.prepare<[number]>('UPDATE referrals SET idempotency_key = NULL WHERE id = ?'),
      refExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM referrals WHERE reference = ?'),
      insert: db.prepare(
        `INSERT INTO referrals (reference, idempotency_key, payload_hash, payload, next_attempt_at, created_at)
         VALUES (@reference, @key, @hash, @payload, @now, @now)`,
      ),
      due: status.prepare<{ now: number; limit: number }, OutboxRow>(
        `SELECT ${COLUMNS} FROM referrals WHERE status = 'pending' AND next_attempt_at <= @now AND (leased_until IS NULL OR leased_until <= @now)
         ORDER BY next_attempt_at, id LIMIT @limit`,
      ),
      lease: status.prepare<[number, number]>(`UPDATE referrals SET leased_until = ? WHERE id = ?`),
      nextDue: db.prepare<[], { at: number | null }>(`SELECT MIN(MAX(next_attempt_at, COALESCE(leased_until, 0))) AS at FROM referrals WHERE status = 'pending'`),
      oldest: db.prepare<[], { at: number | null }>(`SELECT MIN(created_at) AS at FROM referrals WHERE status = 'pending'`),
      oldestRow: db.prepare<[], { reference: string; createdAt: number }>(`SELECT reference, created_at AS createdAt FROM referrals WHERE status = 'pending' ORDER BY created_at, id LIMIT 1`),
      claimAlert: status.prepare<[string, string, number]>('INSERT INTO alerts (reference, condition, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      counts: db.prepare<[], { status: Status; n: number }>('SELECT status, COUNT(*) AS n FROM referrals GROUP BY status'),
      get: db.prepare<[string], OutboxRow>(`SELECT ${COLUMNS} FROM referrals WHERE reference = ?`),
      purged: db.prepare<[string], { payload: string | null }>('SELECT payload FROM referrals WHERE reference = ?'),
      sent: status.prepare(`UPDATE referrals SET status = 'sent', sent_at = @now, attempts = attempts + 1, last_error = NULL, leased_until = NULL WHERE id = @id AND status = 'pending'`),
      retry: status.prepare(`UPDATE referrals SET attempts = @attempts, next_attempt_at = @next, last_error = @error, leased_until = NULL WHERE id = @id AND status = 'pending'`),
      failed: status.prepare(`UPDATE referrals SET status = 'failed', attempts = @attempts, last_error = @error, leased_until = NULL WHERE id = @id AND status = 'pending'`),
      requeue: db.prepare(`UPDATE referrals SET status = 'pending', attempts = 0, next_attempt_at = @now WHERE status = 'failed'`),
      toPurge: db.prepare<{ before: number }, { reference: string }>(
        `SELECT reference FROM referrals WHERE status = 'sent' AND payload IS NOT NULL AND sent_at <= @before`,
      ),
      purge: db.prepare(
        `UPDATE referrals SET payload = NULL, payload_hash = '', idempotency_key = NULL, purged_at = @now WHERE status = 'sent' AND payload IS NOT NULL AND sent_at <= @before`,
      ),
      expireKeys: db.prepare(`UPDATE referrals SET idempotency_key = NULL WHERE idempotency_key IS NOT NULL AND created_at < @keysBefore`),
      sealed: db.prepare<[], { id: number; reference: string; payload: string }>(`SELECT id, reference, payload FROM referrals WHERE payload IS NOT NULL`),
      reseal: db.prepare<[string, number]>(`UPDATE referrals SET payload = ? WHERE id = ?`),
    };
    this.insertBatch = this.db.transaction((items: EnqueueItem[]) => {
      const now = this.clock();
      return items.map((item): EnqueueResult => {
        if (item.idempotencyKey) {
          const known = this.stmt.byKey.get(item.idempotencyKey);
          if (known && known.created_at >= now - this.ttl) return { reference: known.reference, created: false, conflict: known.payload_hash !== item.payloadHash };
          if (known) this.stmt.forgetKey.run(known.id);
        }
        let reference = newReference();
        while (this.stmt.refExists.get(reference)) reference = newReference();
        const payload = this.cipher.sealText(item.payload, reference);
        this.stmt.insert.run({ reference, key: item.idempotencyKey ?? null, hash: item.payloadHash, payload, now });
        return { reference, created: true, conflict: false };
      });
    });
    this.claimTx = this.statusDb.transaction((now: number, limit: number, leaseMs: number) => {
      const rows = this.stmt.due.all({ now, limit });
      for (const row of rows) this.stmt.lease.run(now + leaseMs, row.id);
      return rows;
    });
  }

  private decrypt(row: OutboxRow | undefined): OutboxRow | undefined {
    return row && openRow(this.cipher, row);
  }

  enqueue(item: EnqueueItem): Promise<EnqueueResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    let results: EnqueueResult[];
    try {
      results = this.insertBatch(batch.map((w) => w.item));
      this.commits++;
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }

  async claim(now: number, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    return this.claimTx(now, limit, leaseMs).map((r) => this.decrypt(r)!);
  }

  async nextDueAt(): Promise<number | null> {
    return this.stmt.nextDue.get()?.at ?? null;
  }

  async oldestPendingAt(): Promise<number | null> {
    return this.stmt.oldest.get()?.at ?? null;
  }

  async oldestPending(): Promise<{ reference: string; createdAt: number } | null> {
    return this.stmt.oldestRow.get() ?? null;
  }

  async claimAlert(reference: string, condition: string): Promise<boolean> {
    return this.stmt.claimAlert.run(reference, condition, this.clock()).changes === 1;
  }

  /** A write lock taken and released: fails on a read-only or missing file, a locked or corrupt database. */
  async checkWritable(): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE; ROLLBACK');
  }

  async get(reference: string): Promise<OutboxRow | undefined> {
    return this.decrypt(this.stmt.get.get(reference));
  }

  async isPurged(reference: string): Promise<boolean> {
    const row = this.stmt.purged.get(reference);
    return row !== undefined && row.payload === null;
  }

  async counts(): Promise<Record<Status, number>> {
    const out: Record<Status, number> = { pending: 0, sent: 0, failed: 0 };
    for (const row of this.stmt.counts.all()) out[row.status] = row.n;
    return out;
  }

  async markSent(id: number): Promise<void> {
    this.stmt.sent.run({ id, now: this.clock() });
  }

  async markRetry(id: number, attempts: number, next: number, error: string): Promise<void> {
    this.stmt.retry.run({ id, attempts, next, error });
  }

  async markFailed(id: number, attempts: number, error: string): Promise<void> {
    this.stmt.failed.run({ id, attempts, error });
  }

  async requeueFailed(): Promise<number> {
    return this.stmt.requeue.run({ now: this.clock() }).changes;
  }

  async purgeDelivered(before: number): Promise<string[]> {
    const now = this.clock();
    const references = this.db.transaction(() => {
      const refs = this.stmt.toPurge.all({ before }).map((r) => r.reference);
      this.stmt.purge.run({ now, before });
      this.stmt.expireKeys.run({ keysBefore: now - this.ttl });
      return refs;
    })();
    // Copies the WAL into the database and truncates it: the old row versions in the WAL are gone.
    if (references.length > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return references;
  }

  async reencrypt(): Promise<number> {
    if (!this.cipher.enabled) return 0;
    let n = 0;
    this.db.transaction(() => {
      for (const row of this.stmt.sealed.all()) {
        if (!this.cipher.needsResealText(row.payload)) continue;
        let plain: string;
        try {
          plain = this.cipher.openText(row.payload, row.reference);
        } catch {
          continue; // an unknown key: left as it is; delivery reports it (EDATAKEY)
        }
        this.stmt.reseal.run(this.cipher.sealText(plain, row.reference), row.id);
        n++;
      }
    })();
    if (n > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return n;
  }

  async close(): Promise<void> {
    this.flush();
    if (this.statusDb.open) this.statusDb.close();
    if (this.db.open) this.db.close();
  }
}
