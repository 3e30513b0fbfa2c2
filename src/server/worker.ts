/**
 * The delivery worker: takes due referrals from the outbox, sends them, and marks each `sent`
 * only after the mail server accepted it. A failure is retried with exponential backoff and
 * jitter; after `maxAttempts` the referral is marked `failed` (kept; `relay:requeue` puts it
 * back). Nothing is held only in memory: after a crash or SIGKILL the pending rows are still in
 * the database and go out on the next start (a message accepted just before the crash may go
 * twice, with the same Message-ID).
 */
import type { Referral } from '../core/referral/schema.js';
import type { Mailer } from './mailer.js';
import type { Outbox, OutboxRow } from './outbox.js';
import { safeError, type Logger } from './logger.js';

export interface WorkerOptions {
  clock: () => number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Emails sent at once (default 4). */
  concurrency?: number;
  /** How often to look for rows changed by another process, e.g. the requeue CLI (default 2 s). */
  pollMs?: number;
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
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private started = false;
  private readonly concurrency: number;
  private readonly pollMs: number;

  constructor(
    private readonly outbox: Outbox,
    private readonly mailer: Mailer,
    private readonly options: WorkerOptions,
  ) {
    this.concurrency = options.concurrency ?? 4;
    this.pollMs = options.pollMs ?? 2_000;
  }

  start(): void {
    this.started = true;
    this.stopping = false;
    this.schedule(0);
  }

  /** Something was queued: look now rather than at the next poll. */
  wake(): void {
    if (this.started && !this.stopping) this.schedule(0);
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
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), Math.max(0, delay));
    this.timer.unref();
  }

  private tick(): void {
    if (this.stopping) return;
    const now = this.options.clock();
    let next = this.pollMs;
    try {
      const free = this.concurrency - this.inFlight.size;
      if (free > 0) {
        const rows = this.outbox.due(now, free + this.inFlight.size).filter((r) => !this.inFlight.has(r.id));
        for (const row of rows.slice(0, free)) this.inFlight.set(row.id, this.deliver(row));
      }
      if (this.inFlight.size < this.concurrency) {
        const due = this.outbox.nextDueAt();
        // Rows being sent are still "due": their completion reschedules, so only a later row counts.
        if (due !== null && due > now) next = Math.min(next, due - now);
      }
    } catch (error) {
      this.options.log.error({ error: safeError(error) }, 'outbox read failed; retrying');
    }
    this.schedule(next);
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { log, clock, maxAttempts, retryBaseMs, retryMaxMs, random } = this.options;
    try {
      if (row.payload === null) throw Object.assign(new Error('content purged'), { code: 'EPURGED' });
      const referral = JSON.parse(row.payload) as Referral;
      const result = await this.mailer.send({ reference: row.reference, referral, receivedAt: new Date(row.createdAt) });
      // A classified failure: permanent ones are not retried.
      if (result && !result.ok) throw Object.assign(result.error instanceof Error ? result.error : new Error('send failed'), { [PERMANENT]: result.permanent });
      this.outbox.markSent(row.id);
      log.info({ reference: row.reference, attempts: row.attempts + 1 }, 'referral delivered');
    } catch (error) {
      const attempts = row.attempts + 1;
      const reason = safeError(error);
      const summary = [reason.code, reason.responseCode, reason.command].filter(Boolean).join(' ') + (reason.detail ? `: ${reason.detail}` : '') || reason.type;
      try {
        if (attempts >= maxAttempts || (error as { [PERMANENT]?: boolean })[PERMANENT] === true) {
          this.outbox.markFailed(row.id, attempts, summary);
          log.error({ reference: row.reference, attempts, error: reason }, 'referral delivery failed; kept as failed (run relay:requeue once fixed)');
        } else {
          const delay = backoffMs(attempts, retryBaseMs, retryMaxMs, random);
          this.outbox.markRetry(row.id, attempts, clock() + delay, summary);
          log.warn({ reference: row.reference, attempts, retryInMs: delay, error: reason }, 'referral delivery attempt failed; will retry');
        }
      } catch (dbError) {
        log.error({ reference: row.reference, error: safeError(dbError) }, 'could not record a delivery failure');
      }
    } finally {
      this.inFlight.delete(row.id);
      if (!this.stopping) this.schedule(0);
    }
  }
}

const PERMANENT = Symbol('permanent');
