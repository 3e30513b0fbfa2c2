/**
 * The referrer's receipt (REFERRER_RECEIPT=true) through every transport: sent to the referrer,
 * with the reference, the time received (London), the team's contact details and what happens
 * next, and none of the child's or parents' details (every string field of those sections of the
 * fixture, as sent and as normalised, is looked for). The 202 says whether a receipt will go.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { buildApp } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/server/config.js';
import { renderReceipt } from '../../../src/server/receipt.js';
import { CA, fixture, postReferral, sleep, startSmtp, tempDir, waitFor } from './helpers.js';
import { assertNoPersonalData } from './personal-data.js';
import { PLACEHOLDERS, TEMPLATES, notifyKey, startNotify } from './transport-helpers.js';

const TEAM = 'cme-team@council.example.gov.uk';
const PHONE = '01905 822 666';
const REFERRER = 'p.shah@riverside.example.sch.uk';
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function relay(env: Record<string, string>, mailerOptions = {}): Promise<{ app: FastifyInstance; base: string; dir: string }> {
  const dir = tempDir();
  const config = { ...loadConfig({ DATA_DIR: dir.path, PORT: '0', LOG_LEVEL: 'silent', CME_TEAM_EMAIL: TEAM, CME_TEAM_PHONE: PHONE, REFERRER_RECEIPT: 'true', MAIL_FROM: 'referrals@council.example.gov.uk', ...env }), retryBaseMs: 50, retryMaxMs: 200 };
  const app = await buildApp(config, { workerPollMs: 50, mailerOptions });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(async () => {
    await app.close();
    dir.cleanup();
  });
  return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`, dir: dir.path };
}

function assertReceiptText(text: string, reference: string): void {
  assert.ok(text.includes(reference), 'the reference');
  assert.match(text, /Received: \d{1,2} \w+ 20\d\d at \d\d:\d\d \(UK time\)/, 'when, in London time');
  assert.ok(text.includes(TEAM) && text.includes(PHONE), "the team's contact details");
  assert.match(text, /what happens next/i);
  assertNoPersonalData(text, 'the receipt');
}

describe('receipt to the referrer', () => {
  it('file transport: a .receipt.eml to the referrer; 202 says receipt: true', async () => {
    const { base, dir } = await relay({});
    const res = await postReferral(base, fixture());
    assert.equal(res.status, 202);
    assert.equal(res.json.receipt, true);
    const file = join(dir, 'mail', `${res.json.reference}.receipt.eml`);
    const raw = await waitFor(() => {
      try {
        return readFileSync(file);
      } catch {
        return undefined;
      }
    }, 10_000, 'the receipt file');
    const mail = await simpleParser(raw);
    assert.equal(mail.to && 'value' in mail.to ? mail.to.value[0]?.address : '', REFERRER);
    assert.equal(mail.replyTo?.value[0]?.address, TEAM);
    assert.equal(mail.subject, `Referral received: ${res.json.reference}`);
    assert.equal(mail.messageId, `<${res.json.reference}.receipt@council.example.gov.uk>`);
    assertReceiptText(`${mail.subject}\n${mail.text}\n${mail.html}`, res.json.reference);
    assertNoPersonalData(raw.toString('utf8'), 'the raw receipt file');
  });

  it('SMTP: the receipt goes to the referrer only, after the referral to the team', async () => {
    const smtp = await startSmtp();
    cleanups.push(() => smtp.close());
    const { base } = await relay({ SMTP_URL: smtp.url }, { tls: { ca: CA } });
    const res = await postReferral(base, fixture());
    assert.equal(res.json.receipt, true);
    await waitFor(() => smtp.received.length === 2, 10_000, 'the referral and the receipt');
    assert.deepEqual(smtp.received.map((r) => r.rcptTo), [[TEAM], [REFERRER]]);
    const mail = await simpleParser(smtp.received[1]!.raw);
    assertReceiptText(`${mail.subject}\n${mail.text}\n${mail.html}`, res.json.reference);
    assertNoPersonalData(smtp.received[1]!.raw.toString('utf8'), 'the raw receipt');
  });

  it('Notify: the receipt template with reference, received, team_email, team_phone', async () => {
    const key = notifyKey();
    const notify = await startNotify(key, PLACEHOLDERS);
    cleanups.push(() => notify.close());
    const { base } = await relay({ NOTIFY_API_KEY: key.key, NOTIFY_TEMPLATE_ID: TEMPLATES.team, NOTIFY_RECEIPT_TEMPLATE_ID: TEMPLATES.receipt, NOTIFY_BASE_URL: notify.url });
    const res = await postReferral(base, fixture());
    assert.equal(res.json.receipt, true);
    await waitFor(() => notify.sent.length === 2, 10_000, 'the referral and the receipt');
    const receipt = notify.sent.find((s) => s.templateId === TEMPLATES.receipt)!;
    assert.equal(receipt.emailAddress, REFERRER);
    assert.equal(receipt.reference, `${res.json.reference}-receipt`);
    assert.deepEqual(Object.keys(receipt.personalisation).sort(), ['received', 'reference', 'team_email', 'team_phone']);
    assert.equal(receipt.personalisation.reference, res.json.reference);
    assert.equal(receipt.personalisation.team_email, TEAM);
    assert.equal(receipt.personalisation.team_phone, PHONE);
    assertNoPersonalData(JSON.stringify(receipt), 'the receipt request');
  });

  it('says receipt: false when receipts are off, or the referrer gave no email; and then sends none', async () => {
    const off = await relay({ REFERRER_RECEIPT: 'false' });
    const a = await postReferral(off.base, fixture());
    assert.equal(a.json.receipt, false);
    const on = await relay({});
    const anonymous = fixture();
    anonymous.referrer = { type: 'public' };
    delete anonymous.child.upn;
    delete anonymous.education.deletionGround;
    delete anonymous.concerns.dslAppraisal;
    const b = await postReferral(on.base, anonymous);
    assert.equal(b.status, 202, JSON.stringify(b.json));
    assert.equal(b.json.receipt, false);
    await waitFor(async () => (await on.app.relay.outbox.get(b.json.reference))?.status === 'sent', 10_000, 'delivered');
    await waitFor(async () => (await off.app.relay.outbox.get(a.json.reference))?.status === 'sent', 10_000, 'delivered');
    await sleep(300); // a receipt would follow the delivery within milliseconds
    assert.deepEqual(readdirSync(join(on.dir, 'mail')).filter((n) => n.includes('receipt')), []);
    assert.deepEqual(readdirSync(join(off.dir, 'mail')).filter((n) => n.includes('receipt')), []);
  });

  it('renderReceipt takes only the reference, the time and the team: Europe/London across a clock change', () => {
    const summer = renderReceipt('CME-ABCDEFGH', new Date('2026-10-24T23:30:00Z'), { teamEmail: TEAM, teamPhone: undefined });
    assert.match(summer.text, /25 October 2026 at 00:30 \(UK time\)/, 'BST');
    const winter = renderReceipt('CME-ABCDEFGH', new Date('2026-10-25T23:30:00Z'), { teamEmail: TEAM, teamPhone: undefined });
    assert.match(winter.text, /25 October 2026 at 23:30 \(UK time\)/, 'GMT');
    assert.doesNotMatch(winter.text, /Phone:/);
  });
});
