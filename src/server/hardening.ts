/**
 * Request-level defences that sit beside the HTTP app: daily caps against scripted flooding,
 * the client key for rate limits, and one error shape (with security headers) even for requests
 * Node refuses before Fastify sees them (bad framing, timeouts).
 */
import type { FastifyRequest } from 'fastify';
import type { Duplex } from 'node:stream';
import { londonDate } from '../core/london-date.js';

/** The rate-limit and cap key: the client address (through the trusted proxies), or one shared key when the socket is gone. */
export function clientKey(request: FastifyRequest): string {
  try {
    return request.ip ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Referrals accepted per client address and in all, per London day (in memory, per relay
 * process: with several instances each enforces the limits on its own share). The first time a
 * limit is reached in a day, `onReached` raises the alert.
 */
export class DailyCaps {
  private day = '';
  private readonly perIp = new Map<string, number>();
  private total = 0;
  private readonly alerted = new Set<string>();

  constructor(
    private readonly ipLimit: number,
    private readonly totalLimit: number,
    private readonly onReached: (scope: 'ip' | 'total', day: string) => void,
  ) {}

  private roll(day: string): void {
    if (day === this.day) return;
    this.day = day;
    this.perIp.clear();
    this.total = 0;
    this.alerted.clear();
  }

  /** A refusal message when a limit is reached today, else undefined. */
  check(key: string, day: string): string | undefined {
    this.roll(day);
    const scope = this.total >= this.totalLimit ? 'total' : (this.perIp.get(key) ?? 0) >= this.ipLimit ? 'ip' : undefined;
    if (!scope) return undefined;
    if (!this.alerted.has(scope)) {
      this.alerted.add(scope);
      this.onReached(scope, day);
    }
    return scope === 'total'
      ? 'The referral service has received an unusually large number of referrals today and is not accepting more online until tomorrow. Phone or email the CME team instead.'
      : 'Too many referrals have been sent from your network today. Phone or email the CME team instead, or try again tomorrow.';
  }

  count(key: string, day: string): void {
    this.roll(day);
    this.total++;
    this.perIp.set(key, (this.perIp.get(key) ?? 0) + 1);
  }
}

/** Seconds until the next London midnight (Retry-After for a daily limit). */
export function secondsToLondonMidnight(now: number): number {
  const today = londonDate(new Date(now));
  let lo = now;
  let hi = now + 26 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (londonDate(new Date(mid)) === today) lo = mid;
    else hi = mid;
  }
  return Math.max(1, Math.ceil((hi - now) / 1000));
}

/** The headers every answer carries (helmet's set, for answers written before Fastify is involved). */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'SAMEORIGIN',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * Node's answer to a request it could not parse (Content-Length with chunked encoding, a bad
 * header) or did not receive in time: the usual error body and headers, then the connection
 * closes. Nothing is logged at error level: these are client problems.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || (socket as { destroyed?: boolean }).destroyed) {
    socket.destroy();
    return;
  }
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = timeout ? 408 : tooLarge ? 431 : 400;
  const reason = timeout ? 'Request Timeout' : tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
  const message = timeout ? 'The request took too long to arrive. Try again.' : 'The request could not be read.';
  const body = JSON.stringify({ errors: [{ path: '', message }] });
  const headers = { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' };
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`);
}
