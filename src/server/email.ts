/**
 * The email a caseworker receives: a plain-text and an HTML body built from one outline (urgent
 * flags first, then child, parents or carers, education, vulnerabilities and siblings, enquiries,
 * concerns, referrer), and the validated referral as a JSON attachment for a case system.
 * Every user value in the HTML is escaped; the subject carries only the reference.
 */
import {
  deletionGroundLabels,
  destinationLabels,
  enquiryMethodLabels,
  provisionLabels,
  referrerTypeLabels,
  sexLabels,
  vulnerabilityLabels,
  yearGroupLabel,
  yesNoUnknownLabels,
} from '../core/referral/labels.js';
import type { Address, Referral } from '../core/referral/schema.js';

export const JSON_SCHEMA_ID = 'cme-referral/1';

type Row = [label: string, value: string | undefined];
interface Block {
  title: string;
  rows: Row[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** The attachment's content: `{ schema, reference, receivedAt, referral }`. */
  json: string;
  /** The urgent flags, most serious first (also the first lines of both bodies). */
  urgent: string[];
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `2015-03-14` → `14 March 2015` (a civil date: no time zone shift). */
export function formatDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y!, m! - 1, d!));
}

function formatInstant(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(at) + ' (UK time)';
}

/** `+441905844440` → `01905 844440`; numbers from abroad stay in international form. */
export function formatPhone(e164: string | undefined): string | undefined {
  if (!e164) return undefined;
  if (!e164.startsWith('+44')) return e164;
  const n = `0${e164.slice(3)}`;
  if (n.length === 11 && n.startsWith('02')) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  return `${n.slice(0, 5)} ${n.slice(5)}`;
}

const yesNo = (v: boolean | undefined): string | undefined => (v === undefined ? undefined : v ? 'Yes' : 'No');
const formatAddress = (a: Address | undefined): string | undefined =>
  a ? [a.line1, a.line2, a.town, a.postcode].filter(Boolean).join('\n') : undefined;

export function urgentFlags(r: Referral): string[] {
  const flags: string[] = [];
  if (r.safeguarding.immediateRisk) {
    flags.push('IMMEDIATE RISK OF HARM reported. The referrer confirms they have contacted the police or children’s social care.');
  }
  if (!r.child.whereaboutsKnown) flags.push('Whereabouts not known');
  const v = new Set(r.vulnerabilities?.flags ?? []);
  const labels = vulnerabilityLabels();
  for (const f of ['child-protection-plan', 'looked-after', 'child-in-need', 'known-to-social-care', 'private-fostering'] as const) {
    if (v.has(f)) flags.push(labels[f]);
  }
  if (r.concerns.socialCareReferred) flags.push(`Referred to children’s social care on ${formatDate(r.concerns.socialCareReferralDate)}`);
  if (r.education.believedDestination === 'abroad') flags.push('Believed to have gone abroad');
  if (r.education.deletionGround === 'continuous-absence' || r.education.deletionGround === 'not-returned-after-leave') {
    flags.push('School deletion that needs joint school and local authority enquiries first (reg 9(1)(h) or (i))');
  }
  return flags;
}

function outline(r: Referral): Block[] {
  const c = r.child;
  const e = r.education;
  const blocks: Block[] = [
    {
      title: 'Child',
      rows: [
        ['Name', `${c.firstName} ${c.lastName}`],
        ['Other names', c.otherNames],
        ['Date of birth', formatDate(c.dateOfBirth)],
        ['Sex', sexLabels()[c.sex]],
        ['Unique pupil number', c.upn],
        ['Whereabouts known', yesNo(c.whereaboutsKnown)],
        [c.whereaboutsKnown ? 'Address' : 'Last known address', formatAddress(c.address)],
      ],
    },
    ...r.parents.map(
      (p, i): Block => ({
        title: `Parent or carer ${i + 1}`,
        rows: [
          ['Name', p.name],
          ['Relationship to the child', p.relationship],
          ['Parental responsibility', yesNoUnknownLabels()[p.parentalResponsibility]],
          ['Phone', formatPhone(p.phone)],
          ['Email', p.email],
          ['Address', formatAddress(p.address)],
          ['Language', p.language],
          ['Needs an interpreter', yesNo(p.interpreterNeeded)],
        ],
      }),
    ),
    {
      title: 'Education',
      rows: [
        ['On a school’s admission register', yesNoUnknownLabels()[e.registeredAtSchool]],
        ['Education now', e.provision && provisionLabels()[e.provision]],
        ['Current or last school', e.lastSchool],
        ['Year group', e.yearGroup && yearGroupLabel(e.yearGroup)],
        ['Date last attended', formatDate(e.dateLastAttended)],
        ['Date last seen', formatDate(e.dateLastSeen)],
        ['Believed destination', e.believedDestination && destinationLabels()[e.believedDestination]],
        ['Destination details', e.destinationDetails],
        ['Reason for deletion from roll', e.deletionGround && deletionGroundLabels()[e.deletionGround]],
      ],
    },
    {
      title: 'Vulnerabilities',
      rows: [
        ['Known vulnerabilities', r.vulnerabilities?.flags?.length ? r.vulnerabilities.flags.map((f) => vulnerabilityLabels()[f]).join('\n') : 'None recorded'],
        ['Details', r.vulnerabilities?.details],
      ],
    },
    ...(r.siblings ?? []).map(
      (s, i): Block => ({
        title: `Sibling ${i + 1}`,
        rows: [
          ['Name', s.name],
          ['Date of birth', formatDate(s.dateOfBirth)],
          ['School', s.school],
        ],
      }),
    ),
    r.enquiries?.length
      ? {
          title: 'Enquiries already made',
          rows: r.enquiries.map((q): Row => [`${formatDate(q.date)}, ${enquiryMethodLabels()[q.method]}`, q.details]),
        }
      : { title: 'Enquiries already made', rows: [['Enquiries', 'None recorded']] },
    {
      title: 'Concerns',
      rows: [
        ['Concerns', r.concerns.details],
        ['Designated safeguarding lead’s appraisal', r.concerns.dslAppraisal],
        ['Referred to children’s social care', yesNo(r.concerns.socialCareReferred)],
        ['Date of that referral', formatDate(r.concerns.socialCareReferralDate)],
        ['Outcome', r.concerns.socialCareOutcome],
      ],
    },
    {
      title: 'Referrer',
      rows: [
        ['Referrer', referrerTypeLabels()[r.referrer.type]],
        ['Name', r.referrer.name ?? (r.referrer.type === 'public' ? 'Not given' : undefined)],
        ['Role', r.referrer.role],
        ['School or organisation', r.referrer.organisation],
        ['Email', r.referrer.email],
        ['Phone', formatPhone(r.referrer.phone)],
      ],
    },
    {
      title: 'Declaration',
      rows: [
        ['Information is accurate', yesNo(r.declaration.accurate)],
        ['Privacy notice read', yesNo(r.declaration.privacyNoticeRead)],
      ],
    },
  ];
  return blocks.map((b) => ({ ...b, rows: b.rows.filter(([, v]) => v !== undefined && v !== '') }));
}

function renderText(reference: string, received: string, urgent: string[], blocks: Block[]): string {
  const lines = [`CME referral ${reference}`, `Received ${received}`, ''];
  lines.push(urgent.length ? 'URGENT' : 'No urgent flags', ...urgent.map((f) => `* ${f}`), '');
  for (const b of blocks) {
    lines.push(b.title.toUpperCase(), '-'.repeat(b.title.length));
    for (const [label, value] of b.rows) {
      const [first, ...rest] = value!.split('\n');
      lines.push(`${label}: ${first}`, ...rest.map((l) => `    ${l}`));
    }
    lines.push('');
  }
  lines.push(`The attached ${reference}.json holds the same referral for import into a case system.`);
  return lines.join('\n') + '\n';
}

function renderHtml(reference: string, received: string, urgent: string[], blocks: Block[]): string {
  const h = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');
  const flags = urgent.length
    ? `<div style="border-left:8px solid #d4351c;padding:8px 16px;margin:16px 0"><h2 style="color:#d4351c;margin:0 0 8px">Urgent</h2><ul>${urgent.map((f) => `<li><strong>${h(f)}</strong></li>`).join('')}</ul></div>`
    : '<p>No urgent flags.</p>';
  const sections = blocks
    .map(
      (b) =>
        `<h2 style="font-size:19px;margin:24px 0 8px">${h(b.title)}</h2><table style="border-collapse:collapse;width:100%">${b.rows
          .map(
            ([label, value]) =>
              `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:6px 12px 6px 0;border-bottom:1px solid #b1b4b6;width:35%">${h(label)}</th><td style="vertical-align:top;padding:6px 0;border-bottom:1px solid #b1b4b6">${h(value!)}</td></tr>`,
          )
          .join('')}</table>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CME referral ${h(reference)}</title></head><body style="font-family:Arial,sans-serif;font-size:16px;color:#0b0c0c;max-width:760px"><h1 style="font-size:24px">CME referral ${h(reference)}</h1><p>Received ${h(received)}</p>${flags}${sections}<p>The attached ${h(reference)}.json holds the same referral for import into a case system.</p></body></html>`;
}

export function renderReferralEmail(reference: string, referral: Referral, receivedAt: Date): RenderedEmail {
  const urgent = urgentFlags(referral);
  const blocks = outline(referral);
  const received = formatInstant(receivedAt);
  return {
    subject: `CME referral ${reference}`,
    text: renderText(reference, received, urgent, blocks),
    html: renderHtml(reference, received, urgent, blocks),
    json: JSON.stringify({ schema: JSON_SCHEMA_ID, reference, receivedAt: receivedAt.toISOString(), referral }, null, 2),
    urgent,
  };
}
