/**
 * The durable outbox: one SQLite table under DATA_DIR (better-sqlite3, WAL, synchronous=FULL).
 *
 * - `enqueue()` resolves only after the row is committed, i.e. after SQLite has fsynced the WAL,
 *   so the relay's 202 means "on disk". Concurrent requests share one transaction (group commit):
 *   everything that arrives in the same turn of the event loop is written with one fsync.
 * - A referral is `pending` until the mail server accepts it (`sent`), or `failed` after the
 *   configured number of attempts (kept, counted in /api/health, re-queued by the CLI).
 * - Retention: `purgeDelivered()` blanks the content of referrals delivered long enough ago,
 *   keeping the reference and timestamps; `secure_delete` overwrites the freed pages and a WAL
 *   checkpoint drops the old copies.
 */
import Database from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** No 0/O, 1/I/L: read out over the phone without confusion. 31^8 ≈ 8.5 × 10^11 codes. */
export const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const REFERENCE_PATTERN = /^CME-[A-HJKMNP-Z2-9]{8}$/;

/** `CME-` and 8 characters from a CSPRNG: unguessable, never sequential. */
export function newReference(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `CME-${code}`;
}

export type Status = 'pending' | 'sent' | 'failed';

export interface OutboxRow {
  id: number;
  reference: string;
  /** The validated referral as JSON; `null` once purged. */
  payload: string | null;
  status: Status;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  sentAt: number | null;
  purgedAt: number | null;
  lastError: string | null;
}

export interface EnqueueItem {
  payload: string;
  /** Hash of the client's Idempotency-Key (the key itself is not stored). */
  idempotencyKey?: string | undefined;
  /** Hash of the payload, to notice a key reused for different content. */
  payloadHash: string;
}

export interface EnqueueResult {
  reference: string;
  /** False when the Idempotency-Key was already known: nothing new was stored. */
  created: boolean;
  /** True when a known key came with different content (the first content stands). */
  conflict: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS referrals (
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
CREATE INDEX IF NOT EXISTS referrals_sent ON referrals (sent_at) WHERE payload IS NOT NULL;
`;

const COLUMNS = `id, reference, payload, status, attempts, next_attempt_at AS nextAttemptAt, created_at AS createdAt,
  sent_at AS sentAt, purged_at AS purgedAt, last_error AS lastError`;

interface Waiting {
  item: EnqueueItem;
  resolve: (r: EnqueueResult) => void;
  reject: (e: unknown) => void;
}

export class Outbox {
  readonly db: Database.Database;
  private readonly statusDb: Database.Database;
  private readonly clock: () => number;
  private waiting: Waiting[] = [];
  private flushScheduled = false;
  private readonly insertBatch: (items: EnqueueItem[]) => EnqueueResult[];
  private readonly stmt;
  /** Number of transactions committed by `enqueue()` (for tests and the bench). */
  commits = 0;

  constructor(file: string, options: { clock?: () => number } = {}) {
    this.clock = options.clock ?? Date.now;
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    // Delivery status changes go through a second connection with synchronous=NORMAL: no fsync of
    // their own; they reach the disk with the next durable commit (or a checkpoint). Losing one in
    // a power cut only means an email is sent again (same Message-ID) or a retry count is off;
    // a process crash loses nothing (WAL pages are already in the OS). Keeps delivery from
    // spending the disk's fsyncs that accepting referrals needs.
    this.statusDb = new Database(file);
    this.statusDb.pragma('synchronous = NORMAL');
    this.statusDb.pragma('busy_timeout = 5000');
    const db = this.db;
    const status = this.statusDb;
    this.stmt = {
      byKey: db.prepare<[string], { reference: string; payload_hash: string }>('SELECT reference, payload_hash FROM referrals WHERE idempotency_key = ?'),
      refExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM referrals WHERE reference = ?'),
      insert: db.prepare(
        `INSERT INTO referrals (reference, idempotency_key, payload_hash, payload, next_attempt_at, created_at)
         VALUES (@reference, @key, @hash, @payload, @now, @now)`,
      ),
      due: db.prepare<[number, number], OutboxRow>(
        `SELECT ${COLUMNS} FROM referrals WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
      ),
      nextDue: db.prepare<[], { at: number | null }>(`SELECT MIN(next_attempt_at) AS at FROM referrals WHERE status = 'pending'`),
      counts: db.prepare<[], { status: Status; n: number }>('SELECT status, COUNT(*) AS n FROM referrals GROUP BY status'),
      get: db.prepare<[string], OutboxRow>(`SELECT ${COLUMNS} FROM referrals WHERE reference = ?`),
      sent: status.prepare(`UPDATE referrals SET status = 'sent', sent_at = @now, attempts = attempts + 1, last_error = NULL WHERE id = @id AND status = 'pending'`),
      retry: status.prepare(`UPDATE referrals SET attempts = @attempts, next_attempt_at = @next, last_error = @error WHERE id = @id AND status = 'pending'`),
      failed: status.prepare(`UPDATE referrals SET status = 'failed', attempts = @attempts, last_error = @error WHERE id = @id AND status = 'pending'`),
      requeue: db.prepare(`UPDATE referrals SET status = 'pending', attempts = 0, next_attempt_at = @now WHERE status = 'failed'`),
      purge: db.prepare(
        `UPDATE referrals SET payload = NULL, purged_at = @now WHERE status = 'sent' AND payload IS NOT NULL AND sent_at <= @before`,
      ),
    };
    this.insertBatch = this.db.transaction((items: EnqueueItem[]) => {
      const now = this.clock();
      return items.map((item): EnqueueResult => {
        if (item.idempotencyKey) {
          const known = this.stmt.byKey.get(item.idempotencyKey);
          if (known) return { reference: known.reference, created: false, conflict: known.payload_hash !== item.payloadHash };
        }
        let reference = newReference();
        while (this.stmt.refExists.get(reference)) reference = newReference();
        this.stmt.insert.run({ reference, key: item.idempotencyKey ?? null, hash: item.payloadHash, payload: item.payload, now });
        return { reference, created: true, conflict: false };
      });
    });
  }

  /** Stores a referral; resolves once it is durably committed (shared with concurrent calls). */
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

  due(now: number, limit: number): OutboxRow[] {
    return this.stmt.due.all(now, limit);
  }

  /** When the earliest pending referral is due (ms since the epoch), or null when none is pending. */
  nextDueAt(): number | null {
    return this.stmt.nextDue.get()?.at ?? null;
  }

  get(reference: string): OutboxRow | undefined {
    return this.stmt.get.get(reference);
  }

  counts(): Record<Status, number> {
    const out: Record<Status, number> = { pending: 0, sent: 0, failed: 0 };
    for (const row of this.stmt.counts.all()) out[row.status] = row.n;
    return out;
  }

  markSent(id: number): void {
    this.stmt.sent.run({ id, now: this.clock() });
  }

  markRetry(id: number, attempts: number, next: number, error: string): void {
    this.stmt.retry.run({ id, attempts, next, error });
  }

  markFailed(id: number, attempts: number, error: string): void {
    this.stmt.failed.run({ id, attempts, error });
  }

  /** Puts every failed referral back in the queue, due now, with a fresh attempt count. */
  requeueFailed(): number {
    return this.stmt.requeue.run({ now: this.clock() }).changes;
  }

  /** Blanks the content of referrals delivered at or before `before`; returns how many. */
  purgeDelivered(before: number): number {
    const { changes } = this.stmt.purge.run({ now: this.clock(), before });
    if (changes > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return changes;
  }

  /** Commits anything still waiting, then closes the database. */
  close(): void {
    this.flush();
    if (this.statusDb.open) this.statusDb.close();
    if (this.db.open) this.db.close();
  }
}
