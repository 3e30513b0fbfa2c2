/**
 * Sends a referral email. Two transports:
 * - `SMTP_URL` set: nodemailer over SMTP. `smtp://` must upgrade with STARTTLS (`requireTLS`)
 *   unless `SMTP_ALLOW_PLAINTEXT=true`; `smtps://` is implicit TLS. Certificates are always
 *   verified (a private CA is trusted through Node's own `NODE_EXTRA_CA_CERTS`).
 * - unset: the embedded default writes each email as `DATA_DIR/mail/<reference>.eml` (written to
 *   a temporary name, fsynced, renamed), so the demo works with no mail server.
 * `send()` resolves only when the server accepted the message (or the file is on disk).
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { ConnectionOptions } from 'node:tls';
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Referral } from '../core/referral/schema.js';
import type { RelayConfig } from './config.js';
import { renderReferralEmail } from './email.js';

export interface OutgoingReferral {
  reference: string;
  referral: Referral;
  receivedAt: Date;
}

export interface Mailer {
  readonly kind: 'smtp' | 'files';
  send(mail: OutgoingReferral): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  /** Extra TLS options for the SMTP connection (tests pass `ca`; production uses NODE_EXTRA_CA_CERTS). */
  tls?: ConnectionOptions;
  /** Connection and socket timeouts in ms (default 10 s to connect, 60 s idle). */
  timeoutMs?: number;
  /** Pooled SMTP connections (default 4, the worker's concurrency): one TLS handshake serves many emails. */
  maxConnections?: number;
}

/** The `<reference@host>` Message-ID that lets a rare duplicate (after a crash) be recognised. */
export function messageIdFor(reference: string, mailFrom: string): string {
  return `<${reference}@${mailFrom.slice(mailFrom.lastIndexOf('@') + 1) || 'localhost'}>`;
}

export function buildMessage(config: Pick<RelayConfig, 'mailFrom' | 'teamEmail'>, mail: OutgoingReferral): SendMailOptions {
  const email = renderReferralEmail(mail.reference, mail.referral, mail.receivedAt);
  return {
    from: config.mailFrom,
    to: config.teamEmail,
    ...(mail.referral.referrer.email ? { replyTo: mail.referral.referrer.email } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: messageIdFor(mail.reference, config.mailFrom),
    priority: email.urgent.length > 0 ? 'high' : 'normal',
    headers: { 'Auto-Submitted': 'auto-generated', 'X-CME-Reference': mail.reference },
    attachments: [{ filename: `${mail.reference}.json`, content: email.json, contentType: 'application/json; charset=utf-8' }],
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

export function createMailer(config: RelayConfig, options: MailerOptions = {}): Mailer {
  return config.smtpUrl ? smtpMailer(config, config.smtpUrl, options) : fileMailer(config);
}

function smtpMailer(config: RelayConfig, smtpUrl: string, options: MailerOptions): Mailer {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const timeout = options.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    host,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    requireTLS: !secure && !config.smtpAllowPlaintext,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
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
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transport.sendMail(buildMessage(config, mail));
      if (info.rejected.length > 0 || info.accepted.length === 0) {
        throw Object.assign(new Error('The mail server did not accept the recipient'), { code: 'EREJECTED' });
      }
    },
    close() {
      transport.close();
    },
  };
}

function fileMailer(config: RelayConfig): Mailer {
  const dir = join(config.dataDir, 'mail');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    async send(mail) {
      const info = await transport.sendMail(buildMessage(config, mail));
      // Asynchronous file calls: the fsyncs run on libuv's pool, not on the thread serving requests.
      await mkdir(dir, { recursive: true });
      const target = join(dir, `${mail.reference}.eml`);
      const temp = `${target}.${process.pid}.tmp`;
      const file = await open(temp, 'w', 0o600);
      try {
        await file.writeFile(info.message as Buffer);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, target);
      const folder = await open(dir, 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    },
    close() {
      transport.close();
    },
  };
}
