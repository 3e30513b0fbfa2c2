/**
 * The outbox store: one interface, two implementations (SQLite in DATA_DIR, the embedded default;
 * PostgreSQL when DATABASE_URL is set), so that the HTTP app and the delivery worker never know
 * which one is there. Every method is asynchronous because PostgreSQL is.
 *
 * Delivery uses leases: `claim()` takes due rows for one worker and marks them leased for
 * `leaseMs`. A worker that dies simply never reports back; when the lease runs
 * out the row is due again and any worker (this process after a restart, or another instance)
 * takes it. Payloads are handed in and out as plain JSON text: the store encrypts them at rest
 * with the relay's data key (see ../crypto.ts).
 */
import { randomInt } from 'node:crypto';
import type { DataCipher } from '../crypto.js';

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
  /** The validated referral as JSON text (decrypted); `null` once purged. */
  payload: string | null;
  status: Status;
  attempts: number;
  /** When the row is next due (ms since the epoch); a leased row is due again when its lease runs out. */
  nextAttemptAt: number;
  createdAt: number;
  sentAt: number | null;
  purgedAt: number | null;
  lastError: string | null;
  /** Set when the content could not be decrypted (sealed with a key that is neither DATA_KEY nor DATA_KEY_PREVIOUS). */
  unreadable?: true;
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
  /** True when a known key came with different content (nothing stored; the app answers 409). */
  conflict: boolean;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Transactions committed by `enqueue()` (tests and the bench check group commit). */
  readonly commits: number;
  /**
   * Stores a referral; resolves only once it is durably committed. A known Idempotency-Key younger
   * than the store's `idempotencyTtlMs` returns the first reference; an older one is forgotten.
   */
  enqueue(item: EnqueueItem): Promise<EnqueueResult>;
  /** Leases up to `limit` due pending rows to the caller for `leaseMs`; returns them decrypted. */
  claim(now: number, limit: number, leaseMs: number): Promise<OutboxRow[]>;
  /** When the earliest pending row is due (or its lease ends), or null when none is pending. */
  nextDueAt(): Promise<number | null>;
  get(reference: string): Promise<OutboxRow | undefined>;
  counts(): Promise<Record<Status, number>>;
  /** `created_at` of the oldest pending referral, or null (health, metrics, alerts). */
  oldestPendingAt(): Promise<number | null>;
  /** The oldest pending referral's reference and `created_at`, or null (the once-per-referral stale alert). */
  oldestPending(): Promise<{ reference: string; createdAt: number } | null>;
  /**
   * Records that `condition` (an alert, a receipt) was handled for `reference`: true only the
   * first time, across restarts and across instances sharing the store (alerts.ts).
   */
  claimAlert(reference: string, condition: string): Promise<boolean>;
  /** Throws when the store cannot be written (GET /api/health answers 503). */
  checkWritable(): Promise<void>;
  markSent(id: number): Promise<void>;
  markRetry(id: number, attempts: number, next: number, error: string): Promise<void>;
  markFailed(id: number, attempts: number, error: string): Promise<void>;
  /** Puts every failed referral back in the queue, due now, with a fresh attempt count. */
  requeueFailed(): Promise<number>;
  /**
   * Erases the content of referrals delivered at or before `before` (and forgets expired
   * Idempotency-Keys); returns the references purged, so their mail files can go too.
   */
  purgeDelivered(before: number): Promise<string[]>;
  /** True when the reference's content was purged (its mail files may go); false for unknown references. */
  isPurged(reference: string): Promise<boolean>;
  /** Re-encrypts rows still sealed with DATA_KEY_PREVIOUS (or not at all) with DATA_KEY. */
  reencrypt(): Promise<number>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Milliseconds since the epoch (default `Date.now`). */
  clock?: () => number;
  /** Seals payloads at rest (no key: stored as they are, development only). */
  cipher?: import('../crypto.js').DataCipher;
  /** How long an Idempotency-Key is remembered (default IDEMPOTENCY_TTL_MS). */
  idempotencyTtlMs?: number;
  /**
   * SQLite only, for the relay process itself (never the requeue CLI beside it): leases left by
   * a relay that died are taken back at once, since only one relay uses a SQLite outbox.
   */
  releaseLeases?: boolean;
}

/** Idempotency-Keys are remembered for 24 hours: long enough for any retry by the form. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/**
 * Opens a stored row's sealed payload in place. A payload no key can open (sealed with a key the
 * relay no longer has) becomes `unreadable`, so that one referral fails alone.
 */
export function openRow(cipher: Pick<DataCipher, 'openText'>, row: OutboxRow): OutboxRow {
  if (row.payload !== null) {
    try {
      row.payload = cipher.openText(row.payload, row.reference);
    } catch {
      row.payload = null;
      row.unreadable = true;
    }
  }
  return row;
}
