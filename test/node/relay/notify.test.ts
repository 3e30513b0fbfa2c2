/**
 * GOV.UK Notify through the real notifications-node-client, against a loopback stand-in for
 * POST /v2/notifications/email that checks what Notify checks: the JWT (HS256 with the key's
 * secret, `iss` = the key's service id, `iat` within 30 s), the template, the address, every
 * placeholder, and file links (confirm the email before download). 400s are permanent; 403 is an
 * authentication failure and 429/5xx temporary, all retried.
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseReferral } from '../../../src/core/referral/schema.js';
import { buildApp } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/server/config.js';
import { LogSink, TODAY, fixture, postReferral, sleep, tempDir, waitFor } from './helpers.js';
import { PLACEHOLDERS, TEMPLATES, checkNotifyJwt, notifyKey, startNotify, type NotifyKey, type TestNotify } from './transport-helpers.js';

const TEAM = 'cme-team@council.example.gov.uk';
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function notifyServer(key: NotifyKey): Promise<TestNotify> {
  const notify = await startNotify(key, PLACEHOLDERS);
  cleanups.push(() => notify.close());
  return notify;
}

async function relay(notify: TestNotify, key: string, env: Record<string, string> = {}, logs?: LogSink): Promise<{ app: FastifyInstance; base: string }> {
  const dir = tempDir();
  const config = {
    ...loadConfig({
      DATA_DIR: dir.path,
      PORT: '0',
      LOG_LEVEL: logs ? 'info' : 'silent',
      CME_TEAM_EMAIL: TEAM,
      NOTIFY_API_KEY: key,
      NOTIFY_TEMPLATE_ID: TEMPLATES.team,
      NOTIFY_BASE_URL: notify.url,
      ...env,
    }),
    retryBaseMs: 50,
    retryMaxMs: 200,
  };
  const app = await buildApp(config, { workerPollMs: 50, ...(logs ? { logStream: logs } : {}) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(async () => {
    await app.close();
    dir.cleanup();
  });
  return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

describe('GOV.UK Notify transport', () => {
  it('sends the team template with the personalisation and the JSON as a file link that asks for the email', async () => {
    const key = notifyKey();
    const notify = await notifyServer(key);
    const { app, base } = await relay(notify, key.key);
    const f = fixture();
    f.safeguarding = { immediateRisk: true, emergencyContacted: true };
    const { status, json } = await postReferral(base, f);
    assert.equal(status, 202);
    await waitFor(() => notify.sent.length === 1, 10_000, 'the Notify request');
    const sent = notify.sent[0]!;
    assert.equal(sent.templateId, TEMPLATES.team);
    assert.equal(sent.emailAddress, TEAM, 'the only recipient comes from config');
    assert.equal(sent.reference, json.reference, 'Notify reference = the referral reference');
    const p = sent.personalisation as Record<string, any>;
    assert.equal(p.reference, json.reference);
    assert.equal(p.urgent, 'yes');
    assert.match(p.summary, /IMMEDIATE RISK OF HARM/);
    assert.match(p.body, /Name: Amelia/);
    assert.equal(p.link_to_file.confirm_email_before_download, true);
    assert.equal(p.link_to_file.filename, `${json.reference}.json`);
    assert.equal(p.link_to_file.retention_period, '5 weeks', 'RETENTION_DAYS 30 → 5 weeks in Notify');
    const doc = JSON.parse(Buffer.from(p.link_to_file.file, 'base64').toString('utf8'));
    assert.equal(doc.reference, json.reference);
    const expected = parseReferral(f, { today: TODAY });
    assert.ok(expected.ok);
    assert.deepEqual(doc.referral, expected.value);
    await waitFor(async () => (await app.relay.outbox.get(json.reference))?.status === 'sent', 10_000, 'recorded as sent');
    assert.equal(notify.refused.length, 0);
  });

  it('a template Notify refuses (400) is a permanent failure: failed at once, alerted, not retried', async () => {
    const key = notifyKey();
    const notify = await notifyServer(key);
    const logs = new LogSink();
    const { app, base } = await relay(notify, key.key, { NOTIFY_TEMPLATE_ID: randomUUID(), ALERT_EMAIL: 'ops@council.example.gov.uk', NOTIFY_ALERT_TEMPLATE_ID: TEMPLATES.alert }, logs);
    const { json } = await postReferral(base, fixture());
    await waitFor(async () => (await app.relay.outbox.get(json.reference))?.status === 'failed', 10_000, 'failed');
    const row = await app.relay.outbox.get(json.reference);
    assert.equal(row?.attempts, 1, 'not retried');
    assert.equal(row?.lastError, 'ENOTIFY_BadRequestError 400');
    await waitFor(() => notify.sent.some((s) => s.templateId === TEMPLATES.alert), 5_000, 'the alert through Notify');
    const alert = notify.sent.find((s) => s.templateId === TEMPLATES.alert)!;
    assert.equal(alert.emailAddress, 'ops@council.example.gov.uk');
    assert.equal(alert.personalisation.reference, json.reference);
    assert.match(String(alert.personalisation.reason), /ENOTIFY_BadRequestError 400 after 1 attempt/);
    assert.doesNotMatch(JSON.stringify(alert.personalisation), /Amelia|Smith|p\.shah|Riverside/i);
    assert.doesNotMatch(logs.text, /Amelia|p\.shah/);
  });

  it('429 and 5xx are temporary: retried until Notify accepts', async () => {
    const key = notifyKey();
    const notify = await notifyServer(key);
    notify.failNext.push(429, 500, 503);
    const { app, base } = await relay(notify, key.key);
    const { json } = await postReferral(base, fixture());
    await waitFor(() => notify.sent.length === 1, 10_000, 'accepted after three refusals');
    assert.deepEqual(notify.refused.map((r) => r.status), [429, 500, 503]);
    const row = await waitFor(async () => {
      const r = await app.relay.outbox.get(json.reference);
      return r?.status === 'sent' ? r : undefined;
    }, 10_000, 'recorded as sent');
    assert.equal(row.attempts, 4);
  });

  it('a key Notify does not accept (403) is an authentication failure: kept pending and retried, auth alert logged', async () => {
    const key = notifyKey();
    const notify = await notifyServer(key);
    const wrong = `${key.key.slice(0, -36)}${randomUUID()}`; // same service, another secret (a revoked key)
    const logs = new LogSink();
    const { app, base } = await relay(notify, wrong, {}, logs);
    const { json } = await postReferral(base, fixture());
    await waitFor(() => logs.lines.some((l) => /"alert":"auth"/.test(l)), 10_000, 'the auth alert');
    const row = await app.relay.outbox.get(json.reference);
    assert.equal(row?.status, 'pending');
    assert.match(row?.lastError ?? '', /^ENOTIFY_AuthError 403/);
    assert.ok(notify.refused.every((r) => r.status === 403 && r.error === 'AuthError'));
    assert.equal(notify.sent.length, 0);
  });
});

describe('the Notify stand-in checks the JWT as Notify does', () => {
  const key = notifyKey();
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const sign = (claims: object, secret = key.secret, alg: 'HS256' | 'HS512' = 'HS256') => {
    const input = `${part({ typ: 'JWT', alg })}.${part(claims)}`;
    return `Bearer ${input}.${createHmac(alg === 'HS256' ? 'sha256' : 'sha512', secret).update(input).digest('base64url')}`;
  };
  it('accepts HS256 with the key secret, iss = service id, iat now', () => {
    const now = nowSeconds();
    assert.equal(checkNotifyJwt(sign({ iss: key.serviceId, iat: now }), key), undefined);
    assert.equal(checkNotifyJwt(sign({ iss: key.serviceId, iat: now - 29 }), key), undefined);
  });
  it('refuses another secret, another service, an old or future iat, another algorithm, no token', () => {
    const now = nowSeconds();
    assert.match(checkNotifyJwt(sign({ iss: key.serviceId, iat: now }, randomUUID()), key)!, /signature/);
    assert.match(checkNotifyJwt(sign({ iss: randomUUID(), iat: now }), key)!, /service not found/);
    assert.match(checkNotifyJwt(sign({ iss: key.serviceId, iat: now - 31 }), key)!, /30 seconds/);
    assert.match(checkNotifyJwt(sign({ iss: key.serviceId, iat: now + 31 }), key)!, /30 seconds/);
    assert.match(checkNotifyJwt(sign({ iss: key.serviceId }), key)!, /iat/);
    assert.match(checkNotifyJwt(sign({ iss: key.serviceId, iat: now }, key.secret, 'HS512'), key)!, /HS256/);
    assert.match(checkNotifyJwt(undefined, key)!, /must be provided/);
  });
  it('refuses a request body without a placeholder the template has', async () => {
    const notify = await notifyServer(key);
    const res = await fetch(`${notify.url}/v2/notifications/email`, {
      method: 'POST',
      headers: { authorization: sign({ iss: key.serviceId, iat: Math.floor(Date.now() / 1000) }), 'content-type': 'application/json' },
      body: JSON.stringify({ template_id: TEMPLATES.receipt, email_address: 'a@example.org', personalisation: { reference: 'CME-X' } }),
    });
    assert.equal(res.status, 400);
    assert.match(JSON.stringify(await res.json()), /Missing personalisation: received, team_email, team_phone/);
    await sleep(0);
  });
});
