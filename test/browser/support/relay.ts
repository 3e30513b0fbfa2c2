// Typed client for the commands of ./relay-plugin.mjs (the real relay in a child process).
import { executeServerCommand } from '@web/test-runner-commands';

export interface RelayMail {
  file: string;
  subject: string;
  to: string;
  from: string;
  replyTo: string;
  messageId: string;
  /** The plain-text body. */
  text: string;
  /** The JSON attachment: `{ schema, reference, receivedAt, referral }`. */
  attachment: { schema: string; reference: string; receivedAt: string; referral: Record<string, any> } | null;
}

export const relay = {
  /** Starts (or restarts, same port and outbox) this session's relay; returns its referrals URL. */
  start: (options: { rateLimit?: number; receipt?: boolean } = {}) => executeServerCommand<{ endpoint: string; port: number }, object>('relay-start', options),
  stop: () => executeServerCommand<boolean, undefined>('relay-stop'),
  mails: () => executeServerCommand<RelayMail[], undefined>('relay-mails'),
  /** POST /api/referrals requests answered, by status code. */
  posts: () => executeServerCommand<Record<string, number>, undefined>('relay-posts'),
  clear: () => executeServerCommand<boolean, undefined>('relay-clear'),
  destroy: () => executeServerCommand<boolean, undefined>('relay-destroy'),
};

/** Chromium only (CDP); `{supported: false}` elsewhere. */
export const browserTools = {
  forcedColors: (on: boolean) => executeServerCommand<{ supported: boolean }, object>('forced-colors', { on }),
  autofill: (host: string, id: string, fields: { name: string; value: string }[]) =>
    executeServerCommand<{ supported: boolean }, object>('cdp-autofill', { host, id, fields }),
};

/** Polls until `check` passes or `ms` elapse. */
export async function eventually<T>(get: () => Promise<T>, check: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (check(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}
