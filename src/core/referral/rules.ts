/**
 * Pure normalisers and validators for the referral schema. No zod, no DOM: the form, the relay
 * and the tests can call them directly. Each returns the normalised value, or `null` when the
 * input is not valid.
 */
import { isIsoDate } from '../iso-date.js';

/** `YYYY-MM-DD` naming a real calendar day in 1900–2199 (2021-02-30 and 2023-02-29 are not): the core's one date rule. */
export function isRealDate(value: string): boolean {
  return isIsoDate(value);
}

/**
 * UK postcodes (the BS 7666 shapes plus GIR 0AA), normalised to upper case with one space before
 * the inward code: " wr5  2nd" → "WR5 2ND".
 */
export function normalisePostcode(value: string): string | null {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  const ok = /^(GIR0AA|[A-PR-UWYZ](\d\d?|[A-HK-Y]\d[\dABEHMNPRV-Y]?|\d[A-HJKPSTUW])\d[ABD-HJLNP-UW-Z]{2})$/.test(compact);
  return ok ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : null;
}

/**
 * Telephone numbers, normalised to E.164 (`+441905844440`): unambiguous, dialable from any
 * phone system and easy for a case system to match. UK numbers may be typed nationally
 * (`01905 844440`) or internationally (`+44 (0)1905 844 440`, `0044 …`); a UK number has 9 or 10
 * digits after the trunk 0 and starts 01, 02, 03, 05, 07, 08 or 09. Numbers from abroad
 * (a family that moved away) are kept when written with `+` and a country code.
 */
export function normalisePhone(value: string): string | null {
  let s = value.trim();
  if (!/^\+?[\d\s().-]+$/.test(s)) return null;
  s = s.replace(/\(0\)/g, '').replace(/[\s().-]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (s.startsWith('+44')) s = `0${s.slice(3)}`;
  if (s.startsWith('+')) return /^\+[1-9]\d{7,14}$/.test(s) ? s : null;
  return /^0[1235789]\d{8,9}$/.test(s) ? `+44${s.slice(1)}` : null;
}

/**
 * Email addresses: trimmed, domain lower-cased (the local part is the mailbox owner's business),
 * a pragmatic shape check (one @, a dot in the domain, no spaces, quotes or angle brackets).
 */
export function normaliseEmail(value: string): string | null {
  const s = value.trim();
  // NUL, DEL, bidi overrides, zero-width and other invisible characters would change the Reply-To header.
  if (/[\p{C}\p{Z}\ufffd]/u.test(s)) return null;
  const at = s.lastIndexOf('@');
  if (at < 1 || s.length > 254) return null;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1).toLowerCase();
  if (!/^[^\s@"<>(),;:\\[\]]{1,64}$/.test(local) || /^\.|\.\.|\.$/.test(local)) return null;
  if (!/^(?=.{4,253}$)([a-z\d\u00a1-\uffff]([a-z\d\u00a1-\uffff-]*[a-z\d\u00a1-\uffff])?\.)+[a-z\u00a1-\uffff]{2,}$/.test(domain)) return null;
  return `${local}@${domain}`;
}

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * Unique pupil numbers (DfE "Unique pupil numbers (UPNs)" guidance): 13 characters; 1 the check
 * letter; 2–4 the LA number; 5–8 the establishment number; 9–10 the year; 11–12 serial digits;
 * 13 a digit, or a letter for a temporary UPN. Check letter = the letter at index
 * (Σ value(char i) × i for i = 2..13) mod 23 in `ABCDEFGHJKLMNPQRTUVWXYZ`, where a letter in
 * position 13 counts as its index in the same list. Spaces are removed and letters upper-cased.
 * Example from the guidance: H801200001001 (permanent), G80120000101A (temporary).
 * `normaliseUpn` checks the shape; `upnCheckLetterOk` the check letter.
 */
export function normaliseUpn(value: string): string | null {
  const s = value.replace(/\s+/g, '').toUpperCase();
  return /^[A-HJ-NP-RT-Z]\d{11}[\dA-HJ-NP-RT-Z]$/.test(s) ? s : null;
}

/** True when a UPN already in `normaliseUpn` shape carries the right check letter. */
export function upnCheckLetterOk(upn: string): boolean {
  let sum = 0;
  for (let i = 1; i < 13; i++) {
    const c = upn[i]!;
    sum += (c >= '0' && c <= '9' ? Number(c) : UPN_LETTERS.indexOf(c)) * (i + 1);
  }
  return UPN_LETTERS[sum % 23] === upn[0];
}
