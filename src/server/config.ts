/**
 * The relay's configuration, from environment variables (docs/relay.md's table, plus a few advanced
 * delivery and proxy settings). Every value is checked at start-up; a bad one stops the relay with
 * a message naming the variable. SMTP_URL's value is never echoed (it may hold a password).
 */
import { isAbsolute, resolve } from 'node:path';
import { isIP } from 'node:net';
import { normaliseEmail } from '../core/referral/rules.js';
import { decodeDataKey, MAKE_KEY_HINT } from './crypto.js';
import { loadMailSettings, metricsToken, transportKind, type MailSettings } from './transports/settings.js';

export interface RelayConfig {
  host: string;
  port: number;
  /** Absolute path of the data directory (outbox database, default mail folder). */
  dataDir: string;
  teamEmail: string;
  mailFrom: string;
  /** Unset: emails are written as .eml files to `${dataDir}/mail`. */
  smtpUrl: string | undefined;
  smtpAllowPlaintext: boolean;
  /** MAIL_TRANSPORT, SMTP OAuth2 and GOV.UK Notify settings (transports/settings.ts). */
  mail: MailSettings;
  /** REFERRER_RECEIPT: send the referrer a receipt (no child or parent data). */
  referrerReceipt: boolean;
  /** CME_TEAM_PHONE: the team's phone number, shown in receipts. */
  teamPhone: string | undefined;
  /** ALERT_EMAIL: where alerts go (always logged at level error as well). */
  alertEmail: string | undefined;
  /** ALERT_AFTER_MINUTES: a pending referral older than this raises an alert and fails /api/health. */
  alertAfterMinutes: number;
  /** METRICS_TOKEN: bearer token for GET /api/metrics; unset, the route answers 404. */
  metricsToken: string | undefined;
  allowedOrigins: string[];
  rateLimitPerMinute: number;
  retentionDays: number;
  /** Delivery attempts before a referral is marked failed. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt up to `retryMaxMs`, with jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** TRUST_PROXY: the proxies' addresses or CIDR ranges (never `true` or a hop count), or false. */
  trustProxy: false | string[];
  /** DATABASE_URL: the outbox in PostgreSQL (shared by several instances); unset, SQLite in DATA_DIR. */
  databaseUrl: string | undefined;
  /** DATA_KEY: 32 bytes that seal referral content at rest (AES-256-GCM); required in production. */
  dataKey: Buffer | undefined;
  /** DATA_KEY_PREVIOUS: still opens content sealed before a key change; never seals. */
  dataKeyPrevious: Buffer | undefined;
  /** How long a worker holds a referral it is sending before another may take it (DELIVERY_LEASE_MS). */
  leaseMs: number;
  /** DAILY_LIMIT_PER_IP / DAILY_LIMIT_TOTAL: referrals accepted per client address / in all per London day. */
  dailyLimitPerIp: number;
  dailyLimitTotal: number;
  /** MAX_CONNECTIONS: open connections at once; more are refused. */
  maxConnections: number;
  /** REQUEST_TIMEOUT_SECONDS (in ms here): a request, body included, must arrive within this. */
  requestTimeoutMs: number;
  logLevel: string;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
}

export const DEFAULT_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid environment variable ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `"${raw}" is not a whole number from ${min} to ${max}.`);
  }
  return Number(raw);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1' || raw === 'yes') return true;
  if (raw === 'false' || raw === '0' || raw === 'no') return false;
  throw new ConfigError(name, `"${env[name]}" is not true or false.`);
}

function address(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const email = normaliseEmail(raw);
  if (!email) throw new ConfigError(name, `"${raw}" is not an email address (write just the address, like cme@example.gov.uk).`);
  return email;
}

function origins(env: Env): string[] {
  const raw = env.ALLOWED_ORIGINS?.trim();
  if (raw === undefined || raw === '') return [...DEFAULT_ORIGINS];
  return raw.split(',').map((part) => {
    const origin = part.trim();
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError('ALLOWED_ORIGINS', `"${origin}" is not an origin like https://www.example.gov.uk (scheme, host and optional port; no path; "*" is not allowed).`);
    }
    return url.origin;
  });
}

function smtp(env: Env): string | undefined {
  const raw = env.SMTP_URL?.trim();
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL', 'it is not a URL like smtp://user:password@mail.example.org:587 (value not shown).');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError('SMTP_URL', `the scheme must be smtp: (STARTTLS) or smtps: (implicit TLS), not ${url.protocol}`);
  }
  if (!url.hostname) throw new ConfigError('SMTP_URL', 'it names no host (value not shown).');
  return raw;
}

/**
 * Only the proxies' own addresses: `true` would trust the leftmost X-Forwarded-For, which the
 * client writes, and Fastify 5 ignores a hop count (every client would share the proxy's
 * rate-limit bucket).
 */
function trustProxy(env: Env): false | string[] {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === '' || raw === 'false') return false;
  const why = 'list the reverse proxy addresses or CIDR ranges, comma-separated (e.g. 10.0.0.5 or 10.0.0.0/24, ::1); true and hop counts are refused because a client could then choose its own address.';
  return raw.split(',').map((part) => {
    const entry = part.trim();
    const [ip, prefix, extra] = entry.split('/');
    const family = isIP(ip ?? '');
    const max = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
    if (!family || !prefixOk || extra !== undefined) throw new ConfigError('TRUST_PROXY', `"${entry}" is not an IP address or CIDR range: ${why}`);
    return entry;
  });
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL?.trim();
  if (raw === undefined || raw === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !/^postgres(ql)?:$/.test(url.protocol) || !url.hostname) {
    throw new ConfigError('DATABASE_URL', 'it is not a URL like postgres://user:password@db.example.org:5432/cme (value not shown).');
  }
  return raw;
}

function dataKey(env: Env, name: string): Buffer | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  try {
    return decodeDataKey(raw);
  } catch (error) {
    throw new ConfigError(name, (error as Error).message);
  }
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): RelayConfig {
  const host = env.HOST?.trim() || '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host)) throw new ConfigError('HOST', `"${host}" is not a host name or address.`);
  const dataDirRaw = env.DATA_DIR?.trim() || './var';
  const level = env.LOG_LEVEL?.trim() || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) {
    throw new ConfigError('LOG_LEVEL', `"${level}" is not one of fatal, error, warn, info, debug, trace, silent.`);
  }
  const retryBaseMs = integer(env, 'DELIVERY_RETRY_BASE_MS', 5_000, 1, 3_600_000);
  const key = dataKey(env, 'DATA_KEY');
  if (!key && env.NODE_ENV?.trim() === 'production') {
    throw new ConfigError('DATA_KEY', `NODE_ENV=production needs a key to encrypt referrals at rest: ${MAKE_KEY_HINT}, and keep it outside DATA_DIR and backups.`);
  }
  return {
    host,
    port: integer(env, 'PORT', 8787, 0, 65535),
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw),
    teamEmail: address(env, 'CME_TEAM_EMAIL', 'cme@worcestershire.gov.uk'),
    mailFrom: address(env, 'MAIL_FROM', 'no-reply@localhost'),
    smtpUrl: smtp(env),
    smtpAllowPlaintext: bool(env, 'SMTP_ALLOW_PLAINTEXT', false),
    mail: loadMailSettings(env, env.SMTP_URL?.trim() || undefined),
    referrerReceipt: bool(env, 'REFERRER_RECEIPT', false),
    teamPhone: env.CME_TEAM_PHONE?.trim() || undefined,
    alertEmail: env.ALERT_EMAIL?.trim() ? address(env, 'ALERT_EMAIL', '') : undefined,
    alertAfterMinutes: integer(env, 'ALERT_AFTER_MINUTES', 30, 1, 10_080),
    metricsToken: metricsToken(env),
    allowedOrigins: origins(env),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 60, 1, 1_000_000),
    retentionDays: integer(env, 'RETENTION_DAYS', 30, 0, 36_500),
    maxAttempts: integer(env, 'DELIVERY_MAX_ATTEMPTS', 60, 1, 10_000),
    retryBaseMs,
    retryMaxMs: Math.max(retryBaseMs, integer(env, 'DELIVERY_RETRY_MAX_MS', 1_800_000, 1, 86_400_000)),
    trustProxy: trustProxy(env),
    databaseUrl: databaseUrl(env),
    dataKey: key,
    dataKeyPrevious: dataKey(env, 'DATA_KEY_PREVIOUS'),
    leaseMs: integer(env, 'DELIVERY_LEASE_MS', 300_000, 100, 86_400_000),
    dailyLimitPerIp: integer(env, 'DAILY_LIMIT_PER_IP', 200, 1, 10_000_000),
    dailyLimitTotal: integer(env, 'DAILY_LIMIT_TOTAL', 2_000, 1, 100_000_000),
    maxConnections: integer(env, 'MAX_CONNECTIONS', 1_000, 1, 100_000),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_SECONDS', 30, 1, 600) * 1000,
    logLevel: level,
    bodyLimit: 64 * 1024,
  };
}

/** Where mail goes, for the start-up message: never shows SMTP credentials. */
export function describeMailTarget(config: RelayConfig): string {
  const kind = transportKind(config);
  if (kind === 'notify') return `Emails go through GOV.UK Notify (${new URL(config.mail.notify!.baseUrl).host}) for ${config.teamEmail}`;
  if (kind === 'file' || !config.smtpUrl) return `${config.smtpUrl ? 'MAIL_TRANSPORT=file' : 'No SMTP_URL set'}: each email is written as an .eml file in ${resolve(config.dataDir, 'mail')}`;
  const url = new URL(config.smtpUrl);
  const mode = url.protocol === 'smtps:' ? 'implicit TLS' : config.smtpAllowPlaintext ? 'STARTTLS when offered, plaintext allowed' : 'STARTTLS required';
  return `Emails go to ${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''} (${mode}${config.mail.smtpOAuth ? ', OAuth2' : ''}) for ${config.teamEmail}`;
}
