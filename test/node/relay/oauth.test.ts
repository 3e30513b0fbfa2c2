/**
 * SMTP with OAuth2 client credentials against real parts on loopback: oauth2-mock-server issues
 * the tokens (and refuses a wrong client secret with 401 invalid_client, as Entra ID does);
 * smtp-server offers STARTTLS and only AUTH XOAUTH2 and verifies every token against the OAuth2
 * server's JWKS, answering a bad one with 535 as Microsoft 365 does.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/server/config.js';
import { TokenSource } from '../../../src/server/transports/oauth.js';
import { CA, LogSink, fixture, freePort, parse, postReferral, sleep, tempDir, waitFor } from './helpers.js';
import { startOAuth, startXoauthSmtp, type TestOAuth, type XoauthSmtp } from './transport-helpers.js';

const MAILBOX = 'cme-relay@council.example.gov.uk';
const TEAM = 'cme-team@council.example.gov.uk';
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function relay(env: Record<string, string>, logs?: LogSink): Promise<{ app: FastifyInstance; base: string }> {
  const dir = tempDir();
  const config = {
    ...loadConfig({ DATA_DIR: dir.path, PORT: '0', LOG_LEVEL: logs ? 'info' : 'silent', CME_TEAM_EMAIL: TEAM, MAIL_FROM: MAILBOX, SMTP_USER: MAILBOX, ...env }),
    retryBaseMs: 60,
    retryMaxMs: 200,
  };
  const app = await buildApp(config, { mailerOptions: { tls: { ca: CA }, timeoutMs: 3000 }, workerPollMs: 50, ...(logs ? { logStream: logs } : {}) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(async () => {
    await app.close();
    dir.cleanup();
  });
  return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

const oauthEnv = (oauth: TestOAuth, smtp: { port: number }, secret = oauth.clientSecret) => ({
  SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  SMTP_OAUTH_TOKEN_URL: oauth.tokenUrl,
  SMTP_OAUTH_CLIENT_ID: oauth.clientId,
  SMTP_OAUTH_CLIENT_SECRET: secret,
});

async function parts(): Promise<{ oauth: TestOAuth; smtp: XoauthSmtp }> {
  const oauth = await startOAuth();
  const smtp = await startXoauthSmtp(oauth, MAILBOX);
  cleanups.push(() => oauth.close(), () => smtp.close());
  return { oauth, smtp };
}

describe('SMTP OAuth2 (XOAUTH2 over STARTTLS)', () => {
  it('delivers with a client-credentials token, verified by the server, and reuses the cached token', async () => {
    const { oauth, smtp } = await parts();
    const { app, base } = await relay(oauthEnv(oauth, smtp));
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postReferral(base, fixture());
      assert.equal(res.status, 202);
      refs.push(res.json.reference);
      await waitFor(() => smtp.received.length === i + 1, 10_000, `email ${i + 1}`);
    }
    assert.deepEqual(smtp.received.map((r) => r.secure), [true, true, true], 'every session upgraded with STARTTLS before AUTH');
    assert.ok(smtp.auths.length >= 1 && smtp.auths.every((a) => a.ok && a.user === MAILBOX));
    assert.equal(oauth.issued.length, 1, 'one token for all three (cached)');
    assert.deepEqual(smtp.received.map((r) => r.rcptTo), [[TEAM], [TEAM], [TEAM]]);
    assert.equal((await parse(smtp.received[0]!)).messageId, `<${refs[0]}@council.example.gov.uk>`);
    for (const r of refs) await waitFor(async () => (await app.relay.outbox.get(r))?.status === 'sent', 10_000, 'recorded as sent');
  });

  it('a token the server rejects (535) is replaced once and the referral delivered, with no failed attempt counted', async () => {
    const { oauth, smtp } = await parts();
    const { app, base } = await relay(oauthEnv(oauth, smtp));
    smtp.rejectNext = 1;
    const { json } = await postReferral(base, fixture());
    await waitFor(() => smtp.received.length === 1, 10_000, 'the email');
    assert.equal(oauth.issued.length, 2, 'a fresh token after the 535');
    assert.deepEqual(smtp.auths.map((a) => a.ok), [false, true]);
    const row = await waitFor(async () => {
      const r = await app.relay.outbox.get(json.reference);
      return r?.status === 'sent' ? r : undefined;
    }, 10_000, 'recorded as sent');
    assert.equal(row.attempts, 1, 'refresh and retry inside one attempt');
  });

  it('a token endpoint that is down is a temporary failure: retried, then delivered when it is back', async () => {
    const tokenPort = await freePort();
    const first = await startOAuth({ port: tokenPort });
    const client = { clientId: first.clientId, clientSecret: first.clientSecret };
    let issuer: TestOAuth = first;
    const smtp = await startXoauthSmtp(() => issuer, MAILBOX);
    cleanups.push(() => smtp.close());
    const { app, base } = await relay(oauthEnv(first, smtp));
    await first.close(); // the identity provider goes away before the first token is asked for
    const { json } = await postReferral(base, fixture());
    await waitFor(async () => ((await app.relay.outbox.get(json.reference))?.attempts ?? 0) >= 2, 10_000, 'two failed attempts');
    const row = await app.relay.outbox.get(json.reference);
    assert.equal(row?.status, 'pending', 'kept and retried');
    assert.equal(row?.lastError, 'ETOKENNET');
    assert.equal(smtp.received.length, 0);
    // It comes back on the same address with the same client registered (and a new signing key).
    issuer = await startOAuth({ port: tokenPort, ...client });
    cleanups.push(() => issuer.close());
    await waitFor(() => smtp.received.length === 1, 15_000, 'delivery once the token endpoint is back');
    await waitFor(async () => (await app.relay.outbox.get(json.reference))?.status === 'sent', 10_000, 'recorded as sent');
  });

  it('a wrong client secret: nothing marked sent, the referral kept, an authentication alert raised once (no personal data)', async () => {
    const { oauth, smtp } = await parts();
    const logs = new LogSink();
    const { app, base } = await relay({ ...oauthEnv(oauth, smtp, 'not-the-secret'), ALERT_EMAIL: 'relay-ops@council.example.gov.uk' }, logs);
    const refs = await Promise.all([postReferral(base, fixture()), postReferral(base, fixture())]).then((r) => r.map((x) => x.json.reference as string));
    await waitFor(() => logs.lines.some((l) => /"alert":"auth"/.test(l)), 15_000, 'the auth alert');
    await sleep(600); // more failed attempts: still one alert
    const alerts = logs.lines.filter((l) => /"alert":"auth"/.test(l) && /ALERT/.test(l));
    assert.equal(alerts.length, 1, 'raised once');
    const alert = JSON.parse(alerts[0]!);
    assert.equal(alert.level, 50, 'logged at level error');
    assert.match(alert.reason, /authentication failures in a row \(ETOKENAUTH 401\)/);
    for (const r of refs) {
      const row = await app.relay.outbox.get(r);
      assert.equal(row?.status, 'pending', 'nothing marked sent or failed');
      assert.match(row?.lastError ?? '', /^ETOKENAUTH/);
    }
    assert.equal(smtp.received.length, 0);
    assert.equal(oauth.issued.length, 0);
    assert.doesNotMatch(logs.text, /Amelia|Smith|p\.shah|not-the-secret/, 'no personal data or secret in the logs');
    const metrics = app.relay.metrics;
    assert.match(await metrics.text(), /cme_alerts_total\{condition="auth"\} 1/);
  });
});

describe('TokenSource', () => {
  it('renews before expiry, shares one request between concurrent callers, forgets a refused token', async () => {
    const oauth = await startOAuth({ ttlSeconds: 60 });
    cleanups.push(() => oauth.close());
    let now = Date.now();
    const tokens = new TokenSource({ tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, clientSecret: oauth.clientSecret, scope: 's', user: MAILBOX }, () => now);
    const [a, b] = await Promise.all([tokens.get(), tokens.get()]);
    assert.equal(a.accessToken, b.accessToken);
    assert.equal(oauth.issued.length, 1);
    now += 25_000; // a 60 s token is used for half its life
    assert.equal((await tokens.get()).accessToken, a.accessToken);
    now += 10_000;
    const c = await tokens.get();
    assert.equal(oauth.issued.length, 2, 'renewed after half its life');
    tokens.invalidate('an older token'); // not the current one: kept
    assert.equal((await tokens.get()).accessToken, c.accessToken);
    assert.equal(oauth.issued.length, 2);
    tokens.invalidate(c.accessToken);
    await tokens.get();
    assert.equal(oauth.issued.length, 3);
  });
});
