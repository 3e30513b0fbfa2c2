/**
 * One interface for every way the relay sends mail (`MAIL_TRANSPORT` = file | smtp | notify).
 * A transport sends three kinds of message: the referral to the CME team, the receipt to the
 * referrer, and an alert to the operators. It says whether a failure is permanent (retrying
 * cannot help: a rejected recipient or template) or temporary (the server is down, a rate
 * limit, a timeout): the worker retries only temporary failures. An exception thrown by `send`
 * counts as temporary, so a transport that cannot classify an error never loses a referral.
 */
import type { Referral } from '../../core/referral/schema.js';

export type TransportKind = 'file' | 'smtp' | 'notify';

/** The referral itself, to the CME team (`CME_TEAM_EMAIL`, never taken from the request). */
export interface ReferralMessage {
  kind?: 'referral';
  reference: string;
  referral: Referral;
  receivedAt: Date;
}

/** The confirmation to the referrer: reference, time received, contact details. No child or parent data. */
export interface ReceiptMessage {
  kind: 'receipt';
  reference: string;
  /** The referrer's email address. */
  to: string;
  receivedAt: Date;
}

export type AlertCondition = 'failed' | 'stale' | 'auth' | 'flood';

/** An alert to `ALERT_EMAIL`: the reference and the reason only. */
export interface AlertMessage {
  kind: 'alert';
  /** A referral's reference, or `relay` for a condition about the transport itself. */
  reference: string;
  condition: AlertCondition;
  /** One line, no personal data (an error code, a count, an age). */
  reason: string;
  to: string;
  at: Date;
}

export type OutgoingMessage = ReferralMessage | ReceiptMessage | AlertMessage;

export type SendResult =
  | { ok: true }
  | {
      ok: false;
      /** True: retrying cannot help (rejected recipient, template error, 5xx to RCPT, Notify 400). */
      permanent: boolean;
      /** The failure was the transport's authentication (SMTP 535, token endpoint, Notify 403). */
      auth?: boolean;
      /** The original error: the worker keeps only its codes (see logger.ts safeError). */
      error: unknown;
    };

export interface Transport {
  readonly kind: TransportKind | 'smtp' | 'files';
  /** Resolves once the server accepted the message (or the file is on disk); `void` means ok. */
  send(message: OutgoingMessage): Promise<SendResult | void>;
  close(): void | Promise<void>;
}

export const isReferral = (m: OutgoingMessage): m is ReferralMessage => m.kind === undefined || m.kind === 'referral';

/** A send result from an error a transport has classified. */
export function failure(error: unknown, permanent: boolean, auth = false): SendResult {
  return { ok: false, permanent, ...(auth ? { auth } : {}), error };
}
