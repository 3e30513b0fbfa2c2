/**
 * The PostgreSQL outbox (DATABASE_URL), shared by any number of relay processes.
 *
 * - The schema is versioned (`cme_schema_version`) and migrated at start under an advisory lock,
 *   so two instances starting together do not race.
 * - `enqueue()` commits one transaction per referral before it resolves (the 202 follows the
 *   commit); PostgreSQL groups concurrent commits into one WAL flush itself.
 * - Idempotency-Keys are a UNIQUE column: two instances receiving the same key at once both end
 *   up with the one row that committed first (`ON CONFLICT DO NOTHING`, then read it back).
 * - Delivery takes rows with `FOR UPDATE SKIP LOCKED` and leases them by moving their next attempt
 *   `leaseMs` ahead: one worker at a time has a row, and a dead worker's rows come back when the
 *   lease runs out.
 * - Purging sets the content NULL. PostgreSQL keeps the old row version in the table file until
 *   VACUUM marks the space free and later writes reuse it, and in WAL segments and backups until
 *   they are recycled; with DATA_KEY set those old versions are ciphertext only.
 */
import pg from 'pg';
import { DataCipher } from '../crypto.js';
import { IDEMPOTENCY_TTL_MS, newReference, openRow, type EnqueueItem, type EnqueueResult, type OutboxRow, type Status, type Store, type StoreOptions } from './types.js';

/** Each entry is one schema version; version n is recorded once entry n − 1 has run. */
export const PG_MIGRATIONS: string[] = [
  `CREATE TABLE referrals (
    id              SERIAL PRIMARY KEY,
    reference       TEXT    NOT NULL UNIQUE,
    idempotency_key TEXT    UNIQUE,
    payload_hash    TEXT    NOT NULL,
    payload         TEXT,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT,
    purged_at       BIGINT,
    last_error      TEXT,
    leased_until    BIGINT
  );
  CREATE INDEX referrals_due ON referrals (status, next_attempt_at);
  CREATE INDEX referrals_sent ON referrals (sent_at) WHERE payload IS NOT NULL;`,
  `CREATE INDEX referrals_keys ON referrals (created_at) WHERE idempotency_key IS NOT NULL;`,
  // Alerts and receipts already handled, once per reference and condition across instances (alerts.ts).
  `CREATE TABLE alerts (
    reference TEXT   NOT NULL,
    condition TEXT   NOT NULL,
    at        BIGINT NOT NULL,
    PRIMARY KEY (reference, condition)
  );`,
];

const COLUMNS = `id, reference, payload, status, attempts, next_attempt_at::float8 AS "nextAttemptAt", created_at::float8 AS "createdAt",
  sent_at::float8 AS "sentAt", purged_at::float8 AS "purgedAt", last_error AS "lastError"`;

/** An arbitrary constant: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 0x434d4531;

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  private readonly clock: () => number;
  private readonly cipher: DataCipher;
  private readonly ttl: number;
  commits = 0;

  private constructor(pool: pg.Pool, options: StoreOptions) {
    this.pool = pool;
    this.clock = options.clock ?? Date.now;
    this.cipher = options.cipher ?? new DataCipher();
    this.ttl = options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS;
  }

  /** Connects, creates or migrates the schema, and returns the store. */
  static async open(url: string, options: StoreOptions & { maxConnections?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 10_000 });
    // An idle client losing its server (a restart, a failover) must not crash the process.
    pool.on('error', () => {});
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
    return new PostgresStore(pool, options);
  }

  private decrypt(row: OutboxRow): OutboxRow {
    return openRow(this.cipher, row);
  }

  async enqueue(item: EnqueueItem): Promise<EnqueueResult> {
    const client = await this.pool.connect();
    try {
      for (;;) {
        await client.query('BEGIN');
        const now = this.clock();
        if (item.idempotencyKey) {
          const known = await client.query<{ id: number; reference: string; payload_hash: string; created_at: string }>(
            'SELECT id, reference, payload_hash, created_at FROM referrals WHERE idempotency_key = $1',
            [item.idempotencyKey],
          );
          const row = known.rows[0];
          if (row && Number(row.created_at) >= now - this.ttl) {
            await client.query('COMMIT');
            return { reference: row.reference, created: false, conflict: row.payload_hash !== item.payloadHash };
          }
          if (row) await client.query('UPDATE referrals SET idempotency_key = NULL WHERE id = $1', [row.id]);
        }
        const reference = newReference();
        const inserted = await client.query(
          `INSERT INTO referrals (reference, idempotency_key, payload_hash, payload, next_attempt_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT DO NOTHING RETURNING id`,
          [reference, item.idempotencyKey ?? null, item.payloadHash, this.cipher.sealText(item.payload, reference), now],
        );
        await client.query('COMMIT');
        if (inserted.rowCount === 1) {
          this.commits++;
          return { reference, created: true, conflict: false };
        }
        // Either another instance committed the same key a moment ago (the loop then finds it),
        // or the random reference was taken (the loop draws another).
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async claim(now: number, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const { rows } = await this.pool.query<OutboxRow>(
      `UPDATE referrals SET leased_until = $2 WHERE id IN (
         SELECT id FROM referrals WHERE status = 'pending' AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [now, now + leaseMs, limit],
    );
    return rows.map((r) => this.decrypt(r));
  }

  async nextDueAt(): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: number | null }>(`SELECT MIN(GREATEST(next_attempt_at, COALESCE(leased_until, 0)))::float8 AS at FROM referrals WHERE status = 'pending'`);
    return rows[0]?.at ?? null;
  }

  async oldestPendingAt(): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: number | null }>(`SELECT MIN(created_at)::float8 AS at FROM referrals WHERE status = 'pending'`);
    return rows[0]?.at ?? null;
  }

  async oldestPending(): Promise<{ reference: string; createdAt: number } | null> {
    const { rows } = await this.pool.query<{ reference: string; createdAt: number }>(
      `SELECT reference, created_at::float8 AS "createdAt" FROM referrals WHERE status = 'pending' ORDER BY created_at, id LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  async claimAlert(reference: string, condition: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('INSERT INTO alerts (reference, condition, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [reference, condition, this.clock()]);
    return rowCount === 1;
  }

  /** A read-write transaction on a primary: fails on a standby, a read-only database, or no connection. */
  async checkWritable(): Promise<void> {
    const { rows } = await this.pool.query<{ ro: string }>('SHOW transaction_read_only');
    if (rows[0]?.ro === 'on') throw Object.assign(new Error('the database is read-only'), { code: 'EREADONLY' });
  }

  async get(reference: string): Promise<OutboxRow | undefined> {
    const { rows } = await this.pool.query<OutboxRow>(`SELECT ${COLUMNS} FROM referrals WHERE reference = $1`, [reference]);
    return rows[0] ? this.decrypt(rows[0]) : undefined;
  }

  async isPurged(reference: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ purged: boolean }>('SELECT payload IS NULL AS purged FROM referrals WHERE reference = $1', [reference]);
    return rows[0]?.purged ?? false;
  }

  async counts(): Promise<Record<Status, number>> {
    const out: Record<Status, number> = { pending: 0, sent: 0, failed: 0 };
    const { rows } = await this.pool.query<{ status: Status; n: number }>('SELECT status, COUNT(*)::int AS n FROM referrals GROUP BY status');
    for (const row of rows) out[row.status] = row.n;
    return out;
  }

  async markSent(id: number): Promise<void> {
    await this.pool.query(`UPDATE referrals SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL, leased_until = NULL WHERE id = $1 AND status = 'pending'`, [id, this.clock()]);
  }

  async markRetry(id: number, attempts: number, next: number, error: string): Promise<void> {
    await this.pool.query(`UPDATE referrals SET attempts = $2, next_attempt_at = $3, last_error = $4, leased_until = NULL WHERE id = $1 AND status = 'pending'`, [id, attempts, next, error]);
  }

  async markFailed(id: number, attempts: number, error: string): Promise<void> {
    await this.pool.query(`UPDATE referrals SET status = 'failed', attempts = $2, last_error = $3, leased_until = NULL WHERE id = $1 AND status = 'pending'`, [id, attempts, error]);
  }

  async requeueFailed(): Promise<number> {
    const result = await this.pool.query(`UPDATE referrals SET status = 'pending', attempts = 0, next_attempt_at = $1 WHERE status = 'failed'`, [this.clock()]);
    return result.rowCount ?? 0;
  }

  async purgeDelivered(before: number): Promise<string[]> {
    const now = this.clock();
    const { rows } = await this.pool.query<{ reference: string }>(
      `UPDATE referrals SET payload = NULL, payload_hash = '', idempotency_key = NULL, purged_at = $1
       WHERE status = 'sent' AND payload IS NOT NULL AND sent_at <= $2 RETURNING reference`,
      [now, before],
    );
    await this.pool.query('UPDATE referrals SET idempotency_key = NULL WHERE idempotency_key IS NOT NULL AND created_at < $1', [now - this.ttl]);
    return rows.map((r) => r.reference);
  }

  async reencrypt(): Promise<number> {
    if (!this.cipher.enabled) return 0;
    const { rows } = await this.pool.query<{ id: number; reference: string; payload: string }>('SELECT id, reference, payload FROM referrals WHERE payload IS NOT NULL');
    let n = 0;
    for (const row of rows) {
      if (!this.cipher.needsResealText(row.payload)) continue;
      let sealed: string;
      try {
        sealed = this.cipher.sealText(this.cipher.openText(row.payload, row.reference), row.reference);
      } catch {
        continue; // an unknown key: left as it is; delivery reports it (EDATAKEY)
      }
      // Only if nobody purged or resealed it meanwhile.
      const result = await this.pool.query('UPDATE referrals SET payload = $1 WHERE id = $2 AND payload = $3', [sealed, row.id, row.payload]);
      n += result.rowCount ?? 0;
    }
    return n;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS cme_schema_version (version INTEGER NOT NULL, migrated_at BIGINT NOT NULL)');
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM cme_schema_version');
    const current = rows[0]?.v ?? 0;
    if (current > PG_MIGRATIONS.length) {
      throw Object.assign(new Error(`the database schema is version ${current}, newer than this relay (${PG_MIGRATIONS.length}): upgrade the relay`), { code: 'ESCHEMA' });
    }
    for (let v = current; v < PG_MIGRATIONS.length; v++) {
      await client.query(PG_MIGRATIONS[v]!);
      await client.query('INSERT INTO cme_schema_version (version, migrated_at) VALUES ($1, $2)', [v + 1, Date.now()]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
