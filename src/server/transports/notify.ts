/**
 * GOV.UK Notify through its own client (`notifications-node-client`, POST /v2/notifications/email).
 * The team's email is the `NOTIFY_TEMPLATE_ID` template with personalisation `reference`,
 * `urgent` (yes/no), `summary`, `body` and `link_to_file` (the referral JSON as a Notify file
 * link that asks for the recipient's email address before download); the receipt and alerts
 * have their own templates. docs/relay.md gives the template texts.
 *
 * Failures, as Notify documents them: 400 (template not found, missing personalisation, a bad
 * address, a file Notify refuses) is permanent; 403 (bad key, revoked key, clock skew) is an
 * authentication failure, temporary; 429 (rate or daily limit) and 5xx are temporary, as is
 * anything that got no answer.
 */
import { NotifyClient } from 'notifications-node-client';
import type { RelayConfig } from '../config.js';
import { renderAlert } from '../alerts.js';
import { renderReferralEmail } from '../email.js';
import { renderReceipt } from '../receipt.js';
import type { NotifySettings } from './settings.js';
import { failure, type OutgoingMessage, type SendResult, type Transport } from './types.js';

export class NotifyError extends Error {
  readonly code: string;
  /** The HTTP status, under the name the worker's error summary reads (as for an SMTP reply). */
  readonly responseCode: number | undefined;
  constructor(
    readonly statusCode: number | undefined,
    notifyError: string | undefined,
  ) {
    super(`GOV.UK Notify answered ${statusCode ?? 'nothing'}`);
    this.name = 'NotifyError';
    this.responseCode = statusCode;
    // Notify's error names (BadRequestError, RateLimitError…) carry no personal data; its messages may.
    this.code = notifyError && /^\w{1,40}$/.test(notifyError) ? `ENOTIFY_${notifyError}` : statusCode ? 'ENOTIFY' : 'ENOTIFY_NETWORK';
  }
}

export function classifyNotifyError(error: unknown): SendResult {
  const e = error as { response?: { status?: unknown; data?: { errors?: { error?: unknown }[] } }; code?: unknown };
  const status = typeof e?.response?.status === 'number' ? e.response.status : undefined;
  const name = e?.response?.data?.errors?.[0]?.error;
  const safe = new NotifyError(status, typeof name === 'string' ? name : undefined);
  if (status === undefined) {
    // No answer: keep the socket's own code (ECONNREFUSED, ETIMEDOUT) for the log.
    if (typeof e?.code === 'string' && /^[A-Z_]{3,40}$/.test(e.code)) (safe as { code: string }).code = e.code;
    return failure(safe, false);
  }
  if (status === 401 || status === 403) return failure(safe, false, true);
  if (status === 429 || status >= 500 || status === 404) return failure(safe, false);
  return failure(safe, true);
}

/** The team email's personalisation (names match the template text in docs/relay.md). */
export function referralPersonalisation(reference: string, rendered: ReturnType<typeof renderReferralEmail>): Record<string, string> {
  return {
    reference,
    urgent: rendered.urgent.length > 0 ? 'yes' : 'no',
    summary: rendered.urgent.length > 0 ? rendered.urgent.join('\n') : 'No urgent flags.',
    body: rendered.text,
  };
}

export interface NotifyOptions {
  timeoutMs?: number;
}

export function notifyTransport(config: RelayConfig, settings: NotifySettings, options: NotifyOptions = {}): Transport {
  const client = new NotifyClient(settings.baseUrl, settings.apiKey);
  const timeout = options.timeoutMs ?? 30_000;
  // The client's axios has no timeout by default: a hung connection would hold a worker slot.
  const rest = (client as unknown as { apiClient: { restClient: (o: object) => Promise<unknown> } }).apiClient.restClient;
  client.setClient(((request: object) => rest({ ...request, timeout, maxRedirects: 0 })) as never);

  const sendTo = async (templateId: string, to: string, personalisation: Record<string, unknown>, reference: string) => {
    await client.sendEmail(templateId, to, { personalisation, reference });
  };

  const deliver = async (message: OutgoingMessage): Promise<void> => {
    if (message.kind === 'receipt') {
      if (!settings.receiptTemplateId) throw Object.assign(new Error('no receipt template'), { code: 'ENOTEMPLATE' });
      const receipt = renderReceipt(message.reference, message.receivedAt, { teamEmail: config.teamEmail, teamPhone: config.teamPhone });
      return sendTo(settings.receiptTemplateId, message.to, receipt.personalisation, `${message.reference}-receipt`);
    }
    if (message.kind === 'alert') {
      if (!settings.alertTemplateId) throw Object.assign(new Error('no alert template'), { code: 'ENOTEMPLATE' });
      return sendTo(settings.alertTemplateId, message.to, renderAlert(message).personalisation, `${message.reference}-alert`);
    }
    const rendered = renderReferralEmail(message.reference, message.referral, message.receivedAt);
    const link = client.prepareUpload(Buffer.from(rendered.json, 'utf8'), {
      filename: `${message.reference}.json`,
      confirmEmailBeforeDownload: true,
      // Notify keeps the file for 1–78 weeks: as long as the relay keeps the content (RETENTION_DAYS).
      retentionPeriod: `${Math.min(78, Math.max(1, Math.ceil(config.retentionDays / 7)))} weeks`,
    });
    return sendTo(settings.templateId, config.teamEmail, { ...referralPersonalisation(message.reference, rendered), link_to_file: link }, message.reference);
  };

  return {
    kind: 'notify',
    async send(message) {
      try {
        await deliver(message);
        return { ok: true };
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOTEMPLATE') return failure(error, true);
        return classifyNotifyError(error);
      }
    },
    close() {},
  };
}
