/**
 * Posting a referral to the relay (README, "The referral relay") so that nothing is lost and nothing is sent
 * twice: one `Idempotency-Key` for the whole draft, a timeout on every attempt, automatic retries
 * (with the given delays) when the network fails, the relay times out or answers 5xx, and
 * `Retry-After` honoured on 429 and 503. The relay returns the same reference for the same key,
 * so a retry after a lost response never makes a second referral.
 */
export interface ProblemItem {
  path: string;
  message: string;
}

export type SendResult =
  /** Accepted; `receipt`: the relay sent the referrer a confirmation email. */
  | { ok: true; reference: string; receipt: boolean }
  /** `offline`/`network`: not reached (or no answer); `busy`: 429/503, `retryAfter` in seconds. */
  | { ok: false; kind: 'offline' | 'network' | 'busy'; retryAfter?: number }
  /** The relay refused the data (400): errors by field path. */
  | { ok: false; kind: 'invalid'; errors: ProblemItem[] }
  /** 409: this `Idempotency-Key` was already used for a different referral (start a new key). */
  | { ok: false; kind: 'conflict' }
  /** Any other refusal (403 origin, 413, 415…): trying again will not help. */
  | { ok: false; kind: 'refused'; status: number };

export interface SendOptions {
  /** Per-attempt timeout (ms). */
  timeout: number;
  /** Waits before each automatic retry (ms); its length is the number of retries. */
  retries: readonly number[];
  /** The longest `Retry-After` (s) waited for automatically; longer ones are returned as `busy`. */
  maxWait: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `Retry-After` as seconds (delta-seconds or an HTTP date), at least 1. */
export function retryAfter(value: string | null, now = Date.now()): number {
  if (!value) return 1;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - now) / 1000;
  return Number.isFinite(n) ? Math.max(1, Math.ceil(n)) : 1;
}

async function attempt(url: string, body: string, key: string, timeout: number): Promise<SendResult> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeout);
  try {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body,
      credentials: 'omit',
      signal: abort.signal,
    });
    const json = (await r.json().catch(() => ({}))) as { reference?: unknown; receipt?: unknown; errors?: ProblemItem[] };
    if (r.status === 202 && typeof json.reference === 'string') return { ok: true, reference: json.reference, receipt: json.receipt === true };
    if (r.status === 409) return { ok: false, kind: 'conflict' };
    if (r.status === 429 || r.status === 503) return { ok: false, kind: 'busy', retryAfter: retryAfter(r.headers.get('Retry-After')) };
    if (r.status >= 500) return { ok: false, kind: 'network' };
    if (r.status === 400 && Array.isArray(json.errors)) return { ok: false, kind: 'invalid', errors: json.errors };
    return { ok: false, kind: 'refused', status: r.status };
  } catch {
    return { ok: false, kind: typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'network' };
  } finally {
    clearTimeout(timer);
  }
}

/** Sends with retries; resolves with the last result (never rejects). */
export async function sendReferral(url: string, payload: unknown, key: string, o: SendOptions): Promise<SendResult> {
  const body = JSON.stringify(payload);
  for (let i = 0; ; i++) {
    const r = await attempt(url, body, key, o.timeout);
    if (r.ok || r.kind === 'invalid' || r.kind === 'refused' || r.kind === 'conflict' || i >= o.retries.length) return r;
    if (r.kind === 'busy' && r.retryAfter! > o.maxWait) return r;
    await sleep(r.kind === 'busy' ? r.retryAfter! * 1000 : o.retries[i]!);
  }
}

/** A random UUID (v4) for the Idempotency-Key; `randomUUID` needs a secure context, this does not. */
export function newKey(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
