/**
 * Logging without personal data. The relay logs events, references, status codes, timings and
 * error *codes*, never request bodies, client addresses, headers or error messages (a JSON parse
 * error's message quotes the body; an SMTP reply can quote addresses). As a safety net, pino's
 * redaction blanks any field with a personal-data name that slips into a log call.
 */
import type { Writable } from 'node:stream';

export interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Fields that must never reach a log line, wherever they appear (one level deep or at the top). */
export const REDACT_PATHS = [
  'body',
  'payload',
  'referral',
  'email',
  'phone',
  'name',
  'address',
  'ip',
  'remoteAddress',
  'headers',
  'idempotencyKey',
  'message',
  'response',
  'stack',
].flatMap((k) => [k, `*.${k}`]);

export interface SafeError {
  type: string;
  code?: string;
  responseCode?: number;
  command?: string;
  statusCode?: number;
  /** For connection and TLS failures only: the socket layer's own words ("self-signed certificate"). */
  detail?: string;
}

/** Errors raised before any message content is sent: their messages describe the connection only. */
const CONNECTION_CODES = new Set(['ESOCKET', 'ECONNECTION', 'ETIMEDOUT', 'ETLS', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL']);

/** An error reduced to its kind and codes: messages can carry user data, so they are dropped. */
export function safeError(error: unknown): SafeError {
  if (typeof error !== 'object' || error === null) return { type: typeof error };
  const e = error as { name?: unknown; code?: unknown; responseCode?: unknown; command?: unknown; statusCode?: unknown; message?: unknown; cause?: { code?: unknown } };
  const out: SafeError = { type: typeof e.name === 'string' ? e.name : 'Error' };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  if (code && /^[\w.-]{1,60}$/.test(code)) out.code = code;
  if (typeof e.responseCode === 'number') out.responseCode = e.responseCode;
  if (typeof e.command === 'string' && /^[A-Z ]{1,20}$/.test(e.command)) out.command = e.command;
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  if (code && CONNECTION_CODES.has(code) && typeof e.message === 'string' && !e.message.includes('@')) out.detail = e.message.slice(0, 160);
  return out;
}

/** pino options for Fastify's `logger`: redaction, and serialisers that keep only safe fields. */
export function loggerOptions(level: string, stream?: Writable) {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method?: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      // pino's type wants message and stack: exactly what must not be logged.
      err: safeError as unknown as (error: Error) => { type: string; message: string; stack: string },
    },
  };
}
