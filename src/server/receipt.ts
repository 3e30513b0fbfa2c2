/**
 * The receipt a referrer gets when `REFERRER_RECEIPT=true`: the reference, when the referral was
 * received (London time), the CME team's contact details and what happens next. It is built
 * from the reference, the time and the relay's configuration only: the referral itself is not
 * an input, so no child's or parent's detail can reach it (the referrer's own address is only
 * the recipient).
 */
import type { Referral } from '../core/referral/schema.js';
import { escapeHtml } from './email.js';

export interface ReceiptContext {
  teamEmail: string;
  teamPhone: string | undefined;
}

export interface RenderedReceipt {
  subject: string;
  text: string;
  html: string;
  /** The Notify receipt template's personalisation (docs/relay.md has the template text). */
  personalisation: { reference: string; received: string; team_email: string; team_phone: string };
}

/** `27 November 2026 at 14:05 (UK time)`: a receipt is read by people, in the council's time zone. */
export function londonTime(at: Date): string {
  return `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(at)} (UK time)`;
}

/** The referrer's address, when the referral gives one (the only field of the referral a receipt uses). */
export function receiptAddress(referral: Referral): string | undefined {
  const email = (referral.referrer as { email?: string }).email;
  return typeof email === 'string' && email.includes('@') ? email : undefined;
}

export const NEXT_STEPS = [
  'The Children Missing Education team will read your referral and start their enquiries to find the child and make sure they are receiving a suitable education.',
  'They may contact you if they need more information. Please quote the reference above if you contact them.',
  'If you think a child is in immediate danger, call 999. If you are worried about a child\'s safety, contact children\'s social care straight away: do not wait for the CME team.',
];

export function renderReceipt(reference: string, receivedAt: Date, context: ReceiptContext): RenderedReceipt {
  const received = londonTime(receivedAt);
  const contact = [`Email: ${context.teamEmail}`, ...(context.teamPhone ? [`Phone: ${context.teamPhone}`] : [])];
  const text = [
    'We have received your referral to the Children Missing Education (CME) team.',
    '',
    `Reference: ${reference}`,
    `Received: ${received}`,
    '',
    'WHAT HAPPENS NEXT',
    ...NEXT_STEPS,
    '',
    'CONTACT THE CME TEAM',
    ...contact,
    '',
    'This is an automatic message: replies go to the CME team.',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Referral received</title></head><body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5">',
    '<p>We have received your referral to the Children Missing Education (CME) team.</p>',
    `<p>Reference: <strong>${escapeHtml(reference)}</strong><br>Received: ${escapeHtml(received)}</p>`,
    '<h2 style="font-size: 19px">What happens next</h2>',
    ...NEXT_STEPS.map((line) => `<p>${escapeHtml(line)}</p>`),
    '<h2 style="font-size: 19px">Contact the CME team</h2>',
    `<p>${contact.map(escapeHtml).join('<br>')}</p>`,
    '<p>This is an automatic message: replies go to the CME team.</p>',
    '</body></html>',
  ].join('\n');
  return {
    subject: `Referral received: ${reference}`,
    text,
    html,
    personalisation: { reference, received, team_email: context.teamEmail, team_phone: context.teamPhone ?? '' },
  };
}
