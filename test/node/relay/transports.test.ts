/**
 * The fault tests for every transport (file, SMTP with OAuth2, GOV.UK Notify), each with
 * "nothing lost" asserted by counting deliveries against 202s: the mail system down for a while,
 * the relay restarted with a queue, the relay SIGKILLed mid-delivery and restarted. Password SMTP
 * has the same three in faults.test.ts. Also: MAIL_TRANSPORT selection and its configuration
 * errors, and permanent failures marked failed at once (not retried).
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, describeMailTarget, loadConfig } from '../../../src/server/config.js';
import { createTransport } from '../../../src/server/mailer.js';
import { classifySmtpError } from '../../../src/server/transports/smtp.js';
import { CA_FILE, fixture, freePort, health, postReferral, spawnRelay, tempDir, waitFor, type ChildRelay } from './helpers.js';
import { PLACEHOLDERS, TEMPLATES, notifyKey, startNotify, startOAuth, startXoauthSmtp, type TestNotify, type TestOAuth, type XoauthSmtp } from './transport-helpers.js';

const FROM = 'referrals@relay.example.gov.uk';
const MAILBOX = 'cme-relay@council.example.gov.uk';
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** One transport under test: the env for the relay, and a way to start its far end and count what arrived. */
interface Sink {
  name: string;
  /** Env for a relay whose mail system is (or will be) on `port`. */
  env(dataDir: string, port: number): Record<string, string>;
  /** Starts the far end on `port` (for "comes up later"); `slow` delays each acceptance. */
  up(port: number, dataDir: string, slow?: { delayMs: number; onStart: () => void }): Promise<void>;
  /** Makes the far end unreachable before the relay starts (file: the mail folder cannot be made). */
  down?(dataDir: string): void;
  /** References delivered so far, one entry per delivery (duplicates kept). */
  delivered(dataDir: string): string[];
  close(): Promise<void>;
}

function fileSink(): Sink {
  const written = new Set<string>();
  return {
    name: 'file',
    env: (dataDir) => ({ DATA_DIR: dataDir, MAIL_TRANSPORT: 'file', MAIL_FROM: FROM }),
    down(dataDir) {
      // The mail folder is a link to a folder that does not exist yet: every write fails (as on a
      // disk that is unmounted), even for root, which ignores permissions.
      symlinkSync(join(dataDir, 'mail-volume'), join(dataDir, 'mail'));
    },
    async up(_port, dataDir) {
      mkdirSync(join(dataDir, 'mail-volume'), { recursive: true, mode: 0o700 });
    },
    delivered(dataDir) {
      const names = readdirSafe(join(dataDir, 'mail')) ?? [];
      for (const n of names) if (/^CME-\w{8}\.eml$/.test(n)) written.add(n.slice(0, 12));
      return [...written];
    },
    async close() {},
  };
}

function readdirSafe(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}

async function oauthSink(): Promise<Sink> {
  const oauth: TestOAuth = await startOAuth();
  let smtp: XoauthSmtp | undefined;
  return {
    name: 'smtp (OAuth2)',
    env: (dataDir, port) => ({
      DATA_DIR: dataDir,
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      SMTP_OAUTH_TOKEN_URL: oauth.tokenUrl,
      SMTP_OAUTH_CLIENT_ID: oauth.clientId,
      SMTP_OAUTH_CLIENT_SECRET: oauth.clientSecret,
      SMTP_USER: MAILBOX,
      MAIL_FROM: FROM,
      NODE_EXTRA_CA_CERTS: CA_FILE,
    }),
    async up(port, _dataDir, slow) {
      smtp = await startXoauthSmtp(oauth, MAILBOX, { port, ...(slow ? { delayMs: slow.delayMs, onDataStart: slow.onStart } : {}) });
    },
    delivered: () => (smtp?.messageIds() ?? []).map((id) => id.slice(1, 13)),
    async close() {
      await smtp?.close();
      await oauth.close();
    },
  };
}

function notifySink(): Sink {
  const key = notifyKey();
  let notify: TestNotify | undefined;
  return {
    name: 'notify',
    env: (dataDir, port) => ({
      DATA_DIR: dataDir,
      NOTIFY_API_KEY: key.key,
      NOTIFY_TEMPLATE_ID: TEMPLATES.team,
      NOTIFY_BASE_URL: `http://127.0.0.1:${port}`,
    }),
    async up(port, _dataDir, slow) {
      notify = await startNotify(key, PLACEHOLDERS, { port, ...(slow ? { delayMs: slow.delayMs, onRequest: slow.onStart } : {}) });
    },
    delivered: () => (notify?.sent ?? []).filter((s) => s.templateId === TEMPLATES.team).map((s) => s.reference ?? ''),
    async close() {
      await notify?.close();
    },
  };
}

function assertNothingLost(delivered: string[], references: string[], maxDuplicates: number): void {
  const unique = new Set(delivered);
  assert.deepEqual([...unique].sort(), [...references].sort(), 'one delivery per 202, matched by reference');
  assert.ok(delivered.length - unique.size <= maxDuplicates, `${delivered.length - unique.size} duplicates (at most ${maxDuplicates} allowed)`);
}

async function postMany(base: string, n: number): Promise<string[]> {
  const replies = await Promise.all(Array.from({ length: n }, (_, i) => postReferral(base, fixture(), { 'idempotency-key': `t-${i}-${Math.random()}` })));
  assert.ok(replies.every((r) => r.status === 202), `statuses: ${[...new Set(replies.map((r) => r.status))].join(',')}`);
  return replies.map((r) => r.json.reference as string);
}

const FAST = { DELIVERY_RETRY_BASE_MS: '50', DELIVERY_RETRY_MAX_MS: '300', RATE_LIMIT_PER_MINUTE: '1000' };

async function child(env: Record<string, string>): Promise<ChildRelay> {
  const relay = await spawnRelay({ ...FAST, ...env });
  cleanups.push(() => void relay.child.kill('SIGKILL'));
  return relay;
}

/** A transport's mail sink, an empty data folder and a free port, all cleaned up after the test. */
async function rig(make: () => Sink | Promise<Sink>) {
  const sink = await make();
  cleanups.push(() => sink.close());
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  return { sink, dir, port: await freePort() };
}

for (const make of [fileSink, oauthSink, notifySink]) {
  describe(`faults, transport ${make.name.replace('Sink', '')}`, () => {
    it('keeps referrals while the mail system is down, and delivers them all when it comes up', async () => {
      const { sink, dir, port } = await rig(make);
      sink.down?.(dir.path);
      const relay = await child(sink.env(dir.path, port));
      const refs = await postMany(relay.url, 10);
      await waitFor(() => /delivery attempt failed; will retry/.test(relay.output()), 10_000, 'failed attempts');
      assert.equal((await health(relay.url)).queue.pending, 10);
      await sink.up(port, dir.path);
      await waitFor(async () => (await health(relay.url)).queue.pending === 0, 20_000, 'the queue to drain');
      assertNothingLost(sink.delivered(dir.path), refs, 0);
      relay.child.kill('SIGTERM');
      assert.equal(await relay.exited, 0);
    });

    it('delivers a queue left by a relay that was stopped, after a restart', async () => {
      const { sink, dir, port } = await rig(make);
      sink.down?.(dir.path);
      const first = await child(sink.env(dir.path, port));
      const refs = await postMany(first.url, 15);
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0);
      await sink.up(port, dir.path);
      const second = await child(sink.env(dir.path, port));
      await waitFor(async () => (await health(second.url)).queue.pending === 0, 20_000, 'the queue to drain');
      assertNothingLost(sink.delivered(dir.path), refs, 0);
      second.child.kill('SIGTERM');
      await second.exited;
    });

    it('loses nothing when the relay is killed with SIGKILL mid-delivery and restarted', async () => {
      const { sink, dir, port } = await rig(make);
      let started = 0;
      await sink.up(port, dir.path, { delayMs: 120, onStart: () => started++ });
      const env = sink.env(dir.path, port);
      const first = await child(env);
      const refs = await postMany(first.url, 24);
      if (make === fileSink) {
        // Files are written in microseconds: kill as soon as some have gone.
        await waitFor(() => sink.delivered(dir.path).length >= 2, 15_000, 'deliveries in progress');
      } else {
        await waitFor(() => sink.delivered(dir.path).length >= 3 && started > sink.delivered(dir.path).length, 15_000, 'deliveries in progress');
      }
      first.child.kill('SIGKILL');
      await first.exited;
      assert.ok(new Set(sink.delivered(dir.path)).size < 24, 'the kill happened mid-queue');
      const second = await child(env);
      await waitFor(async () => (await health(second.url)).queue.pending === 0, 30_000, 'the queue to drain after restart');
      await waitFor(() => new Set(sink.delivered(dir.path)).size === 24, 5_000, 'all 24');
      // At most the messages in flight at the kill (worker concurrency 4) can arrive twice.
      assertNothingLost(sink.delivered(dir.path), refs, 4);
      second.child.kill('SIGTERM');
      await second.exited;
    });
  });
}

describe('MAIL_TRANSPORT', () => {
  const key = notifyKey().key;
  const base = { DATA_DIR: '/tmp/x', LOG_LEVEL: 'silent' };
  const kindOf = (env: Record<string, string>) => createTransport(loadConfig({ ...base, ...env })).kind;

  it('defaults to smtp with SMTP_URL, notify with NOTIFY_API_KEY, else file; MAIL_TRANSPORT overrides', () => {
    assert.equal(kindOf({}), 'file');
    assert.equal(kindOf({ SMTP_URL: 'smtp://mail.example.org:587' }), 'smtp');
    assert.equal(kindOf({ NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_ID: TEMPLATES.team }), 'notify');
    assert.equal(kindOf({ MAIL_TRANSPORT: 'file', SMTP_URL: 'smtp://mail.example.org:587', NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_ID: TEMPLATES.team }), 'file');
    assert.equal(kindOf({ MAIL_TRANSPORT: 'notify', SMTP_URL: 'smtp://mail.example.org:587', NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_ID: TEMPLATES.team }), 'notify');
    assert.match(describeMailTarget(loadConfig({ ...base, NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_ID: TEMPLATES.team })), /GOV\.UK Notify \(api\.notifications\.service\.gov\.uk\)/);
  });

  const refuses = (env: Record<string, string>, variable: string, pattern: RegExp) => {
    assert.throws(
      () => loadConfig({ ...base, ...env }),
      (e: unknown) => e instanceof ConfigError && e.variable === variable && pattern.test(e.message) && !e.message.includes('s3cret') && !e.message.includes(key.slice(-36)),
    );
  };

  it('refuses both SMTP_URL and NOTIFY_API_KEY without MAIL_TRANSPORT, naming both', () => {
    refuses({ SMTP_URL: 'smtp://mail.example.org:587', NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_ID: TEMPLATES.team }, 'MAIL_TRANSPORT', /SMTP_URL and NOTIFY_API_KEY/);
  });

  it('refuses bad values with the variable named and no secret echoed', () => {
    refuses({ MAIL_TRANSPORT: 'carrier-pigeon' }, 'MAIL_TRANSPORT', /not file, smtp or notify/);
    refuses({ MAIL_TRANSPORT: 'smtp' }, 'SMTP_URL', /must be set/);
    refuses({ MAIL_TRANSPORT: 'notify' }, 'NOTIFY_API_KEY', /must be set/);
    refuses({ NOTIFY_API_KEY: 'not-a-key-s3cret', NOTIFY_TEMPLATE_ID: TEMPLATES.team }, 'NOTIFY_API_KEY', /not a GOV\.UK Notify API key/);
    refuses({ NOTIFY_API_KEY: key }, 'NOTIFY_TEMPLATE_ID', /must be set/);
    refuses({ NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_ID: TEMPLATES.team, NOTIFY_BASE_URL: 'http://notify.example.org' }, 'NOTIFY_BASE_URL', /https:/);
    refuses({ NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_ID: TEMPLATES.team, REFERRER_RECEIPT: 'true' }, 'NOTIFY_RECEIPT_TEMPLATE_ID', /REFERRER_RECEIPT/);
    refuses({ NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_ID: TEMPLATES.team, ALERT_EMAIL: 'ops@example.gov.uk' }, 'NOTIFY_ALERT_TEMPLATE_ID', /ALERT_EMAIL/);
  });

  it('SMTP OAuth2: refuses a password in SMTP_URL, a plain-http token URL off loopback, missing parts', () => {
    const oauth = { SMTP_OAUTH_CLIENT_ID: 'abc', SMTP_OAUTH_CLIENT_SECRET: 's3cret', SMTP_OAUTH_TOKEN_URL: 'https://login.microsoftonline.com/t/oauth2/v2.0/token', SMTP_USER: MAILBOX };
    refuses({ ...oauth, SMTP_URL: 'smtp://relay:s3cret@smtp.office365.com:587' }, 'SMTP_URL', /password while SMTP_OAUTH_CLIENT_ID/);
    refuses({ ...oauth, SMTP_URL: 'smtp://smtp.office365.com:587', SMTP_OAUTH_TOKEN_URL: 'http://login.example.org/token' }, 'SMTP_OAUTH_TOKEN_URL', /https:/);
    refuses({ ...oauth, SMTP_URL: 'smtp://smtp.office365.com:587', SMTP_USER: '' }, 'SMTP_USER', /mailbox/);
    refuses({ ...oauth, SMTP_URL: 'smtp://smtp.office365.com:587', SMTP_OAUTH_CLIENT_SECRET: '' }, 'SMTP_OAUTH_CLIENT_SECRET', /must be set/);
    const ok = loadConfig({ ...base, ...oauth, SMTP_URL: 'smtp://smtp.office365.com:587', SMTP_OAUTH_TOKEN_URL: 'http://127.0.0.1:9/token' });
    assert.equal(ok.mail.smtpOAuth?.scope, 'https://outlook.office365.com/.default');
    assert.match(describeMailTarget(ok), /STARTTLS required, OAuth2/);
  });
});

describe('failure classes', () => {
  it('SMTP: 5xx to RCPT TO or DATA is permanent; 4xx, 535, connection and TLS errors are temporary', () => {
    const c = (e: object) => {
      const r = classifySmtpError(Object.assign(new Error('x'), e));
      assert.equal(r.ok, false);
      return r.ok ? undefined : { permanent: r.permanent, auth: r.auth === true };
    };
    assert.deepEqual(c({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }), { permanent: true, auth: false });
    assert.deepEqual(c({ code: 'EMESSAGE', responseCode: 554, command: 'DATA' }), { permanent: true, auth: false });
    assert.deepEqual(c({ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }), { permanent: false, auth: false });
    assert.deepEqual(c({ code: 'EAUTH', responseCode: 535, command: 'AUTH XOAUTH2' }), { permanent: false, auth: true });
    assert.deepEqual(c({ code: 'ECONNECTION' }), { permanent: false, auth: false });
    assert.deepEqual(c({ code: 'ETLS' }), { permanent: false, auth: false });
  });

  it('file: a mail folder that cannot be written is temporary, and the referral goes once it can', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    mkdirSync(join(dir.path, 'mail'));
    chmodSync(join(dir.path, 'mail'), 0o500);
    const relay = await child({ DATA_DIR: dir.path, MAIL_FROM: FROM });
    const { json } = await postReferral(relay.url, fixture());
    if (process.getuid?.() !== 0) {
      await waitFor(() => /delivery attempt failed; will retry/.test(relay.output()), 10_000, 'a failed attempt');
      assert.deepEqual((await health(relay.url)).queue, { pending: 1, failed: 0 });
    }
    chmodSync(join(dir.path, 'mail'), 0o700);
    await waitFor(() => existsSync(join(dir.path, 'mail', `${json.reference}.eml`)), 10_000, 'the .eml file');
    relay.child.kill('SIGTERM');
    await relay.exited;
  });
});
