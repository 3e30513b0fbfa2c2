import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isObject } from '../../core/is-object.js';
import type { Answers } from '../../core/referral/answers.js';
import { isPageId, type PageId } from '../../core/referral/journey.js';
import type { ProblemItem, SendOptions } from './send.js';

/**
 * The schema (zod/mini) and sending, about 11 KB gz, load on first use (later.ts), not with the
 * page: the form asks for them on the first answer. A load that failed (the connection dropped)
 * is forgotten, so the next answer or press of the button tries again. A browser that still
 * keeps failed module fetches (Firefox ESR) fails again without fetching (README, "Never lose what someone typed").
 */
let later: Promise<typeof import('./later.js')> | undefined;
export const loadLater = () =>
  (later ??= import('./later.js').catch((error: unknown) => {
    later = undefined;
    throw error;
  }));

/** Why a referral was not sent this time (the answers are kept). */
export type Failure = { kind: 'offline' | 'network' } | { kind: 'busy'; retryAfter: number } | { kind: 'refused'; status: number };

/** What came of sending. */
export type Sent =
  | { ok: true; reference: string; receipt: boolean }
  /** The relay refused some answers (400): errors by field path. */
  | { ok: false; errors: ProblemItem[]; reason: 'invalid' }
  | { ok: false; failure: Failure; reason: Failure['kind'] | 'invalid' };

/** What the controller needs from its element. */
export interface ReferralHost extends ReactiveControllerHost {
  readonly id: string;
  /** Keep the draft in `sessionStorage` (the `save-draft` attribute). */
  readonly saveDraft: boolean;
  /** The relay's `POST /api/referrals`. */
  readonly endpoint: string;
}

const STORAGE = 'cme-referral-form';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newAnswers = (): Answers => ({ parents: [{}] });

/**
 * The referral being written and sent: the answers (the draft), its `Idempotency-Key`, the
 * `save-draft` copy in `sessionStorage`, and sending with retries. Nothing typed is lost: a
 * failed send keeps the answers and the key, so "Try again" makes one referral, not two. A 409
 * (the key was already used for a different body, e.g. answers changed after a send whose
 * answer was lost) starts a new key and sends once more. No answer goes into an event, the URL
 * or the console.
 */
export class ReferralController implements ReactiveController {
  answers: Answers = newAnswers();
  /** The person has answered something (only then is a draft stored). */
  touched = false;
  sending = false;
  failure?: Failure | undefined;
  private key?: string | undefined;
  /** After a 429/503: not before this time (ms). */
  private notBefore = 0;

  constructor(
    private readonly host: ReferralHost,
    /** Timeouts and retries (the element's statics, which tests shorten). */
    private readonly options: () => SendOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  private storageKey(): string {
    return this.host.id ? `${STORAGE}#${this.host.id}` : STORAGE;
  }

  /** Stores the draft with the page shown (with `save-draft`, once something is answered). */
  persist(page: PageId): void {
    if (!this.host.saveDraft || !this.touched) return;
    try {
      const { website: _, ...draft } = this.answers;
      sessionStorage.setItem(this.storageKey(), JSON.stringify({ v: 1, draft, key: this.key, page }));
    } catch {
      // Storage full or blocked: the draft stays in memory.
    }
  }

  /** Takes back a stored draft (with `save-draft`); returns the page it was on, or undefined. */
  restore(): { page?: PageId } | undefined {
    if (!this.host.saveDraft) return undefined;
    try {
      const s = JSON.parse(sessionStorage.getItem(this.storageKey()) ?? 'null') as { v?: number; draft?: Answers; key?: unknown; page?: unknown } | null;
      if (s?.v !== 1 || !isObject(s.draft)) return undefined;
      this.answers = { ...newAnswers(), ...s.draft };
      if (typeof s.key === 'string') this.key = s.key;
      this.touched = true;
      return isPageId(s.page) ? { page: s.page } : {};
    } catch {
      // Unreadable: start afresh.
      return undefined;
    }
  }

  /** Forgets the answers, the key, the failure and any stored copy. */
  clear(): void {
    this.answers = newAnswers();
    this.key = undefined;
    this.failure = undefined;
    this.touched = false;
    try {
      sessionStorage.removeItem(this.storageKey());
    } catch {
      // Nothing stored.
    }
  }

  /** Sends the payload (already pruned and checked), retrying as `options` say. */
  async send(payload: Answers, page: PageId): Promise<Sent> {
    this.failure = undefined;
    this.sending = true;
    this.host.requestUpdate();
    try {
      const { newKey, sendReferral } = await loadLater();
      this.key ??= newKey();
      this.persist(page);
      const wait = this.notBefore - Date.now();
      if (wait > 0) await sleep(wait);
      let r = await sendReferral(this.host.endpoint, payload, this.key, this.options());
      if (!r.ok && r.kind === 'conflict') {
        // The key belongs to another body: this is a new referral, with a key of its own.
        this.key = newKey();
        this.persist(page);
        r = await sendReferral(this.host.endpoint, payload, this.key, this.options());
      }
      if (r.ok) {
        this.clear();
        return r;
      }
      if (r.kind === 'invalid') {
        const errors = r.errors.filter((x) => x.path && x.path !== 'Idempotency-Key');
        if (errors.length) return { ok: false, errors, reason: 'invalid' };
      }
      const failure: Failure =
        r.kind === 'busy'
          ? { kind: 'busy', retryAfter: r.retryAfter ?? 1 }
          : r.kind === 'offline' || r.kind === 'network'
            ? { kind: r.kind }
            : { kind: 'refused', status: r.kind === 'refused' ? r.status : r.kind === 'conflict' ? 409 : 400 };
      if (failure.kind === 'busy') this.notBefore = Date.now() + failure.retryAfter * 1000;
      this.failure = failure;
      return { ok: false, failure, reason: r.kind === 'invalid' ? 'invalid' : failure.kind };
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }
}
