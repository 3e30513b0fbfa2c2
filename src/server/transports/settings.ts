/**
 * The production mail settings (`MAIL_TRANSPORT`, SMTP OAuth2, GOV.UK Notify, receipts, alerts,
 * metrics), read and checked at start-up like the rest of config.ts. Secrets are never echoed.
 */
import { ConfigError } from '../config.js';
import type { TransportKind } from './types.js';

type Env = Record<string, string | undefined>;

export interface SmtpOAuthSettings {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** The mailbox the relay sends as (`SMTP_USER`). */
  user: string;
}

export interface NotifySettings {
  apiKey: string;
  /** The team's email template. */
  templateId: string;
  receiptTemplateId: string | undefined;
  alertTemplateId: string | undefined;
  /** Notify's API (default https://api.notifications.service.gov.uk). */
  baseUrl: string;
}

export interface MailSettings {
  /** `MAIL_TRANSPORT` as set; unset, `transportKind()` chooses from SMTP_URL / NOTIFY_API_KEY. */
  transport: TransportKind | undefined;
  smtpOAuth: SmtpOAuthSettings | undefined;
  notify: NotifySettings | undefined;
}

export const NOTIFY_API = 'https://api.notifications.service.gov.uk';
export const DEFAULT_OAUTH_SCOPE = 'https://outlook.office365.com/.default';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Notify's key: `name-{service id}-{secret}`, both UUIDs. */
export const NOTIFY_KEY = /^(.+)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const text = (env: Env, name: string) => {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
};

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** An https: URL, or http: on a loopback host (tests, a local proxy). */
function secureUrl(env: Env, name: string): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `"${raw}" is not a URL.`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return raw.replace(/\/$/, '');
  throw new ConfigError(name, `it must be an https: URL (http: is allowed only on a loopback host such as 127.0.0.1), not ${url.protocol}//${url.hostname}.`);
}

function uuid(env: Env, name: string, required: boolean): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) {
    if (required) throw new ConfigError(name, 'it must be set (the template ID shown on the template\'s page in GOV.UK Notify).');
    return undefined;
  }
  if (!UUID.test(raw)) throw new ConfigError(name, `"${raw}" is not a template ID (a UUID like 8f3c…-…).`);
  return raw.toLowerCase();
}

function oauth(env: Env, smtpUrl: string | undefined): SmtpOAuthSettings | undefined {
  const clientId = text(env, 'SMTP_OAUTH_CLIENT_ID');
  if (clientId === undefined) return undefined;
  if (smtpUrl) {
    const url = new URL(smtpUrl);
    if (url.password) throw new ConfigError('SMTP_URL', 'it holds a password while SMTP_OAUTH_CLIENT_ID is set: use one or the other (remove user:password from SMTP_URL for OAuth2).');
  }
  const tokenUrl = secureUrl(env, 'SMTP_OAUTH_TOKEN_URL');
  if (!tokenUrl) throw new ConfigError('SMTP_OAUTH_TOKEN_URL', 'it must be set when SMTP_OAUTH_CLIENT_ID is (for Microsoft 365: https://login.microsoftonline.com/<tenant id>/oauth2/v2.0/token).');
  const clientSecret = text(env, 'SMTP_OAUTH_CLIENT_SECRET');
  if (!clientSecret) throw new ConfigError('SMTP_OAUTH_CLIENT_SECRET', 'it must be set when SMTP_OAUTH_CLIENT_ID is.');
  const user = text(env, 'SMTP_USER');
  if (!user) throw new ConfigError('SMTP_USER', 'it must be set when SMTP_OAUTH_CLIENT_ID is: the mailbox the relay sends as.');
  return { tokenUrl, clientId, clientSecret, scope: text(env, 'SMTP_OAUTH_SCOPE') ?? DEFAULT_OAUTH_SCOPE, user };
}

function notify(env: Env, needed: boolean): NotifySettings | undefined {
  const apiKey = text(env, 'NOTIFY_API_KEY');
  if (apiKey === undefined) {
    if (needed) throw new ConfigError('NOTIFY_API_KEY', 'it must be set when MAIL_TRANSPORT=notify.');
    return undefined;
  }
  if (!NOTIFY_KEY.test(apiKey)) throw new ConfigError('NOTIFY_API_KEY', 'it is not a GOV.UK Notify API key (name, then the service ID and the secret, as Notify shows it once; value not shown).');
  return {
    apiKey,
    templateId: uuid(env, 'NOTIFY_TEMPLATE_ID', true)!,
    receiptTemplateId: uuid(env, 'NOTIFY_RECEIPT_TEMPLATE_ID', false),
    alertTemplateId: uuid(env, 'NOTIFY_ALERT_TEMPLATE_ID', false),
    baseUrl: secureUrl(env, 'NOTIFY_BASE_URL') ?? NOTIFY_API,
  };
}

/** Reads the mail settings; `smtpUrl` is SMTP_URL as config.ts already checked it. */
export function loadMailSettings(env: Env, smtpUrl: string | undefined): MailSettings {
  const raw = text(env, 'MAIL_TRANSPORT')?.toLowerCase();
  if (raw !== undefined && raw !== 'file' && raw !== 'smtp' && raw !== 'notify') {
    throw new ConfigError('MAIL_TRANSPORT', `"${raw}" is not file, smtp or notify.`);
  }
  const transport = raw as TransportKind | undefined;
  if (transport === undefined && smtpUrl && text(env, 'NOTIFY_API_KEY')) {
    throw new ConfigError('MAIL_TRANSPORT', 'both SMTP_URL and NOTIFY_API_KEY are set: choose one with MAIL_TRANSPORT=smtp or MAIL_TRANSPORT=notify (or unset the other).');
  }
  if (transport === 'smtp' && !smtpUrl) throw new ConfigError('SMTP_URL', 'it must be set when MAIL_TRANSPORT=smtp.');
  const settings: MailSettings = {
    transport,
    smtpOAuth: oauth(env, smtpUrl),
    notify: notify(env, transport === 'notify'),
  };
  const chosen = transportKind({ mail: settings, smtpUrl });
  if (chosen === 'notify') {
    if (text(env, 'REFERRER_RECEIPT') && /^(true|1|yes)$/i.test(text(env, 'REFERRER_RECEIPT')!) && !settings.notify!.receiptTemplateId) {
      throw new ConfigError('NOTIFY_RECEIPT_TEMPLATE_ID', 'it must be set when REFERRER_RECEIPT=true and mail goes through GOV.UK Notify (the receipt has its own template).');
    }
    if (text(env, 'ALERT_EMAIL') && !settings.notify!.alertTemplateId) {
      throw new ConfigError('NOTIFY_ALERT_TEMPLATE_ID', 'it must be set when ALERT_EMAIL is and mail goes through GOV.UK Notify (alerts have their own template).');
    }
  }
  return settings;
}

/** The transport in use: MAIL_TRANSPORT, else smtp when SMTP_URL is set, notify when NOTIFY_API_KEY is, else file. */
export function transportKind(config: { mail: MailSettings; smtpUrl: string | undefined }): TransportKind {
  return config.mail.transport ?? (config.smtpUrl ? 'smtp' : config.mail.notify ? 'notify' : 'file');
}

/** METRICS_TOKEN: long enough not to be guessed. */
export function metricsToken(env: Env): string | undefined {
  const raw = text(env, 'METRICS_TOKEN');
  if (raw === undefined) return undefined;
  if (raw.length < 16 || /\s/.test(raw)) throw new ConfigError('METRICS_TOKEN', 'it must be at least 16 characters without spaces (e.g. `openssl rand -hex 24`; value not shown).');
  return raw;
}
