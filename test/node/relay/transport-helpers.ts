/**
 * Real parts for the production transports, on loopback:
 * - an OAuth2 server (npm oauth2-mock-server) issuing client-credentials JWTs, which checks the
 *   client secret as Entra ID does (wrong secret: 401 invalid_client);
 * - an SMTP server (npm smtp-server) offering STARTTLS and only AUTH XOAUTH2, which verifies each
 *   token's signature against the OAuth2 server's JWKS (jose) and answers a bad one with 535, as
 *   Microsoft 365 does;
 * - a GOV.UK Notify stand-in for POST /v2/notifications/email that checks the JWT as Notify does
 *   (HS256 signed with the key's secret, `iss` = the key's service id, `iat` within 30 s) and the
 *   request body (template, address, every placeholder of the template, file links).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { OAuth2Server } from 'oauth2-mock-server';
import { SMTPServer } from 'smtp-server';
import { recordMessages, TLS_DIR, type Received } from './helpers.js';

// ---- OAuth2 --------------------------------------------------------------------------------------

export interface TestOAuth {
  server: OAuth2Server;
  tokenUrl: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Token requests answered (any status). */
  requests: number;
  /** Tokens issued. */
  issued: string[];
  jwks(): Promise<{ keys: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

export async function startOAuth(options: { port?: number; ttlSeconds?: number; clientId?: string; clientSecret?: string } = {}): Promise<TestOAuth> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(options.port ?? 0, '127.0.0.1');
  const clientId = options.clientId ?? randomUUID();
  const clientSecret = options.clientSecret ?? `secret-${randomUUID()}`;
  const state: TestOAuth = {
    server,
    tokenUrl: `${server.issuer.url}/token`,
    issuer: server.issuer.url!,
    clientId,
    clientSecret,
    requests: 0,
    issued: [],
    jwks: async () => ({ keys: server.issuer.keys.toJSON() as unknown as Record<string, unknown>[] }),
    close: () => server.stop(),
  };
  server.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }, req: IncomingMessage & { body?: Record<string, string> }) => {
    token.payload.appid = req.body?.client_id;
    if (options.ttlSeconds) token.payload.exp = Math.floor(Date.now() / 1000) + options.ttlSeconds;
  });
  server.service.on('beforeResponse', (response: { statusCode: number; body: Record<string, unknown> }, req: IncomingMessage & { body?: Record<string, string> }) => {
    state.requests++;
    if (req.body?.client_id !== clientId || req.body?.client_secret !== clientSecret) {
      response.statusCode = 401;
      response.body = { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' };
      return;
    }
    if (options.ttlSeconds) response.body.expires_in = options.ttlSeconds;
    state.issued.push(String(response.body.access_token));
  });
  return state;
}

// ---- SMTP with STARTTLS and only XOAUTH2 --------------------------------------------------------

export interface XoauthSmtp {
  port: number;
  url: string;
  received: Received[];
  /** Tokens presented, and whether each was accepted. */
  auths: { user: string; ok: boolean }[];
  /** Reject the next n tokens with 535 even if valid (an expired or revoked token). */
  rejectNext: number;
  messageIds(): string[];
  close(): Promise<void>;
}

/** `oauth`: the identity provider whose tokens are accepted (a function when it may be replaced mid-test). */
export async function startXoauthSmtp(oauthOrGetter: TestOAuth | (() => TestOAuth), mailbox: string, options: { port?: number; delayMs?: number; onDataStart?: () => void } = {}): Promise<XoauthSmtp> {
  const received: Received[] = [];
  const state = { rejectNext: 0, auths: [] as { user: string; ok: boolean }[] };
  const server = new SMTPServer({
    key: readFileSync(join(TLS_DIR, 'server.key')),
    cert: readFileSync(join(TLS_DIR, 'server.crt')),
    authMethods: ['XOAUTH2'],
    // No AUTH before STARTTLS, as Microsoft 365.
    allowInsecureAuth: false,
    logger: false,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      const fail = () => {
        state.auths.push({ user: auth.username ?? '', ok: false });
        callback(Object.assign(new Error('5.7.3 Authentication unsuccessful'), { responseCode: 535 }));
      };
      if (auth.method !== 'XOAUTH2' || !auth.accessToken) return fail();
      if (state.rejectNext > 0) {
        state.rejectNext--;
        return fail();
      }
      const oauth = typeof oauthOrGetter === 'function' ? oauthOrGetter() : oauthOrGetter;
      oauth
        .jwks()
        .then((jwks) => jwtVerify(auth.accessToken!, createLocalJWKSet(jwks as never), { issuer: oauth.issuer }))
        .then(({ payload }) => {
          if (payload.appid !== oauth.clientId || auth.username !== mailbox) return fail();
          state.auths.push({ user: auth.username, ok: true });
          callback(null, { user: auth.username });
        }, fail);
    },
    onData: recordMessages(received, options),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => {});
  const port = (server.server.address() as { port: number }).port;
  const out: XoauthSmtp = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    auths: state.auths,
    get rejectNext() {
      return state.rejectNext;
    },
    set rejectNext(n: number) {
      state.rejectNext = n;
    },
    messageIds: () => received.map((r) => r.messageId),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  return out;
}

// ---- GOV.UK Notify ---------------------------------------------------------------------------------

export interface NotifyKey {
  key: string;
  serviceId: string;
  secret: string;
}

export function notifyKey(name = 'cme_relay_test'): NotifyKey {
  const serviceId = randomUUID();
  const secret = randomUUID();
  return { key: `${name}-${serviceId}-${secret}`, serviceId, secret };
}

export interface NotifyEmail {
  templateId: string;
  emailAddress: string;
  personalisation: Record<string, unknown>;
  reference: string | undefined;
  id: string;
}

export interface TestNotify {
  port: number;
  url: string;
  sent: NotifyEmail[];
  /** Requests refused, with the status given. */
  refused: { status: number; error: string }[];
  /** Answer the next request(s) with this status instead (429, 500, 400…); consumed one per request. */
  failNext: number[];
  close(): Promise<void>;
}

const b64url = (buf: Buffer) => buf.toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** Notify's token check (notifications-python-client decode_jwt_token): HS256, iss, iat ± 30 s, signature. */
export function checkNotifyJwt(header: string | undefined, key: NotifyKey, nowSeconds = Date.now() / 1000): string | undefined {
  const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
  if (!token) return 'Unauthorized: authentication token must be provided';
  const parts = token.split('.');
  if (parts.length !== 3) return 'Invalid token: signature, api token not found';
  let head: { alg?: string; typ?: string };
  let claims: { iss?: string; iat?: number };
  try {
    head = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return 'Invalid token: signature, api token not found';
  }
  if (head.alg !== 'HS256') return 'Invalid token: algorithm used is not HS256';
  if (claims.iss !== key.serviceId) return 'Invalid token: service not found';
  if (typeof claims.iat !== 'number') return 'Invalid token: iat field not provided';
  if (Math.abs(nowSeconds - claims.iat) > 30) return 'Error: Your system clock must be accurate to within 30 seconds';
  const expected = Buffer.from(b64url(createHmac('sha256', key.secret).update(`${parts[0]}.${parts[1]}`).digest()));
  const given = Buffer.from(parts[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'Invalid token: signature, api token is not valid';
  return undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * `templates`: template id → its placeholders (all required, as Notify requires). A placeholder
 * named `link_to_file` must be a file link from prepareUpload.
 */
export async function startNotify(key: NotifyKey, templates: Record<string, string[]>, options: { port?: number; delayMs?: number; onRequest?: () => void } = {}): Promise<TestNotify> {
  const sent: NotifyEmail[] = [];
  const refused: { status: number; error: string }[] = [];
  const failNext: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      options.onRequest?.();
      const answer = (status: number, body: unknown) => {
        if (status >= 400) refused.push({ status, error: (body as { errors?: { error: string }[] }).errors?.[0]?.error ?? '' });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, name: string, message: string) => answer(status, { status_code: status, errors: [{ error: name, message }] });
      const respond = () => {
        if (req.method !== 'POST' || req.url !== '/v2/notifications/email') return error(404, 'NotFound', 'Not found');
        const authProblem = checkNotifyJwt(req.headers.authorization, key);
        if (authProblem) return error(403, 'AuthError', authProblem);
        const injected = failNext.shift();
        if (injected === 429) return error(429, 'RateLimitError', 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds');
        if (injected !== undefined && injected >= 500) return error(injected, 'Exception', 'Internal server error');
        if (injected !== undefined) return error(injected, 'BadRequestError', 'Injected error');
        let body: { template_id?: unknown; email_address?: unknown; personalisation?: Record<string, unknown>; reference?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return error(400, 'BadRequestError', 'Invalid JSON');
        }
        const placeholders = typeof body.template_id === 'string' ? templates[body.template_id] : undefined;
        if (!placeholders) return error(400, 'BadRequestError', 'Template not found');
        if (typeof body.email_address !== 'string' || !EMAIL.test(body.email_address)) return error(400, 'ValidationError', 'email_address Not a valid email address');
        const p = body.personalisation ?? {};
        const missing = placeholders.filter((name) => p[name] === undefined || p[name] === null);
        if (missing.length > 0) return error(400, 'BadRequestError', `Missing personalisation: ${missing.join(', ')}`);
        for (const name of placeholders.filter((n) => n.startsWith('link_to_file'))) {
          const link = p[name] as { file?: unknown; filename?: unknown; confirm_email_before_download?: unknown; retention_period?: unknown };
          if (typeof link !== 'object' || typeof link.file !== 'string') return error(400, 'BadRequestError', `${name} is not a file`);
          if (Buffer.from(link.file, 'base64').length > 2 * 1024 * 1024) return error(400, 'BadRequestError', 'File is larger than 2MB');
          if (link.confirm_email_before_download !== true) return error(400, 'BadRequestError', 'The relay must ask for the email address before download');
          if (typeof link.retention_period !== 'string' || !/^(\d+) weeks?$/.test(link.retention_period) || Number(/^\d+/.exec(link.retention_period)![0]) > 78) {
            return error(400, 'BadRequestError', 'Unsupported value for retention_period');
          }
          if (typeof link.filename !== 'string' || !/\.\w+$/.test(link.filename)) return error(400, 'BadRequestError', 'filename must have an extension');
        }
        const id = randomUUID();
        sent.push({ templateId: body.template_id as string, emailAddress: body.email_address, personalisation: p, reference: typeof body.reference === 'string' ? body.reference : undefined, id });
        return answer(201, { id, reference: body.reference ?? null, content: { subject: 'x', body: 'x', from_email: 'cme@notifications.service.gov.uk' }, uri: `/v2/notifications/${id}`, template: { id: body.template_id, version: 1, uri: '' } });
      };
      if (options.delayMs) setTimeout(respond, options.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    sent,
    refused,
    failNext,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The template ids the tests register, and each template's placeholders (as docs/relay.md's template texts use them). */
export const TEMPLATES = {
  team: '0b0e9a57-4b0e-4c36-9d51-2f6cc3b1b0a1',
  receipt: '1c1e9a57-4b0e-4c36-9d51-2f6cc3b1b0a2',
  alert: '2d2e9a57-4b0e-4c36-9d51-2f6cc3b1b0a3',
};
export const PLACEHOLDERS: Record<string, string[]> = {
  [TEMPLATES.team]: ['reference', 'urgent', 'summary', 'body', 'link_to_file'],
  [TEMPLATES.receipt]: ['reference', 'received', 'team_email', 'team_phone'],
  [TEMPLATES.alert]: ['reference', 'condition', 'reason', 'at'],
};
