/**
 * The referral relay's HTTP app (Fastify 5). `buildApp(config, deps)` wires the outbox, mailer and
 * delivery worker; tests inject a clock, a store, a mailer or a log stream.
 *
 *   POST /api/referrals  JSON referral (+ optional Idempotency-Key) → 202 {reference, status} once on disk
 *   GET  /api/health     {ok, queue: {pending, failed}}
 *
 * Every error body has one shape, `{"errors":[{"path","message"}]}`, so the form can map server
 * errors onto its fields with the same code it uses for its own validation.
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { parseReferral, type ReferralError } from '../core/referral/schema.js';
import { londonDate } from '../core/london-date.js';
import type { RelayConfig } from './config.js';
import { loggerOptions, safeError } from './logger.js';
import { createMailer, type Mailer, type MailerOptions } from './mailer.js';
import { createStore, type Store } from './store/index.js';
import { cipherFromConfig } from './crypto.js';
import { purgeMailFiles, resealMailFiles } from './retention.js';
import { ensurePrivateDir } from './store/files.js';
import { answerClientError, clientKey, DailyCaps, SECURITY_HEADERS, secondsToLondonMidnight } from './hardening.js';
import { DeliveryWorker } from './worker.js';
import { RelayMonitor } from './alerts.js';
import { bearerMatches, healthReport, RelayMetrics } from './metrics.js';
import { receiptAddress } from './receipt.js';
import { transportKind } from './transports/settings.js';

export interface RelayDeps {
  /** Milliseconds since the epoch (default `Date.now`): receipt times, retries, retention, "today". */
  clock?: () => number;
  /** The outbox store (default: from DATABASE_URL, else SQLite in DATA_DIR). */
  outbox?: Store;
  mailer?: Mailer;
  mailerOptions?: MailerOptions;
  /** Where log lines go (default stdout). */
  logStream?: Writable;
  /** Jitter source for retries. */
  random?: () => number;
  /** Start the delivery worker (default true). */
  startWorker?: boolean;
  workerConcurrency?: number;
  workerPollMs?: number;
  /** How often delivered content older than RETENTION_DAYS is purged (default hourly). */
  purgeIntervalMs?: number;
}

export interface RelayHandles {
  config: RelayConfig;
  outbox: Store;
  mailer: Mailer;
  worker: DeliveryWorker;
  /** Receipts, alerts, the oldest-pending check (alerts.ts). */
  monitor: RelayMonitor;
  metrics: RelayMetrics;
  /** Purges delivered content older than RETENTION_DAYS now; returns how many were purged. */
  purge(): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    relay: RelayHandles;
  }
}

const DAY_MS = 86_400_000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** A request-level problem, answered with `status` and the usual error body. */
class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly errors: ReferralError[],
  ) {
    super('request problem');
    this.name = 'HttpProblem';
  }
}

const problem = (status: number, message: string, path = '') => new HttpProblem(status, [{ path, message }]);

/**
 * JSON.parse refusing the keys that pollute prototypes. A broken or hostile body becomes a 400;
 * its text never reaches a log (V8's SyntaxError messages quote the input).
 */
export function parseJsonSafely(text: string): unknown {
  if (text.trim() === '') throw problem(400, 'The request body is empty: send the referral as JSON.');
  try {
    // Fast path: no forbidden key in sight. (A key spelt with \u escapes slips past this test, but
    // JSON.parse only makes it an own property, which the strict schema then refuses by name.)
    if (!/"(?:__proto__|constructor|prototype)"\s*:/.test(text)) return JSON.parse(text);
    return JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw problem(400, 'Remove this field: it is not part of a referral', key);
      return value;
    });
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    throw problem(400, 'The referral could not be read: it is not valid JSON, or it is nested too deeply.');
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The London date for "not in the future", recomputed at most once a minute. */
function londonToday(clock: () => number): () => string {
  let minute = -1;
  let today = '';
  return () => {
    const now = clock();
    if (Math.floor(now / 60_000) !== minute) {
      minute = Math.floor(now / 60_000);
      today = londonDate(new Date(now));
    }
    return today;
  };
}
const LOGGED = Symbol('logged');

export async function buildApp(config: RelayConfig, deps: RelayDeps = {}): Promise<FastifyInstance> {
  const clock = deps.clock ?? Date.now;
  const today = londonToday(clock);
  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    // Fastify's own request lines carry the client address: we log our own (method, route, status, time).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    // Only the proxies' own addresses or ranges (config.ts refuses `true` and hop counts).
    trustProxy: config.trustProxy === false ? false : config.trustProxy,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestIdHeader: false,
    // Our own 503 while closing (below), in the one error shape.
    return503OnClosing: false,
    // The whole request, body included, within REQUEST_TIMEOUT_SECONDS. Node checks the deadline
    // every `connectionsCheckingInterval` (default 30 s, so a slow body was held up to a minute
    // longer): checked every second here, so a slow body is cut within the limit plus a second.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs * 2,
    http: { connectionsCheckingInterval: 1_000, headersTimeout: Math.min(10_000, config.requestTimeoutMs) },
    // A URL Fastify cannot route (bad percent-encoding) is refused before any hook: headers by hand.
    frameworkErrors: (_error, _request, reply) => void (reply as FastifyReply).code(400).headers(SECURITY_HEADERS).send({ errors: [{ path: '', message: 'The request could not be read.' }] }),
    clientErrorHandler: (error, socket) => answerClientError(error as Error & { code?: string }, socket),
  });
  // At most MAX_CONNECTIONS sockets at once: more are refused by the server before any parsing.
  app.server.maxConnections = config.maxConnections;

  const ownOutbox = !deps.outbox;
  const ownMailer = !deps.mailer;
  const outbox = deps.outbox ?? (await createStore(config, { clock, releaseLeases: true }));
  const cipher = cipherFromConfig(config);
  const mailer =
    deps.mailer ??
    createMailer(config, { maxConnections: deps.workerConcurrency ?? 4, ...(cipher.enabled ? { seal: (data: Buffer, aad: string) => cipher.seal(data, aad) } : {}), ...deps.mailerOptions });
  const metrics = new RelayMetrics(outbox, clock, transportKind(config));
  const monitor = new RelayMonitor({ referrerReceipt: config.referrerReceipt, alertEmail: config.alertEmail, alertAfterMinutes: config.alertAfterMinutes, store: outbox, log: app.log, clock, metrics });
  const worker = new DeliveryWorker(outbox, monitor.wrap(mailer), {
    onDelivered: monitor.onDelivered,
    onFailed: monitor.onFailed,
    clock,
    maxAttempts: config.maxAttempts,
    retryBaseMs: config.retryBaseMs,
    retryMaxMs: config.retryMaxMs,
    leaseMs: config.leaseMs,
    ...(deps.workerConcurrency ? { concurrency: deps.workerConcurrency } : {}),
    ...(deps.workerPollMs ? { pollMs: deps.workerPollMs } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    log: app.log,
  });
  const purge = async (): Promise<number> => {
    const references = await outbox.purgeDelivered(clock() - config.retentionDays * DAY_MS);
    const files = await purgeMailFiles(join(config.dataDir, 'mail'), references, outbox);
    if (references.length > 0 || files > 0) app.log.info({ purged: references.length, files, retentionDays: config.retentionDays }, 'purged delivered referral content');
    return references.length;
  };
  app.decorate('relay', { config, outbox, mailer, worker, monitor, metrics, purge });

  // --- one error shape (set before any plugin adds routes: routes keep the handler they were made with)
  const send = (reply: FastifyReply, status: number, errors: ReferralError[]) => reply.code(status).send({ errors });
  const caps = new DailyCaps(config.dailyLimitPerIp, config.dailyLimitTotal, (scope, day) => {
    const reason = scope === 'ip' ? `one client address reached DAILY_LIMIT_PER_IP (${config.dailyLimitPerIp})` : `all clients together reached DAILY_LIMIT_TOTAL (${config.dailyLimitTotal})`;
    // Logged at level error and mailed to ALERT_EMAIL, once a day per limit (across restarts: the claim is dated).
    monitor.alerter.raise(`relay-${day}-${scope === 'ip' ? 'per-ip' : 'total'}`, 'flood', `${reason}; refused until midnight (London)`).catch((error: unknown) => {
      app.log.error({ alert: 'flood', error: safeError(error) }, `ALERT: daily referral limit reached: ${reason}`);
    });
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpProblem) return send(reply, error.statusCode, error.errors);
    if (request.raw.socket?.destroyed) {
      // The client went away mid-request (a reset, or refused framing): nothing to answer, no alarm.
      request.log.info({ error: safeError(error) }, 'client disconnected before the answer');
      return send(reply, 400, [{ path: '', message: 'The request could not be read.' }]);
    }
    const code = (error as { code?: string }).code;
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      return send(reply, 413, [{ path: '', message: `The referral is too large: the limit is ${Math.round(config.bodyLimit / 1024)} KB. Shorten the longest answers and try again.` }]);
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
      return send(reply, 415, [{ path: '', message: 'Send the referral as JSON, with the header Content-Type: application/json.' }]);
    }
    if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return send(reply, 400, [{ path: '', message: 'The request body is empty: send the referral as JSON.' }]);
    if (status >= 400 && status < 500) return send(reply, status, [{ path: '', message: 'The request could not be read.' }]);
    request.log.error({ error: safeError(error) }, 'unexpected error');
    return send(reply, 500, [{ path: '', message: 'Something went wrong on our side. Try again in a few minutes.' }]);
  });
  app.setNotFoundHandler((_request, reply) => send(reply, 404, [{ path: '', message: 'Not found.' }]));

  // --- security: headers, origin allow-list, CORS, rate limit --------------------------------
  // Helmet first: its headers are set before any hook can refuse the request (the 403 below too).
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
  });
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  const allowed = new Set(config.allowedOrigins);
  app.addHook('onRequest', async (request, reply) => {
    if (closing) {
      reply.header('Connection', 'close');
      reply.header('Retry-After', '5');
      throw problem(503, 'The relay is restarting. Try again in a few seconds.');
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowed.has(origin)) {
      throw problem(403, 'This website is not allowed to send referrals here. Contact the CME team by phone or email instead.');
    }
  });
  await app.register(cors, {
    origin: config.allowedOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Idempotency-Key'],
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    global: false,
    // A request whose socket already closed has no address (proxy-addr throws): one shared key.
    keyGenerator: clientKey,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new HttpProblem(429, [{ path: '', message: `Too many referrals have been sent from your network. Try again in ${seconds} seconds.` }]);
    },
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });
  // One line per request (method, route, status, time); an accepted referral's line also names it.
  app.addHook('onResponse', async (request, reply) => {
    const reference = (request as { [LOGGED]?: string })[LOGGED];
    request.log.info(
      { method: request.method, route: request.routeOptions.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime), ...(reference ? { reference } : {}) },
      reference ? 'referral queued' : 'request',
    );
  });

  // --- JSON only ---------------------------------------------------------------------------------
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: config.bodyLimit }, (_request, body, done) => {
    try {
      done(null, parseJsonSafely(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });


  // --- routes ------------------------------------------------------------------------------------
  app.post(
    '/api/referrals',
    { config: { rateLimit: { max: config.rateLimitPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      const type = request.headers['content-type'] ?? '';
      if (!/^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i.test(type)) throw problem(415, 'Send the referral as JSON, with the header Content-Type: application/json.');
      const key = request.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
        throw problem(400, 'The Idempotency-Key header must be 1 to 200 visible ASCII characters.', 'Idempotency-Key');
      }
      const limit = caps.check(clientKey(request), today());
      if (limit) {
        reply.header('Retry-After', String(secondsToLondonMidnight(clock())));
        throw problem(429, limit);
      }
      const result = parseReferral(request.body, { today: today() });
      if (!result.ok) {
        // Paths can echo client-chosen key names: log only how many problems, and whether the trap fired.
        request.log.info({ errors: result.errors.length, honeypot: result.errors.some((e) => e.path === 'website') }, 'referral rejected');
        return send(reply, 400, result.errors);
      }
      const payload = JSON.stringify(result.value);
      let saved;
      try {
        saved = await outbox.enqueue({ payload, payloadHash: sha256(payload), idempotencyKey: key === undefined ? undefined : sha256(`idempotency:${key}`) });
      } catch (error) {
        request.log.error({ error: safeError(error) }, 'could not store a referral');
        reply.header('Retry-After', '5');
        return send(reply, 503, [{ path: '', message: 'The referral could not be saved just now. Try again in a few seconds.' }]);
      }
      if (saved.conflict) {
        // The first referral stands; the form starts a new key and sends again.
        request.log.warn({ reference: saved.reference }, 'Idempotency-Key reused with different content: refused (409)');
        return send(reply, 409, [
          { path: 'Idempotency-Key', message: 'This Idempotency-Key was already used for a different referral. Send the new referral with a new key.' },
        ]);
      }
      if (saved.created) {
        caps.count(clientKey(request), today());
        worker.wake();
        metrics.accepted.inc();
      }
      if (!saved.created) request.log.info({ reference: saved.reference }, 'Idempotency-Key replay: same reference returned');
      (request as { [LOGGED]?: string })[LOGGED] = saved.reference;
      // `receipt`: whether the referrer will get a confirmation email (the form says so only then).
      return reply.code(202).send({ reference: saved.reference, status: 'queued', receipt: config.referrerReceipt && receiptAddress(result.value) !== undefined });
    },
  );

  app.get('/api/health', async (request, reply) => {
    const health = await healthReport(outbox, transportKind(config), clock, config.alertAfterMinutes);
    if (health.problem !== undefined) request.log.error({ error: safeError(health.problem) }, 'health check could not use the outbox');
    return reply.code(health.status).send(health.body);
  });

  // Prometheus text behind METRICS_TOKEN; without a token the route does not exist.
  app.get('/api/metrics', async (request, reply) => {
    if (!config.metricsToken) return send(reply, 404, [{ path: '', message: 'Not found.' }]);
    if (!bearerMatches(request.headers.authorization, config.metricsToken)) {
      reply.header('WWW-Authenticate', 'Bearer');
      return send(reply, 401, [{ path: '', message: 'Send the metrics token as Authorization: Bearer <token>.' }]);
    }
    return reply.type(metrics.contentType).send(await metrics.text());
  });

  // --- lifecycle -----------------------------------------------------------------------------
  let purgeTimer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    // The mail folder holds whole referrals: the relay user's alone, even if it existed before.
    // A mail volume that is not there yet is the transport's business (it retries): the relay still starts.
    if (mailer.kind === 'file' || mailer.kind === 'files') {
      await ensurePrivateDir(join(config.dataDir, 'mail')).catch((error: unknown) => app.log.warn({ error: safeError(error) }, 'the mail folder cannot be used yet'));
    }
    // After a key change (DATA_KEY_PREVIOUS set) or a key newly set: seal everything with DATA_KEY.
    if (cipher.enabled) {
      const rows = await outbox.reencrypt();
      const files = await resealMailFiles(join(config.dataDir, 'mail'), cipher);
      if (rows > 0 || files > 0) app.log.info({ rows, files }, 'content re-encrypted with DATA_KEY');
    }
    await purge();
    purgeTimer = setInterval(() => {
      purge().catch((error: unknown) => app.log.error({ error: safeError(error) }, 'retention purge failed'));
    }, deps.purgeIntervalMs ?? 3_600_000);
    purgeTimer.unref();
    if (deps.startWorker !== false) {
      worker.start();
      monitor.start();
    }
  });
  // Runs after in-flight requests have been answered: finish the emails being sent, then close.
  app.addHook('onClose', async () => {
    clearInterval(purgeTimer);
    await worker.stop();
    await monitor.stop();
    if (ownMailer) mailer.close();
    if (ownOutbox) await outbox.close();
  });

  return app;
}
