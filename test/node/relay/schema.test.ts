import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toJSONSchema } from 'zod/mini';
import {
  HONEYPOT_FIELD,
  MAX_ERRORS,
  OPTIONAL_SECTIONS,
  SECTION_NAMES,
  parseReferral,
  parseSections,
  referralSchema,
  referralSections,
  type ReferralError,
} from '../../../src/core/referral/schema.js';
import { londonDate } from '../../../src/core/london-date.js';
import { isRealDate, normaliseEmail, normalisePhone, normalisePostcode, normaliseUpn, upnCheckLetterOk } from '../../../src/core/referral/rules.js';
import { TODAY, fixture } from './helpers.js';

const paths = (errors: ReferralError[]) => errors.map((e) => e.path);
function errorsOf(input: unknown, today = TODAY): ReferralError[] {
  const r = parseReferral(input, { today });
  assert.equal(r.ok, false, 'expected the referral to be refused');
  return r.ok ? [] : r.errors;
}
function messageAt(input: unknown, path: string, today = TODAY): string {
  const e = errorsOf(input, today).find((x) => x.path === path);
  assert.ok(e, `expected an error at ${path}`);
  return e.message;
}

describe('the fixture', () => {
  it('is a complete valid referral, every section filled', () => {
    const r = parseReferral(fixture(), { today: TODAY });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    for (const name of SECTION_NAMES) assert.ok(r.value[name] !== undefined, `section ${name} missing from the fixture`);
  });

  it('normalises phones, emails and postcodes', () => {
    const r = parseReferral(fixture(), { today: TODAY });
    assert.ok(r.ok);
    assert.equal(r.value.referrer.phone, '+441905844440');
    assert.equal(r.value.referrer.email, 'p.shah@riverside.example.sch.uk');
    assert.equal(r.value.child.address?.postcode, 'WR2 5AA');
    assert.equal(r.value.parents[1]!.phone, '+48221234567');
  });

  it('passes with the optional sections left out and blank optional answers dropped', () => {
    const f = fixture();
    delete f.vulnerabilities;
    delete f.siblings;
    delete f.enquiries;
    f.child.otherNames = '   ';
    f.referrer.phone = '';
    const r = parseReferral(f, { today: TODAY });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.equal('otherNames' in r.value.child, false);
    assert.equal('phone' in r.value.referrer, false);
  });
});

describe('rules', () => {
  it('validates UPN check letters (DfE examples)', () => {
    assert.equal(normaliseUpn('h801200001001'), 'H801200001001');
    assert.ok(upnCheckLetterOk('H801200001001'));
    assert.ok(upnCheckLetterOk('G80120000101A'), 'temporary UPN');
    assert.equal(upnCheckLetterOk('Z801200001001'), false);
    assert.equal(normaliseUpn('H80120000100'), null, '12 characters');
    assert.equal(normaliseUpn('I801200001001'), null, 'I is never a check letter');
    assert.equal(normaliseUpn('H8012000010O1'), null, 'letter inside the serial');
  });

  it('validates UK postcodes and normalises them', () => {
    for (const [input, out] of [
      ['wr5 2np', 'WR5 2NP'],
      ['SW1A1AA', 'SW1A 1AA'],
      [' ec1a  1bb ', 'EC1A 1BB'],
      ['W1A 0AX', 'W1A 0AX'],
      ['M1 1AE', 'M1 1AE'],
      ['B33 8TH', 'B33 8TH'],
      ['CR2 6XH', 'CR2 6XH'],
      ['DN55 1PT', 'DN55 1PT'],
      ['GIR 0AA', 'GIR 0AA'],
    ]) assert.equal(normalisePostcode(input!), out);
    for (const bad of ['', 'WR5', '12345', 'QR5 2NP', 'WR5 2NC', 'WR5 2NPX', 'W R 5 2 N P X']) assert.equal(normalisePostcode(bad), null, bad);
  });

  it('normalises UK and international phone numbers to E.164', () => {
    assert.equal(normalisePhone('01905 844440'), '+441905844440');
    assert.equal(normalisePhone('+44 1905 844440'), '+441905844440');
    assert.equal(normalisePhone('+44 (0)1905 844-440'), '+441905844440');
    assert.equal(normalisePhone('0044 7700 900982'), '+447700900982');
    assert.equal(normalisePhone('020 7946 0000'), '+442079460000');
    assert.equal(normalisePhone('+33 1 23 45 67 89'), '+33123456789');
    for (const bad of ['12345', '0400 000 0000', '07700 9009', 'call me', '+44 7700 900982 ext 2', '0190584444012']) assert.equal(normalisePhone(bad), null, bad);
  });

  it('trims emails and lower-cases the domain only', () => {
    assert.equal(normaliseEmail('  Jo.Bloggs@Example.GOV.uk '), 'Jo.Bloggs@example.gov.uk');
    for (const bad of ['jo', 'jo@', '@example.com', 'jo@example', 'jo bloggs@example.com', 'jo@@example.com', 'jo@exa mple.com', '<jo@example.com>', 'jo..b@example.com']) {
      assert.equal(normaliseEmail(bad), null, bad);
    }
  });

  it('knows real dates', () => {
    assert.ok(isRealDate('2024-02-29'));
    for (const bad of ['2023-02-29', '2021-02-30', '2021-13-01', '2021-00-10', '21-01-01', '2021-1-1', '1899-12-31', 'abc']) assert.equal(isRealDate(bad), false, bad);
  });

  it("takes today's date in Europe/London, not the device's zone", () => {
    assert.equal(londonDate(new Date('2026-06-30T23:30:00Z')), '2026-07-01', 'BST: already 1 July in London');
    assert.equal(londonDate(new Date('2026-12-31T23:30:00Z')), '2026-12-31', 'GMT');
    assert.equal(londonDate(new Date('2027-03-28T00:30:00Z')), '2027-03-28');
  });
});

describe('field messages and paths', () => {
  it('asks for missing required answers in GOV.UK style', () => {
    const f = fixture();
    delete f.child.dateOfBirth;
    f.child.firstName = '  ';
    assert.equal(messageAt(f, 'child.dateOfBirth'), 'Enter the child’s date of birth');
    assert.equal(messageAt(f, 'child.firstName'), 'Enter the child’s first name');
  });

  it('refuses unreal and future dates, using the London date for "today"', () => {
    const f = fixture();
    f.child.dateOfBirth = '2021-02-30';
    f.education.dateLastAttended = '2026-12-01';
    f.enquiries[0].date = '2026-11-29';
    const errors = errorsOf(f);
    assert.equal(errors.find((e) => e.path === 'child.dateOfBirth')?.message, 'Child’s date of birth must be a real date');
    assert.equal(errors.find((e) => e.path === 'education.dateLastAttended')?.message, 'Date last attended must be today or in the past');
    assert.ok(paths(errors).includes('enquiries.0.date'));
    // Late evening in London in summer is already the next day in UTC+1 terms: the London date counts.
    const lateJune = londonDate(new Date('2026-06-30T23:30:00Z'));
    const g = fixture();
    g.enquiries[0].date = '2026-07-01';
    g.enquiries[1].date = '2026-07-02';
    const gp = paths(errorsOf(g, lateJune));
    assert.ok(!gp.includes('enquiries.0.date') && gp.includes('enquiries.1.date'));
  });

  it('refuses a date last seen before the date of birth', () => {
    const f = fixture();
    f.education.dateLastSeen = '2015-03-13';
    assert.equal(messageAt(f, 'education.dateLastSeen'), 'Date last seen must be on or after the child’s date of birth');
  });

  it('checks the UPN check letter with its own message', () => {
    const f = fixture();
    f.child.upn = 'Z801200001001';
    assert.match(messageAt(f, 'child.upn'), /first letter does not match/);
    f.child.upn = 'not a upn';
    assert.match(messageAt(f, 'child.upn'), /in the correct format/);
  });

  it('gives indexed paths inside lists', () => {
    const f = fixture();
    f.parents[1].phone = '12345';
    f.siblings[0].dateOfBirth = '2019-02-29';
    f.enquiries[2].method = 'carrier pigeon';
    assert.deepEqual(paths(errorsOf(f)), ['parents.1.phone', 'siblings.0.dateOfBirth', 'enquiries.2.method']);
  });

  it('refuses line breaks and angle brackets in single-line fields, HTML tags in long text', () => {
    const f = fixture();
    f.child.lastName = "O'Brien\r\nBcc: x@example.com";
    f.referrer.organisation = '<b>School</b>';
    f.concerns.details = 'See <script>alert(1)</script>';
    const errors = errorsOf(f);
    assert.match(errors.find((e) => e.path === 'child.lastName')!.message, /must be on one line/);
    assert.ok(paths(errors).includes('referrer.organisation'));
    assert.match(errors.find((e) => e.path === 'concerns.details')!.message, /must not include HTML tags/);
    // Ordinary punctuation, maths and line breaks in long text are fine.
    const g = fixture();
    g.concerns.details = 'Attendance < 50% & falling; mum said "we\'re moving" > twice.\r\nSecond line.';
    const r = parseReferral(g, { today: TODAY });
    assert.ok(r.ok);
    assert.equal(r.value.concerns.details, 'Attendance < 50% & falling; mum said "we\'re moving" > twice.\nSecond line.');
  });

  it('caps lengths with a message naming the field', () => {
    const f = fixture();
    f.concerns.details = 'x'.repeat(5001);
    assert.equal(messageAt(f, 'concerns.details'), 'Concerns must be 5000 characters or fewer');
  });

  it('needs one to six parents or carers', () => {
    const f = fixture();
    f.parents = [];
    assert.equal(messageAt(f, 'parents'), 'Add at least one parent or carer');
    f.parents = Array.from({ length: 7 }, () => fixture().parents[0]);
    assert.equal(messageAt(f, 'parents'), 'You can add up to 6 parents or carers');
  });

  it('keeps UPN, deletion ground and DSL appraisal for schools', () => {
    const f = fixture();
    f.referrer.type = 'professional';
    assert.deepEqual(paths(errorsOf(f)).sort(), ['child.upn', 'concerns.dslAppraisal', 'education.deletionGround']);
  });

  it('asks professionals for role, organisation and email, but lets the public stay anonymous', () => {
    const f = fixture();
    f.referrer = { type: 'professional' };
    assert.deepEqual(paths(errorsOf(f)).filter((p) => p.startsWith('referrer')), ['referrer.name', 'referrer.role', 'referrer.organisation', 'referrer.email']);
    const g = fixture();
    g.referrer = { type: 'public' };
    delete g.child.upn;
    delete g.education.deletionGround;
    delete g.concerns.dslAppraisal;
    assert.ok(parseReferral(g, { today: TODAY }).ok);
  });

  it('needs confirmation of an emergency contact when the child is at immediate risk', () => {
    const f = fixture();
    f.safeguarding = { immediateRisk: true };
    assert.match(messageAt(f, 'safeguarding.emergencyContacted'), /police on 999/);
    f.safeguarding.emergencyContacted = true;
    assert.ok(parseReferral(f, { today: TODAY }).ok);
  });

  it('needs the declaration ticked', () => {
    const f = fixture();
    f.declaration.accurate = false;
    assert.equal(messageAt(f, 'declaration.accurate'), 'Confirm that the information you have given is accurate');
  });
});

describe('hostile shapes', () => {
  it('refuses unknown keys at every level, naming each', () => {
    const f = fixture();
    f.extra = 1;
    f.child.nickname = 'x';
    f.parents[0].ssn = 'x';
    assert.deepEqual(paths(errorsOf(f)).sort(), ['child.nickname', 'extra', 'parents.0.ssn']);
  });

  it('cannot be polluted through __proto__, constructor or prototype keys', () => {
    const text = JSON.stringify(fixture()).replace('{"safeguarding"', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"safeguarding"');
    const input = JSON.parse(text);
    const r = parseReferral(input, { today: TODAY });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && paths(r.errors).sort(), ['__proto__', 'constructor']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
  });

  it('refuses non-objects at the top and in sections', () => {
    for (const v of [null, [], 'x', 42, true]) assert.deepEqual(errorsOf(v), [{ path: '', message: 'Send the referral as a JSON object' }]);
    const f = fixture();
    f.child = [];
    f.parents = { 0: {} };
    assert.deepEqual(paths(errorsOf(f)), ['child', 'parents']);
  });

  it('caps the number of errors for huge arrays', () => {
    const f = fixture();
    f.enquiries = Array.from({ length: 5000 }, () => 1);
    const errors = errorsOf(f);
    assert.ok(errors.length <= MAX_ERRORS);
  });

  it('reports a filled honeypot with a human message and never passes it through', () => {
    const f = fixture();
    f[HONEYPOT_FIELD] = 'https://example.com';
    assert.match(messageAt(f, HONEYPOT_FIELD), /autofill/);
    const g = fixture();
    g[HONEYPOT_FIELD] = '';
    const r = parseReferral(g, { today: TODAY });
    assert.ok(r.ok);
    assert.equal(HONEYPOT_FIELD in r.value, false);
  });

  it('has no zod fallback messages anywhere', () => {
    const weird = { safeguarding: 1, referrer: { type: 3, name: 4, email: 5, phone: [] }, child: { upn: 1, address: 'x', sex: 1, dateOfBirth: 1 }, parents: [1, {}], education: {}, vulnerabilities: { flags: 'x' }, siblings: 'x', enquiries: [{}], concerns: {}, declaration: {}, website: 1 };
    for (const e of errorsOf(weird)) assert.doesNotMatch(e.message, /^Invalid|expected/i, `${e.path}: ${e.message}`);
  });
});

describe('per-page validation with parseSections', () => {
  it('validates only the named sections, with the same paths as parseReferral', () => {
    const f = fixture();
    f.child.firstName = '';
    f.concerns = {};
    const r = parseSections(f, ['child'], { today: TODAY });
    assert.deepEqual(!r.ok && paths(r.errors), ['child.firstName']);
    assert.ok(parseSections(f, ['referrer', 'parents'], { today: TODAY }).ok);
  });

  it('applies cross-section rules to the page that holds the field', () => {
    const f = fixture();
    f.education.dateLastSeen = '2010-01-01';
    const r = parseSections(f, ['education'], { today: TODAY });
    assert.deepEqual(!r.ok && paths(r.errors), ['education.dateLastSeen']);
    assert.ok(parseSections(f, ['child'], { today: TODAY }).ok, 'the child page is not blamed');
  });

  it('passes optional sections that are absent, and returns the normalised values', () => {
    const r = parseSections({ child: fixture().child }, ['child', ...OPTIONAL_SECTIONS], { today: TODAY });
    assert.ok(r.ok);
    assert.equal(r.value.child?.address?.postcode, 'WR2 5AA');
  });

  it('exports a schema per section', () => {
    assert.deepEqual(Object.keys(referralSections), SECTION_NAMES);
    assert.ok(referralSections.child.safeParse(fixture().child).success);
  });
});

describe('JSON Schema export', () => {
  it('describes the payload with strict objects and the required sections', () => {
    const schema = toJSONSchema(referralSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, any>;
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required, ['safeguarding', 'referrer', 'child', 'parents', 'education', 'concerns', 'declaration']);
    assert.equal(schema.properties.child.properties.firstName.maxLength, 100);
    assert.equal(schema.properties.parents.maxItems, 6);
  });
});
