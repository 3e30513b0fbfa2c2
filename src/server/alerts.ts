/**
 * Alerts to the operators (`ALERT_EMAIL`), always logged at level error as well:
 * - `failed`: a referral failed permanently (or ran out of attempts);
 * - `stale`: the oldest pending referral is older than `ALERT_AFTER_MINUTES`;
 * - `auth`: the transport's authentication keeps failing (a wrong secret, an expired key);
 * - `flood`: a daily referral limit was reached (raised by the app).
 * Each alert carries the reference and a one-line reason (error codes, counts, ages), never
 * personal data. It is sent once per referral and condition: the claim is kept in the store when
 * the store supports it (so a restart does not send it again, and several instances send it once),
 * else in memory.
 */
import type { Logger } from './logger.js';
import { safeError } from './logger.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Referral } from '../core/referral/schema.js';
import { londonTime, receiptAddress } from './receipt.js';
import type { AlertCondition, AlertMessage, Transport } from './transports/types.js';

export const CONDITION_TEXT: Record<AlertCondition, string> = {
  failed: 'A referral could not be delivered and has stopped being retried.',
  stale: 'A referral has been waiting to be delivered for longer than the alert limit.',
  auth: 'The mail transport keeps failing to authenticate: referrals are queued but not delivered.',
  flood: "The relay's daily referral limit was reached: further referrals are refused until tomorrow.",
};

export interface RenderedAlert {
  subject: string;
  text: string;
  personalisation: { reference: string; condition: string; reason: string; at: string };
}

export function renderAlert(alert: Pick<AlertMessage, 'reference' | 'condition' | 'reason' | 'at'>): RenderedAlert {
  const at = londonTime(alert.at);
  const what = CONDITION_TEXT[alert.condition];
  const steps =
    alert.condition === 'auth'
      ? 'Check the transport credentials (client secret, API key) and their expiry, then watch /api/health.'
      : alert.condition === 'flood'
        ? 'Check the relay\'s log and metrics for a flood of referrals (a script or a misused form); raise DAILY_LIMIT_PER_IP / DAILY_LIMIT_TOTAL only if the demand is real.'
        : alert.condition === 'failed'
        ? 'Fix the cause, then run `npm run requeue-failed` in the relay folder; or ask the referrer to send it again.'
        : 'Check the mail server or Notify and the relay\'s log; the referral is kept and retried.';
  return {
    subject: `CME relay alert (${alert.condition}): ${alert.reference}`,
    text: [`${what}`, '', `Reference: ${alert.reference}`, `Reason: ${alert.reason}`, `When: ${at}`, '', steps, '', 'This alert holds only the reference and the reason; the referral itself is in the relay\'s outbox.'].join('\n'),
    personalisation: { reference: alert.reference, condition: what, reason: alert.reason, at },
  };
}

/** What the alerter needs from the store: claims survive restarts when the store keeps them. */
export interface AlertClaims {
  claimAlert?(reference: string, condition: string): Promise<boolean> | boolean;
}

export interface AlerterOptions {
  to: string | undefined;
  transport: Transport;
  store: AlertClaims;
  log: Logger;
  clock: () => number;
  /** Counted per condition (metrics). */
  onAlert?: (condition: AlertCondition) => void;
}

export class Alerter {
  private readonly claimed = new Set<string>();

  constructor(private readonly options: AlerterOptions) {}

  /** Raises an alert unless this referral already had one for this condition; resolves true when raised. */
  async raise(reference: string, condition: AlertCondition, reason: string): Promise<boolean> {
    const { store, log, to, transport, clock } = this.options;
    const key = `${reference}\u0000${condition}`;
    if (this.claimed.has(key)) return false;
    this.claimed.add(key);
    try {
      if (typeof store.claimAlert === 'function' && !(await store.claimAlert(reference, condition))) return false;
    } catch (error) {
      // Cannot record the claim: alert anyway (a duplicate alert is better than a missed one).
      log.error({ error: safeError(error) }, 'could not record an alert claim');
    }
    log.error({ alert: condition, reference, reason }, `ALERT: ${CONDITION_TEXT[condition]}`);
    this.options.onAlert?.(condition);
    if (!to) return true;
    try {
      const result = await transport.send({ kind: 'alert', reference, condition, reason, to, at: new Date(clock()) });
      if (result && !result.ok) log.error({ alert: condition, reference, error: safeError(result.error) }, 'the alert email could not be sent');
    } catch (error) {
      log.error({ alert: condition, reference, error: safeError(error) }, 'the alert email could not be sent');
    }
    return true;
  }
}

export interface MonitorStore extends AlertClaims {
  oldestPending?(): Promise<{ reference: string; createdAt: number } | null>;
  oldestPendingAt?(): Promise<number | null>;
}

export interface MonitorMetrics {
  delivered: { inc(): void };
  failed: { inc(): void };
  attemptsFailed: { inc(labels: { kind: string }): void };
  alerts: { inc(labels: { condition: string }): void };
  receipts: { inc(labels: { result: string }): void };
}

export interface MonitorOptions {
  referrerReceipt: boolean;
  alertEmail: string | undefined;
  alertAfterMinutes: number;
  store: MonitorStore;
  log: Logger;
  clock: () => number;
  metrics?: MonitorMetrics;
  /** How often the oldest pending referral is checked (default a quarter of the limit, at most a minute). */
  checkEveryMs?: number;
  /** Consecutive authentication failures before the `auth` alert (default 3). */
  authAlertAfter?: number;
  /** Pauses between receipt attempts (temporary failures); default 2 s, 10 s, 60 s, 5 min. */
  receiptRetryMs?: number[];
}

const summaryOf = (error: unknown) => {
  const s = safeError(error);
  return [s.code, s.responseCode ?? s.statusCode, s.command].filter((v) => v !== undefined && v !== '').join(' ') || s.type;
};

/**
 * Watches delivery: wraps the transport the worker uses (receipts after a delivered referral,
 * consecutive authentication failures), takes the worker's `onFailed`, and checks the age of the
 * oldest pending referral on a timer. Receipts and alerts go through the unwrapped transport.
 */
export class RelayMonitor {
  readonly alerter: Alerter;
  private inner: Transport | undefined;
  private authFailures = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;
  private abort = new AbortController();

  constructor(private readonly options: MonitorOptions) {
    const metrics = options.metrics;
    this.alerter = new Alerter({
      to: options.alertEmail,
      transport: { kind: 'file', send: (m) => this.inner!.send(m), close() {} },
      store: options.store,
      log: options.log,
      clock: options.clock,
      ...(metrics ? { onAlert: (condition: AlertCondition) => metrics.alerts.inc({ condition }) } : {}),
    });
  }

  get limitMs(): number {
    return this.options.alertAfterMinutes * 60_000;
  }

  /** The transport for the worker: the same, plus receipts and authentication watching. */
  wrap(transport: Transport): Transport {
    this.inner = transport;
    return {
      kind: transport.kind,
      send: async (message) => {
        const result = await transport.send(message);
        if (!result || result.ok) {
          this.authFailures = 0;
          if (message.kind === undefined || message.kind === 'referral') {
            const to = this.options.referrerReceipt ? receiptAddress(message.referral as Referral) : undefined;
            if (to) this.track(this.sendReceipt(message.reference, to, message.receivedAt));
          }
          return result;
        }
        this.options.metrics?.attemptsFailed.inc({ kind: result.auth ? 'auth' : result.permanent ? 'permanent' : 'temporary' });
        if (result.auth) {
          this.authFailures++;
          const after = this.options.authAlertAfter ?? 3;
          if (this.authFailures >= after) {
            // Once a day at most across restarts (the claim is dated), and once per run of failures.
            const day = new Date(this.options.clock()).toISOString().slice(0, 10);
            if (this.authFailures === after) this.track(this.alerter.raise(`relay-${day}`, 'auth', `${this.authFailures} authentication failures in a row (${summaryOf(result.error)})`).then(() => {}));
          }
        }
        return result;
      },
      close: () => transport.close(),
    };
  }

  onDelivered = (): void => {
    this.options.metrics?.delivered.inc();
  };

  onFailed = (reference: string, attempts: number, error: { code?: string; responseCode?: number; command?: string; statusCode?: number; type: string }): void => {
    this.options.metrics?.failed.inc();
    const reason = `${[error.code, error.responseCode ?? error.statusCode, error.command].filter((v) => v !== undefined && v !== '').join(' ') || error.type} after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
    this.track(this.alerter.raise(reference, 'failed', reason).then(() => {}));
  };

  /** The oldest pending referral (reference when the store can say it), or null. */
  async oldest(): Promise<{ reference: string | undefined; createdAt: number } | null> {
    const { store } = this.options;
    if (typeof store.oldestPending === 'function') return store.oldestPending();
    if (typeof store.oldestPendingAt === 'function') {
      const at = await store.oldestPendingAt();
      return at === null ? null : { reference: undefined, createdAt: at };
    }
    return null;
  }

  /** Raises the `stale` alert for the oldest pending referral when it is past the limit. */
  async checkStale(): Promise<void> {
    const oldest = await this.oldest();
    if (!oldest) return;
    const age = this.options.clock() - oldest.createdAt;
    if (age <= this.limitMs) return;
    const minutes = Math.floor(age / 60_000);
    await this.alerter.raise(oldest.reference ?? `oldest-${new Date(oldest.createdAt).toISOString()}`, 'stale', `pending for ${minutes} minutes (limit ${this.options.alertAfterMinutes})`);
  }

  start(): void {
    this.stopped = false;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    const every = this.options.checkEveryMs ?? Math.min(60_000, Math.max(1_000, this.limitMs / 4));
    const run = () => {
      this.checkStale().catch((error: unknown) => this.options.log.error({ error: safeError(error) }, 'could not check the oldest pending referral'));
    };
    this.timer = setInterval(run, every);
    this.timer.unref();
    run();
  }

  /** Stops the timer and waits (up to `timeoutMs`) for receipts and alerts being sent. */
  async stop(timeoutMs = 5_000): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.abort.abort();
    let t: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.pending]), new Promise((r) => (t = setTimeout(r, timeoutMs)))]);
    clearTimeout(t);
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch((error: unknown) => this.options.log.error({ error: safeError(error) }, 'monitor task failed')).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private async sendReceipt(reference: string, to: string, receivedAt: Date): Promise<void> {
    const { store, log, metrics } = this.options;
    // One receipt per referral, also when a crash makes the referral go twice.
    if (typeof store.claimAlert === 'function' && !(await store.claimAlert(reference, 'receipt'))) return;
    const pauses = this.options.receiptRetryMs ?? [2_000, 10_000, 60_000, 300_000];
    for (let attempt = 0; ; attempt++) {
      let result;
      try {
        result = await this.inner!.send({ kind: 'receipt', reference, to, receivedAt });
      } catch (error) {
        result = { ok: false as const, permanent: false, error };
      }
      if (!result || result.ok) {
        metrics?.receipts.inc({ result: 'sent' });
        log.info({ reference }, 'receipt sent to the referrer');
        return;
      }
      if (result.permanent || attempt >= pauses.length || this.stopped) {
        metrics?.receipts.inc({ result: 'failed' });
        log.warn({ reference, permanent: result.permanent, error: safeError(result.error) }, 'receipt to the referrer could not be sent');
        return;
      }
      try {
        await sleep(pauses[attempt], undefined, { signal: this.abort.signal, ref: false });
      } catch {
        metrics?.receipts.inc({ result: 'failed' });
        log.warn({ reference, error: safeError(result.error) }, 'receipt to the referrer not sent: the relay stopped while retrying');
        return;
      }
    }
  }
}
