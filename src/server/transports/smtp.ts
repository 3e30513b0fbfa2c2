/**
 * SMTP through nodemailer's pool. `smtp://` must upgrade with STARTTLS (`requireTLS`) unless
 * `SMTP_ALLOW_PLAINTEXT=true`; `smtps://` is implicit TLS; certificates are always verified (a
 * private CA is trusted through Node's own `NODE_EXTRA_CA_CERTS`). Authentication: the user and
 * password in `SMTP_URL`, or OAuth2 client credentials (`AUTH XOAUTH2`, token from TokenSource).
 *
 * Failures: a 5xx reply to RCPT TO or DATA is permanent (that recipient or that message will
 * never be accepted); authentication, 4xx replies, connection, TLS and timeouts are temporary.
 * On an authentication failure with OAuth2 the token is dropped and the message tried once more
 * with a fresh one before the attempt counts as failed (Microsoft 365 answers an expired or
 * revoked token with 535 at once).
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { ConnectionOptions } from 'node:tls';
import type { RelayConfig } from '../config.js';
import { TokenError, TokenSource } from './oauth.js';
import { failure, type OutgoingMessage, type SendResult, type Transport } from './types.js';

export interface SmtpOptions {
  /** Extra TLS options (tests pass `ca`; production uses NODE_EXTRA_CA_CERTS). */
  tls?: ConnectionOptions;
  timeoutMs?: number;
  maxConnections?: number;
  clock?: () => number;
}

const PERMANENT_COMMANDS = new Set(['RCPT TO', 'DATA']);

export function isAuthError(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown };
  return e?.code === 'EAUTH' || e?.responseCode === 535 || e?.responseCode === 534;
}

/** Permanent (5xx to RCPT TO / DATA, a rejected recipient) or temporary (everything else). */
export function classifySmtpError(error: unknown): SendResult {
  if (error instanceof TokenError) return failure(error, false, error.auth);
  if (isAuthError(error)) return failure(error, false, true);
  const e = error as { code?: unknown; responseCode?: unknown; command?: unknown };
  const code = typeof e?.responseCode === 'number' ? e.responseCode : 0;
  if (e?.code === 'EREJECTED') return failure(error, true);
  if (code >= 500 && code < 600 && (PERMANENT_COMMANDS.has(String(e.command)) || e.code === 'EENVELOPE' || e.code === 'EMESSAGE')) return failure(error, true);
  return failure(error, false);
}

export function smtpTransport(config: RelayConfig, build: (m: OutgoingMessage) => SendMailOptions, options: SmtpOptions = {}): Transport & { tokens?: TokenSource } {
  const smtpUrl = config.smtpUrl!;
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const timeout = options.timeoutMs ?? 10_000;
  const oauth = config.mail.smtpOAuth;
  const tokens = oauth ? new TokenSource(oauth, options.clock) : undefined;
  const auth = oauth
    ? { type: 'OAuth2' as const, user: oauth.user }
    : url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined;
  const transport = nodemailer.createTransport({
    host,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    requireTLS: !secure && !config.smtpAllowPlaintext,
    ...(auth ? { auth } : {}),
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...options.tls },
    pool: true,
    maxConnections: options.maxConnections ?? 4,
    maxMessages: 100,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: Math.max(timeout, 60_000),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  if (tokens) {
    // Every pooled connection asks here; `expires` makes nodemailer ask again when ours runs out.
    transport.set('oauth2_provision_cb', (_user: string, _renew: boolean, callback: (err: Error | null, token?: string, expires?: number) => void) => {
      tokens.get().then(
        (t) => callback(null, t.accessToken, t.usableUntil),
        (error: Error) => callback(error),
      );
    });
  }

  const sendOnce = async (mail: SendMailOptions): Promise<void> => {
    const info = await transport.sendMail(mail);
    if (info.rejected.length > 0 || info.accepted.length === 0) {
      throw Object.assign(new Error('The mail server did not accept the recipient'), { code: 'EREJECTED' });
    }
  };

  return {
    kind: 'smtp',
    ...(tokens ? { tokens } : {}),
    async send(message) {
      const mail = build(message);
      try {
        // With OAuth2, a token problem surfaces here as itself, not wrapped by nodemailer.
        const used = tokens ? await tokens.get() : undefined;
        try {
          await sendOnce(mail);
        } catch (error) {
          if (!tokens || !used || !isAuthError(error)) throw error;
          tokens.invalidate(used.accessToken);
          await tokens.get();
          await sendOnce(mail);
        }
        return { ok: true };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}
