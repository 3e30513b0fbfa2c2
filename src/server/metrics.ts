/**
 * Prometheus metrics (prom-client), one registry per app so several relays in one process (tests)
 * do not share counters. Counters count events seen by this process; the outbox gauges are read
 * from the store when scraped, so with several instances on one database each reports the whole
 * queue (use max(), not sum(), across instances).
 */
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export interface QueueReader {
  counts(): Promise<Record<'pending' | 'sent' | 'failed', number>> | Record<'pending' | 'sent' | 'failed', number>;
  oldestPendingAt?(): Promise<number | null> | number | null;
}

export class RelayMetrics {
  readonly registry = new Registry();
  readonly accepted: Counter;
  readonly delivered: Counter;
  readonly failed: Counter;
  readonly attemptsFailed: Counter<'kind'>;
  readonly alerts: Counter<'condition'>;
  readonly receipts: Counter<'result'>;

  constructor(store: QueueReader, clock: () => number, transport: string) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'cme_relay_' });
    this.accepted = new Counter({ name: 'cme_referrals_accepted_total', help: 'Referrals accepted (202) and stored, idempotent replays not counted.', registers });
    this.delivered = new Counter({ name: 'cme_referrals_delivered_total', help: 'Referrals the mail server or Notify accepted.', registers });
    this.failed = new Counter({ name: 'cme_referrals_failed_total', help: 'Referrals marked failed (permanent failure or out of attempts).', registers });
    this.attemptsFailed = new Counter({ name: 'cme_delivery_attempts_failed_total', help: 'Failed delivery attempts by kind (temporary, permanent, auth).', labelNames: ['kind'], registers });
    this.alerts = new Counter({ name: 'cme_alerts_total', help: 'Alerts raised, by condition (failed, stale, auth).', labelNames: ['condition'], registers });
    this.receipts = new Counter({ name: 'cme_receipts_total', help: 'Receipts to referrers, by result (sent, failed).', labelNames: ['result'], registers });
    new Gauge({
      name: 'cme_transport_info',
      help: 'The mail transport in use (value 1).',
      labelNames: ['transport'],
      registers,
      collect() {
        this.set({ transport }, 1);
      },
    });
    new Gauge({
      name: 'cme_outbox_pending',
      help: 'Referrals waiting to be delivered.',
      registers,
      async collect() {
        this.set((await store.counts()).pending);
      },
    });
    new Gauge({
      name: 'cme_outbox_failed',
      help: 'Referrals kept as failed (re-queue with npm run requeue-failed).',
      registers,
      async collect() {
        this.set((await store.counts()).failed);
      },
    });
    new Gauge({
      name: 'cme_outbox_oldest_pending_seconds',
      help: 'Age of the oldest pending referral in seconds (0 when none is pending).',
      registers,
      async collect() {
        const at = store.oldestPendingAt ? await store.oldestPendingAt() : null;
        this.set(at === null ? 0 : Math.max(0, Math.round((clock() - at) / 1000)));
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

export interface HealthStore extends QueueReader {
  readonly kind: string;
  /** Throws when the store cannot be written (full disk, read-only database). */
  checkWritable?(): Promise<void> | void;
}

export interface HealthReport {
  ok: boolean;
  queue: { pending: number; failed: number } | null;
  store: string;
  transport: string;
  /** Age of the oldest pending referral, or null when none is pending. */
  oldestPendingSeconds: number | null;
}

/**
 * GET /api/health: 503 `ok: false` when the store cannot be read or written, or when the oldest
 * pending referral is older than ALERT_AFTER_MINUTES (a load balancer or monitor then pages
 * someone before a referral is lost in a queue nobody watches).
 */
export async function healthReport(store: HealthStore, transport: string, clock: () => number, alertAfterMinutes: number): Promise<{ status: number; body: HealthReport; problem?: unknown }> {
  try {
    const counts = await store.counts();
    const at = store.oldestPendingAt ? await store.oldestPendingAt() : null;
    if (typeof store.checkWritable === 'function') await store.checkWritable();
    const oldestPendingSeconds = at === null ? null : Math.max(0, Math.floor((clock() - at) / 1000));
    const stale = oldestPendingSeconds !== null && oldestPendingSeconds > alertAfterMinutes * 60;
    // A referral that failed for good reaches nobody until an operator acts: that is not "ok".
    const ok = !stale && counts.failed === 0;
    return {
      status: ok ? 200 : 503,
      body: { ok, queue: { pending: counts.pending, failed: counts.failed }, store: store.kind, transport, oldestPendingSeconds },
    };
  } catch (problem) {
    return { status: 503, body: { ok: false, queue: null, store: store.kind, transport, oldestPendingSeconds: null }, problem };
  }
}

/** True when `header` is `Bearer <token>` (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (\S+)$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
