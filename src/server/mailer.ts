/**
 * Builds the relay's messages and chooses the transport (`MAIL_TRANSPORT`, see
 * transports/settings.ts): `file` (the embedded default, `.eml` files in `DATA_DIR/mail/`),
 * `smtp` (password or OAuth2) or `notify` (GOV.UK Notify). Every transport resolves `send()`
 * only once the message was accepted (or is on disk), and says whether a failure is permanent
 * or temporary (transports/types.ts).
 */
import type { SendMailOptions } from 'nodemailer';
import type { ConnectionOptions } from 'node:tls';
import type { RelayConfig } from './config.js';
import { renderAlert } from './alerts.js';
import { renderReferralEmail } from './email.js';
import { renderReceipt } from './receipt.js';
import { fileTransport } from './transports/file.js';
import { notifyTransport } from './transports/notify.js';
import { transportKind } from './transports/settings.js';
import { smtpTransport } from './transports/smtp.js';
import type { OutgoingMessage, ReferralMessage, Transport } from './transports/types.js';

export type { OutgoingMessage, SendResult, Transport, TransportKind } from './transports/types.js';
/** The referral message (the name older code and tests use). */
export type OutgoingReferral = ReferralMessage;
/** A transport (the name older code and tests use). */
export type Mailer = Transport;

export interface MailerOptions {
  /** Extra TLS options for the SMTP connection (tests pass `ca`; production uses NODE_EXTRA_CA_CERTS). */
  tls?: ConnectionOptions;
  /** Connection and socket timeouts in ms (default 10 s to connect, 60 s idle; Notify 30 s). */
  timeoutMs?: number;
  /** Pooled SMTP connections (default 4, the worker's concurrency): one TLS handshake serves many emails. */
  maxConnections?: number;
  /** Encrypts an `.eml` file's bytes (DATA_KEY); `aad` is the file name. */
  seal?: (data: Buffer, aad: string) => Buffer;
  clock?: () => number;
}

const domainOf = (mailFrom: string) => mailFrom.slice(mailFrom.lastIndexOf('@') + 1) || 'localhost';

/** The `<reference@host>` Message-ID that lets a rare duplicate (after a crash) be recognised. */
export function messageIdFor(reference: string, mailFrom: string, kind: OutgoingMessage['kind'] = 'referral', condition?: string): string {
  const local = kind === 'receipt' ? `${reference}.receipt` : kind === 'alert' ? `${reference}.alert-${condition ?? 'x'}` : reference;
  return `<${local}@${domainOf(mailFrom)}>`;
}

type MessageConfig = Pick<RelayConfig, 'mailFrom' | 'teamEmail'> & Partial<Pick<RelayConfig, 'teamPhone'>>;

/** The nodemailer message for the SMTP and file transports. */
export function buildMessage(config: MessageConfig, message: OutgoingMessage): SendMailOptions {
  const common = { from: config.mailFrom, disableFileAccess: true, disableUrlAccess: true };
  if (message.kind === 'receipt') {
    const receipt = renderReceipt(message.reference, message.receivedAt, { teamEmail: config.teamEmail, teamPhone: config.teamPhone });
    return {
      ...common,
      to: message.to,
      replyTo: config.teamEmail,
      subject: receipt.subject,
      text: receipt.text,
      html: receipt.html,
      messageId: messageIdFor(message.reference, config.mailFrom, 'receipt'),
      headers: { 'Auto-Submitted': 'auto-generated', 'X-CME-Reference': message.reference },
    };
  }
  if (message.kind === 'alert') {
    const alert = renderAlert(message);
    return {
      ...common,
      to: message.to,
      subject: alert.subject,
      text: alert.text,
      priority: 'high',
      messageId: messageIdFor(message.reference, config.mailFrom, 'alert', message.condition),
      headers: { 'Auto-Submitted': 'auto-generated', 'X-CME-Reference': message.reference, 'X-CME-Alert': message.condition },
    };
  }
  const email = renderReferralEmail(message.reference, message.referral, message.receivedAt);
  return {
    ...common,
    to: config.teamEmail,
    ...(message.referral.referrer.email ? { replyTo: message.referral.referrer.email } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: messageIdFor(message.reference, config.mailFrom),
    priority: email.urgent.length > 0 ? 'high' : 'normal',
    headers: { 'Auto-Submitted': 'auto-generated', 'X-CME-Reference': message.reference },
    attachments: [{ filename: `${message.reference}.json`, content: email.json, contentType: 'application/json; charset=utf-8' }],
  };
}

/** The transport `MAIL_TRANSPORT` (or its default) names. */
export function createTransport(config: RelayConfig, options: MailerOptions = {}): Transport {
  const build = (m: OutgoingMessage) => buildMessage(config, m);
  const kind = transportKind(config);
  if (kind === 'notify') return notifyTransport(config, config.mail.notify!, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
  if (kind === 'smtp') return smtpTransport(config, build, options);
  return fileTransport(config.dataDir, build, options.seal ? { seal: options.seal } : {});
}

/** @deprecated Use createTransport (same function). */
export const createMailer = createTransport;
