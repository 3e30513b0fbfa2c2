/**
 * Delivery to a real SMTP server (npm smtp-server on loopback) with the test CA: STARTTLS
 * required and verified, plaintext refused unless allowed, implicit TLS with AUTH, and the real
 * CLI in a child process trusting the CA through NODE_EXTRA_CA_CERTS. The emails are parsed with
 * mailparser and checked: recipient, subject, Message-ID, Reply-To, escaping, attachment.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseReferral } from '../../../src/core/referral/schema.js';
import { buildApp } from '../../../src/server/app.js';
import type { RelayConfig } from '../../../src/server/config.js';
import { CA, CA_FILE, TODAY, fixture, health, postReferral, parse, spawnRelay, startSmtp, tempDir, testConfig, waitFor, type TestSmtp } from './helpers.js';

const TEAM = 'cme-team@council.example.gov.uk';
const FROM = 'referrals@relay.council.example.gov.uk';
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function relayTo(smtp: TestSmtp, overrides: Partial<RelayConfig> = {}, trustCa = true): Promise<{ app: FastifyInstance; base: string }> {
  const dir = tempDir();
  const app = await buildApp(testConfig(dir.path, { smtpUrl: smtp.url, teamEmail: TEAM, mailFrom: FROM, ...overrides }), {
    ...(trustCa ? { mailerOptions: { tls: { ca: CA }, timeoutMs: 3000 } } : { mailerOptions: { timeoutMs: 3000 } }),
    workerPollMs: 50,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(async () => {
    await app.close();
    dir.cleanup();
  });
  return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

async function smtpServer(options: Parameters<typeof startSmtp>[0] = {}): Promise<TestSmtp> {
  const smtp = await startSmtp(options);
  cleanups.push(() => smtp.close());
  return smtp;
}

describe('SMTP with STARTTLS and the test CA', () => {
  it('delivers a complete, escaped email with the JSON attachment to the team only', async () => {
    const smtp = await smtpServer();
    const { base } = await relayTo(smtp);
    const f = fixture();
    f.safeguarding = { immediateRisk: true, emergencyContacted: true };
    f.child.lastName = `O'Brien & "Sons"`;
    f.concerns.details = 'Attendance < 50% & falling > 3 weeks; mum said "we\'re off".\nSecond line.';
    f.enquiries[0].details = 'Rang 01905 844440 & emailed x@example.com; reply was <> or "< 5 words"';
    const res = await postReferral(base, f);
    assert.equal(res.status, 202);
    const reference: string = res.json.reference;
    await waitFor(() => smtp.received.length === 1, 10_000, 'the email');
    const mail = smtp.received[0]!;
    const p = await parse(mail);

    assert.equal(mail.secure, true, 'the session was upgraded with STARTTLS');
    assert.deepEqual(mail.rcptTo, [TEAM], 'the only recipient comes from config');
    assert.equal(mail.mailFrom, FROM);
    assert.equal(p.subject, `CME referral ${reference}`);
    assert.equal(p.messageId, `<${reference}@relay.council.example.gov.uk>`);
    assert.equal(p.replyTo?.value[0]?.address, 'p.shah@riverside.example.sch.uk');
    assert.equal(p.headers.get('x-cme-reference'), reference);
    assert.match(mail.raw.toString('utf8'), /^Importance: High$/im, 'urgent referrals are marked high priority');

    // Plain text: urgent flags come first, then the child.
    const text = p.text ?? '';
    assert.ok(text.indexOf('IMMEDIATE RISK OF HARM') < text.indexOf('CHILD'), 'urgent first');
    assert.ok(text.indexOf('Whereabouts not known') < text.indexOf('CHILD'));
    assert.ok(text.indexOf('CHILD') < text.indexOf('PARENT OR CARER 1') && text.indexOf('PARENT OR CARER 1') < text.indexOf('EDUCATION'));
    assert.ok(text.indexOf('ENQUIRIES ALREADY MADE') < text.indexOf('CONCERNS') && text.indexOf('CONCERNS') < text.indexOf('REFERRER'));
    assert.match(text, /Name: Amelia O'Brien & "Sons"/);
    assert.match(text, /Date of birth: 14 March 2015/);
    assert.match(text, /Phone: 01905 844440/);

    // HTML: every user value escaped.
    const html = String(p.html);
    assert.ok(html.includes('Amelia O&#39;Brien &#38; &#34;Sons&#34;'), 'name escaped');
    assert.ok(html.includes('Attendance &#60; 50% &#38; falling &#62; 3 weeks; mum said &#34;we&#39;re off&#34;.<br>Second line.'), 'concerns escaped');
    assert.ok(html.includes('reply was &#60;&#62; or &#34;&#60; 5 words&#34;'), 'enquiry escaped');
    assert.ok(!html.includes('<>') && !html.includes('< 50%') && !html.includes('"Sons"'), 'no raw user markup');

    // The attachment is the validated referral.
    assert.equal(p.attachments.length, 1);
    const att = p.attachments[0]!;
    assert.equal(att.filename, `${reference}.json`);
    assert.equal(att.contentType, 'application/json');
    const doc = JSON.parse(att.content.toString('utf8'));
    assert.equal(doc.schema, 'cme-referral/1');
    assert.equal(doc.reference, reference);
    const expected = parseReferral(f, { today: TODAY });
    assert.ok(expected.ok);
    assert.deepEqual(doc.referral, expected.value);
    assert.equal((await health(base)).queue.pending, 0);
  });

  it('refuses a server whose certificate the CA did not issue', async () => {
    const smtp = await smtpServer({ untrusted: true });
    const { app, base } = await relayTo(smtp, { maxAttempts: 2 });
    const { json } = await postReferral(base, fixture());
    await waitFor(async () => (await app.relay.outbox.get(json.reference))?.status === 'failed', 10_000, 'failure');
    assert.equal(smtp.received.length, 0);
    assert.match((await app.relay.outbox.get(json.reference))?.lastError ?? '', /^ESOCKET .*self-signed certificate/);
    assert.deepEqual((await health(base)).queue, { pending: 0, failed: 1 });
  });

  it('refuses a server without STARTTLS, unless SMTP_ALLOW_PLAINTEXT', async () => {
    const plain = await smtpServer({ tls: 'none' });
    const strict = await relayTo(plain, { maxAttempts: 2 });
    const refused = await postReferral(strict.base, fixture());
    await waitFor(async () => (await strict.app.relay.outbox.get(refused.json.reference))?.status === 'failed', 10_000, 'failure');
    assert.equal(plain.received.length, 0, 'nothing sent in clear text');
    assert.match((await strict.app.relay.outbox.get(refused.json.reference))?.lastError ?? '', /^ETLS/, 'refused for want of STARTTLS');

    const allowed = await relayTo(plain, { smtpAllowPlaintext: true });
    await postReferral(allowed.base, fixture());
    await waitFor(() => plain.received.length === 1, 10_000, 'the plaintext email');
    assert.equal(plain.received[0]!.secure, false);
  });

  it('speaks implicit TLS (smtps://) with AUTH credentials from the URL', async () => {
    const smtp = await smtpServer({ tls: 'implicit', auth: { user: 'relay', pass: 'pa ss/w@rd' } });
    smtp.url = `smtps://relay:${encodeURIComponent('pa ss/w@rd')}@127.0.0.1:${smtp.port}`;
    const { base } = await relayTo(smtp);
    const { json } = await postReferral(base, fixture());
    await waitFor(() => smtp.received.length === 1, 10_000, 'the email');
    assert.equal(smtp.received[0]!.messageId, `<${json.reference}@relay.council.example.gov.uk>`);
    assert.equal(smtp.received[0]!.secure, true);
  });
});

describe('the CLI in a child process', () => {
  it('trusts the test CA through NODE_EXTRA_CA_CERTS, and without it refuses the server', async () => {
    const smtp = await smtpServer();
    const trusted = tempDir();
    const untrusted = tempDir();
    cleanups.push(trusted.cleanup, untrusted.cleanup);
    const env = { SMTP_URL: smtp.url, CME_TEAM_EMAIL: TEAM, MAIL_FROM: FROM, DELIVERY_RETRY_BASE_MS: '100' };
    const [a, b] = await Promise.all([
      spawnRelay({ ...env, DATA_DIR: trusted.path, NODE_EXTRA_CA_CERTS: CA_FILE }),
      spawnRelay({ ...env, DATA_DIR: untrusted.path }),
    ]);
    cleanups.push(() => {
      a.child.kill('SIGKILL');
      b.child.kill('SIGKILL');
    });
    assert.match(a.output(), new RegExp(`Emails go to smtp://127\\.0\\.0\\.1:${smtp.port} \\(STARTTLS required\\)`));
    const good = await postReferral(a.url, fixture());
    const bad = await postReferral(b.url, fixture());
    assert.deepEqual([good.status, bad.status], [202, 202]);
    await waitFor(() => smtp.received.length === 1, 15_000, 'the email from the trusting relay');
    assert.equal(smtp.received[0]!.messageId, `<${good.json.reference}@relay.council.example.gov.uk>`);
    assert.equal(smtp.received[0]!.secure, true);
    // The other relay keeps it queued and retrying; nothing reaches the server.
    await waitFor(() => /delivery attempt failed/.test(b.output()), 10_000, 'a logged failure');
    assert.deepEqual((await health(b.url)).queue, { pending: 1, failed: 0 });
    assert.equal(smtp.received.length, 1);
    assert.doesNotMatch(b.output(), /Amelia|O'Brien|p\.shah/, 'no personal data in the logs');

    // SIGTERM: graceful stop, exit code 0.
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    assert.deepEqual(await Promise.all([a.exited, b.exited]), [0, 0]);
    assert.match(a.output(), /stopped\./);
  });
});
