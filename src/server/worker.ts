/**
 * The delivery worker: takes due referrals from the outbox, sends them, and marks each `sent`
 * only after the mail server accepted it. A failure is retried with exponential backoff and
 * jitter; after `maxAttempts` the referral is marked `failed` (kept; `relay:requeue` puts it
 * back). Nothing is held only in memory: after a crash or SIGKILL the pending rows are still in
 * the database and go out on the next start (a message accepted just before the crash may go
 * twice, with the same Message-ID).
 *
 * Rows are leased (`Store.claim`): a row being sent is not due for `leaseMs`, so with several
 * relay processes on one PostgreSQL database one worker at a time has it, and a dead worker's
 * rows come back when their lease runs out. When the store itself fails (a full disk, the
 * database away) the worker backs off in memory, doubling its pause up to a minute, logs the
 * cause once per attempt, and keeps the status writes it could not make to try them again first.
 */
import type { Referral } from '../core/referral/schema.js';
import type { OutgoingReferral } from './mailer.js';
import type { OutboxRow, Store } from './store/types.js';
import { safeError, type Logger, type SafeError } from './logger.js';

/** What the worker needs of a mail transport: `send` resolves once the message was accepted. */
export interface ReferralSender {
  /** May resolve `{ ok: false, permanent, error }` instead of throwing (a classified failure). */
  send(mail: OutgoingReferral): Promise<unknown>;
}

export interface WorkerOptions {
  clock: () => number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Emails sent at once (default 4). */
  concurrency?: number;
  /** How often to look for rows changed by another process, e.g. the requeue CLI (default 2 s). */
  pollMs?: number;
  /** How long a claimed row stays with this worker before another may take it (default 5 min). */
  leaseMs?: number;
  /** Called after a referral was delivered and recorded (metrics). */
  onDelivered?: (reference: string, attempts: number) => void;
  /** Called when a referral is kept as failed after its last attempt (alerts, metrics). */
  onFailed?: (reference: string, attempts: number, error: SafeError) => void;
  /** Random source for the jitter (tests make it deterministic). */
  random?: () => number;
  log: Logger;
}

/**
 * Delay before attempt `attempts + 1`: base × 2^(attempts − 1), capped, then "equal jitter"
 * (a uniformly random point in the upper half) so many referrals queued during an outage do not
 * all hit the mail server again at the same instant.
 */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempts - 1, 40));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class DeliveryWorker {
  private readonly inFlight = new Map<number, Promise<void>>();
  /** Status writes that failed (full disk, database away), retried before any new work. */
  private readonly unrecorded = new Map<number, () => Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private started = false;
  private ticking = false;
  private again = false;
  /** Consecutive store failures: the pause before the next look grows with them. */
  private storeFailures = 0;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly outbox: Store,
    private readonly mailer: ReferralSender,
    private readonly options: WorkerOptions,
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.pollMs = options.pollMs ?? 2_000;
    this.leaseMs = options.leaseMs ?? 300_000;
  }

  start(): void {
    this.started = true;
    this.stopping = false;
    this.schedule(0);
  }

  /** Something was queued: look now rather than at the next poll (unless the store is failing). */
  wake(): void {
    if (this.started && !this.stopping && this.storeFailures === 0) this.schedule(0);
  }

  get busy(): number {
    return this.inFlight.size;
  }

  /** Takes no new work and waits (up to `timeoutMs`) for the emails being sent to finish. */
  async stop(timeoutMs = 15_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    if (this.inFlight.size === 0) return;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight.values()]),
      new Promise((resolve) => {
        timeout = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timeout);
  }

  private schedule(delay: number): void {
    if (this.ticking) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), Math.max(0, delay));
    this.timer.unref();
  }

  /** The pause after a store failure: 0.5 s doubling to 60 s, with jitter. */
  private storeFailed(error: unknown, what: string): number {
    this.storeFailures++;
    const delay = backoffMs(this.storeFailures, 500, 60_000, this.options.random);
    this.options.log.error({ error: safeError(error), failures: this.storeFailures, retryInMs: delay }, `${what}; backing off`);
    return delay;
  }

  private async tick(): Promise<void> {
    if (this.stopping) return;
    this.ticking = true;
    this.again = false;
    let next = this.pollMs;
    try {
      for (const [id, write] of [...this.unrecorded]) {
        await write();
        this.unrecorded.delete(id);
      }
      const now = this.options.clock();
      const free = this.concurrency - this.inFlight.size;
      if (free > 0) {
        const rows = await this.outbox.claim(now, free, this.leaseMs);
        for (const row of rows) this.inFlight.set(row.id, this.deliver(row));
      }
      if (this.inFlight.size < this.concurrency) {
        const due = await this.outbox.nextDueAt();
        // Rows being sent are leased (due later); their completion reschedules anyway.
        if (due !== null) next = Math.min(next, Math.max(0, due - this.options.clock()));
      }
      this.storeFailures = 0;
    } catch (error) {
      next = this.storeFailed(error, this.unrecorded.size > 0 ? 'outbox still cannot record delivery results' : 'outbox read failed');
      this.again = false;
    } finally {
      this.ticking = false;
    }
    if (this.stopping) return;
    this.schedule(this.again ? 0 : next);
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { log, clock, maxAttempts, retryBaseMs, retryMaxMs, random } = this.options;
    let delivered = false;
    try {
      if (row.unreadable) throw Object.assign(new Error('content sealed with an unknown key'), { code: 'EDATAKEY', [PERMANENT]: true });
      if (row.payload === null) throw Object.assign(new Error('content purged'), { code: 'EPURGED' });
      const referral = JSON.parse(row.payload) as Referral;
      const result = (await this.mailer.send({ reference: row.reference, referral, receivedAt: new Date(row.createdAt) })) as { ok?: boolean; permanent?: boolean; error?: unknown } | undefined;
      if (result && result.ok === false) throw Object.assign(result.error instanceof Error ? result.error : new Error('send failed'), { [PERMANENT]: result.permanent === true });
      delivered = true;
      const record = () => this.outbox.markSent(row.id);
      try {
        await record();
      } catch (dbError) {
        // The mail server has it: record it later rather than send it again.
        this.unrecorded.set(row.id, record);
        this.storeFailed(dbError, `referral ${row.reference} delivered but not recorded as sent`);
        return;
      }
      log.info({ reference: row.reference, attempts: row.attempts + 1 }, 'referral delivered');
      this.options.onDelivered?.(row.reference, row.attempts + 1);
    } catch (error) {
      if (delivered) {
        log.error({ reference: row.reference, error: safeError(error) }, 'referral delivered; a step after it failed');
        return;
      }
      const attempts = row.attempts + 1;
      const reason = safeError(error);
      const summary = [reason.code, reason.responseCode, reason.command].filter(Boolean).join(' ') + (reason.detail ? `: ${reason.detail}` : '') || reason.type;
      const permanent = (error as { [PERMANENT]?: boolean })[PERMANENT] === true;
      const final = permanent || attempts >= maxAttempts;
      const delay = final ? 0 : backoffMs(attempts, retryBaseMs, retryMaxMs, random);
      const record = final ? () => this.outbox.markFailed(row.id, attempts, summary) : () => this.outbox.markRetry(row.id, attempts, clock() + delay, summary);
      if (final) {
        log.error({ reference: row.reference, attempts, permanent, error: reason }, 'referral delivery failed; kept as failed (run relay:requeue once fixed)');
      } else {
        log.warn({ reference: row.reference, attempts, retryInMs: delay, error: reason }, 'referral delivery attempt failed; will retry');
      }
      try {
        await record();
        if (final) this.options.onFailed?.(row.reference, attempts, reason);
      } catch (dbError) {
        // Kept in memory and written first when the store works again; the lease keeps the row ours.
        this.unrecorded.set(row.id, record);
        this.storeFailed(dbError, `could not record a delivery failure of ${row.reference}`);
      }
    } finally {
      this.inFlight.delete(row.id);
      if (!this.stopping && this.storeFailures === 0) this.schedule(0);
    }
  }
}

const PERMANENT = Symbol('permanent');
