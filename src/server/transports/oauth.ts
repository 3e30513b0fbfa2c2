/**
 * OAuth2 client-credentials tokens for SMTP `AUTH XOAUTH2` (Microsoft 365, Google Workspace).
 * One token is cached until shortly before it expires and shared by every pooled connection;
 * `invalidate(token)` drops it after the server refused it (Microsoft 365 answers 535 straight
 * away, so the relay, not nodemailer, decides to fetch a new one). Concurrent callers share one
 * request to the token endpoint.
 */
import type { SmtpOAuthSettings } from './settings.js';

/** Renew this long before `expires_in` runs out (clock skew, a slow SMTP handshake). */
const EARLY_MS = 5 * 60_000;

export class TokenError extends Error {
  constructor(
    readonly code: 'ETOKENAUTH' | 'ETOKENHTTP' | 'ETOKENBODY' | 'ETOKENNET',
    readonly statusCode?: number,
  ) {
    super(`OAuth2 token request failed (${code}${statusCode ? ` ${statusCode}` : ''})`);
    this.name = 'TokenError';
  }
  /** The client was refused (wrong id or secret, no consent): retrying soon will not help, an operator must act. */
  get auth(): boolean {
    return this.code === 'ETOKENAUTH';
  }
}

export interface Token {
  accessToken: string;
  /** ms since the epoch after which the token is not used any more. */
  usableUntil: number;
}

export class TokenSource {
  private current: Token | undefined;
  private pending: Promise<Token> | undefined;
  /** Tokens fetched so far (tests, metrics). */
  fetches = 0;

  constructor(
    private readonly settings: SmtpOAuthSettings,
    private readonly clock: () => number = Date.now,
    private readonly timeoutMs = 10_000,
  ) {}

  async get(): Promise<Token> {
    if (this.current && this.current.usableUntil > this.clock()) return this.current;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** The server refused `accessToken`: forget it (unless a newer one has already replaced it). */
  invalidate(accessToken: string): void {
    if (this.current?.accessToken === accessToken) this.current = undefined;
  }

  private async fetchToken(): Promise<Token> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.settings.clientId,
      client_secret: this.settings.clientSecret,
      scope: this.settings.scope,
    });
    let response: Response;
    try {
      response = await fetch(this.settings.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch {
      throw new TokenError('ETOKENNET');
    }
    this.fetches++;
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new TokenError('ETOKENAUTH', response.status);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new TokenError('ETOKENHTTP', response.status);
    }
    let json: { access_token?: unknown; expires_in?: unknown };
    try {
      json = (await response.json()) as typeof json;
    } catch {
      throw new TokenError('ETOKENBODY', response.status);
    }
    if (typeof json.access_token !== 'string' || json.access_token === '') throw new TokenError('ETOKENBODY', response.status);
    const lifetimeMs = (Number(json.expires_in) || 3600) * 1000;
    // Short-lived tokens: renew at half their life rather than after it.
    const usableFor = Math.max(0, lifetimeMs > 2 * EARLY_MS ? lifetimeMs - EARLY_MS : lifetimeMs / 2);
    this.current = { accessToken: json.access_token, usableUntil: this.clock() + usableFor };
    return this.current;
  }
}
