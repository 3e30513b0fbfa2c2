// The referral journey in core (src/core/referral/journey.ts): every page reachable by some
// answers, next and previous, pruning hidden answers, school-only answers, and which page an
// error belongs to, checked against the schema the relay uses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  askedFields,
  dropSchoolOnlyAnswers,
  HIDEABLE_SECTIONS,
  JOURNEY,
  nextPage,
  PAGE_IDS,
  pageForErrors,
  pageOfPath,
  pagesFor,
  previousPage,
  pruneAnswers,
  SCHOOL_ONLY_PATHS,
  type HideableSection,
  type PageId,
} from '../../../src/core/referral/journey.js';
import { getAt, type Answers } from '../../../src/core/referral/answers.js';
import { crossSectionErrors, LIMITS, OPTIONAL_SECTIONS, parseReferral, referralSections, SECTION_NAMES } from '../../../src/core/referral/schema.js';

const TODAY = '2025-10-01';

/** A complete, valid public referral as the form keeps it (dates as typed parts). */
const base = (): Answers => ({
  safeguarding: { immediateRisk: false },
  referrer: { type: 'parent-carer', name: 'Sam Carer' },
  child: { firstName: 'Kai', lastName: 'Nowak', dateOfBirth: { day: '14', month: '3', year: '2014' }, sex: 'male', whereaboutsKnown: true },
  parents: [{ name: 'Sam Carer', relationship: 'Father', parentalResponsibility: 'yes' }],
  education: { registeredAtSchool: 'no' },
  concerns: { details: 'Not in school since September.' },
  declaration: { accurate: true, privacyNoticeRead: true },
});

/** Follows "Continue" from the first page to the end. */
function walkAll(answers: Answers, hidden: HideableSection[] = []): PageId[] {
  const seen: PageId[] = ['safeguarding'];
  for (let p: PageId = 'safeguarding'; p !== 'sent'; ) {
    p = nextPage(p, { answers, hidden });
    seen.push(p);
    assert.ok(seen.length < 20, 'the journey ends');
  }
  return seen;
}

describe('referral journey: pages', () => {
  it('is the schema’s sections, each validated on some page, and only those', () => {
    const validated = new Set(JOURNEY.flatMap((p) => p.sections));
    assert.deepEqual([...validated].sort(), [...SECTION_NAMES].sort());
    assert.deepEqual([...HIDEABLE_SECTIONS].sort(), [...OPTIONAL_SECTIONS].sort());
  });

  it('every page is reachable by some answers and sections, and "Continue" always ends at "sent"', () => {
    const reached = new Set<PageId>();
    const variants: [Answers, HideableSection[]][] = [
      [base(), []],
      [{ ...base(), safeguarding: { immediateRisk: true, emergencyContacted: true } }, []],
      [base(), ['vulnerabilities', 'siblings', 'enquiries']],
    ];
    for (const [a, hidden] of variants) for (const p of walkAll(a, hidden)) reached.add(p);
    assert.deepEqual([...reached].sort(), [...PAGE_IDS].sort());
  });

  it('the emergency stop applies only at immediate risk, right after the safeguarding question', () => {
    assert.ok(!pagesFor(base()).includes('emergency'));
    const risk = { ...base(), safeguarding: { immediateRisk: true } };
    assert.equal(nextPage('safeguarding', { answers: risk }), 'emergency');
    assert.equal(nextPage('emergency', { answers: risk }), 'referrer-type');
    assert.equal(previousPage('referrer-type', { answers: risk }), 'emergency');
    assert.equal(previousPage('referrer-type', { answers: base() }), 'safeguarding');
    assert.equal(previousPage('safeguarding', { answers: base() }), undefined);
  });

  it('turned-off sections leave their pages out; the vulnerabilities page stays while siblings or vulnerabilities is on', () => {
    assert.ok(!pagesFor(base(), ['siblings', 'enquiries']).includes('enquiries'));
    assert.ok(pagesFor(base(), ['siblings', 'enquiries']).includes('vulnerabilities'));
    assert.ok(pagesFor(base(), ['vulnerabilities']).includes('vulnerabilities'));
    assert.ok(!pagesFor(base(), ['vulnerabilities', 'siblings']).includes('vulnerabilities'));
    const vulnerabilities = JOURNEY.find((p) => p.id === 'vulnerabilities')!;
    assert.deepEqual(askedFields(vulnerabilities, base(), ['vulnerabilities']), []);
    assert.equal(nextPage('education', { answers: base(), hidden: ['vulnerabilities', 'siblings', 'enquiries'] }), 'concerns');
  });

  it('after a "Change", "Continue" returns to check your answers, except through the pages that decide the next one', () => {
    const a = base();
    for (const p of ['child', 'parents', 'education', 'concerns', 'emergency', 'referrer'] as PageId[]) assert.equal(nextPage(p, { answers: a, changing: true }), 'check', p);
    assert.equal(nextPage('referrer-type', { answers: a, changing: true }), 'referrer');
    assert.equal(nextPage('safeguarding', { answers: a, changing: true }), 'check');
    assert.equal(nextPage('safeguarding', { answers: { ...a, safeguarding: { immediateRisk: true } }, changing: true }), 'emergency');
    assert.equal(previousPage('child', { answers: a, changing: true }), 'check');
    assert.equal(nextPage('check', { answers: a }), 'declaration');
    assert.equal(nextPage('declaration', { answers: a }), 'sent');
    assert.equal(previousPage('sent', { answers: a }), undefined);
  });

  it('lists agree with the schema’s limits', () => {
    const lists = Object.fromEntries(JOURNEY.filter((p) => p.list).map((p) => [p.list!.path, [p.list!.min, p.list!.max]]));
    assert.deepEqual(lists, { parents: [1, LIMITS.maxParents], siblings: [0, LIMITS.maxSiblings], enquiries: [0, LIMITS.maxEnquiries] });
  });
});

describe('referral journey: pruning', () => {
  it('a full valid draft prunes to what the schema accepts', () => {
    const r = parseReferral(pruneAnswers(base()), { today: TODAY });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  });

  it('drops follow-up answers whose question is no longer asked, without touching the draft', () => {
    const a = base();
    a.concerns = { details: 'x', socialCareReferred: false, socialCareReferralDate: { day: '1', month: '2', year: '2025' }, socialCareOutcome: 'y' };
    a.safeguarding = { immediateRisk: false, emergencyContacted: true };
    const p = pruneAnswers(a);
    assert.deepEqual(p.concerns, { details: 'x', socialCareReferred: false });
    assert.deepEqual(p.safeguarding, { immediateRisk: false });
    assert.equal(getAt(a, 'concerns.socialCareOutcome'), 'y');
    a.concerns = { details: 'x', socialCareReferred: true, socialCareReferralDate: { day: '1', month: '2', year: '2025' } };
    assert.deepEqual(pruneAnswers(a).concerns, { details: 'x', socialCareReferred: true, socialCareReferralDate: '2025-02-01' });
  });

  it('leaves out turned-off sections, and siblings only when the whole page is off', () => {
    const a = { ...base(), vulnerabilities: { flags: ['young-carer'] }, siblings: [{ name: 'Leo' }], enquiries: [] };
    assert.deepEqual(Object.keys(pruneAnswers(a, ['enquiries'])).includes('enquiries'), false);
    assert.ok('siblings' in pruneAnswers(a, ['vulnerabilities']));
    assert.ok(!('vulnerabilities' in pruneAnswers(a, ['vulnerabilities'])));
    const both = pruneAnswers(a, ['vulnerabilities', 'siblings']);
    assert.ok(!('siblings' in both) && !('vulnerabilities' in both));
  });

  it('sends a section not started as an empty one, so each missing answer gets its own message', () => {
    const r = parseReferral(pruneAnswers({}), { today: TODAY });
    assert.ok(!r.ok);
    const paths = r.errors.map((e) => e.path);
    for (const p of ['safeguarding.immediateRisk', 'referrer.type', 'child.firstName', 'education.registeredAtSchool', 'concerns.details', 'declaration.accurate']) assert.ok(paths.includes(p), p);
  });

  it('school-only answers are exactly the schema’s, and are dropped when the referrer is not a school', () => {
    const a = base();
    for (const p of SCHOOL_ONLY_PATHS) (a[p.split('.')[0]!] as Answers)[p.split('.')[1]!] = p === 'child.upn' ? 'H801200001001' : p === 'education.deletionGround' ? 'moved-away' : 'Appraisal';
    // Not asked of a non-school, so pruned before sending: the schema has nothing to refuse.
    assert.deepEqual(crossSectionErrors(pruneAnswers(a)), []);
    for (const p of SCHOOL_ONLY_PATHS) assert.equal(getAt(pruneAnswers(a), p), undefined, p);
    // The schema refuses exactly these from a non-school…
    assert.deepEqual(crossSectionErrors({ referrer: { type: 'public' }, child: { upn: 'x' }, education: { deletionGround: 'other' }, concerns: { dslAppraisal: 'x' } }).map((e) => e.path).sort(), [...SCHOOL_ONLY_PATHS].sort());
    // …the journey drops them from the draft.
    const school = { ...structuredClone(a), referrer: { type: 'school' } };
    assert.deepEqual(dropSchoolOnlyAnswers(school), []);
    assert.deepEqual(dropSchoolOnlyAnswers(a).sort(), [...SCHOOL_ONLY_PATHS].sort());
    for (const p of SCHOOL_ONLY_PATHS) assert.equal(getAt(a, p), undefined);
  });
});

describe('referral journey: errors to pages', () => {
  it('maps every field path of the journey to its own page', () => {
    for (const page of JOURNEY) {
      for (const f of page.fields) assert.equal(pageOfPath(f.path), page.id, f.path);
      if (page.list) for (const f of page.list.fields) assert.equal(pageOfPath(`${page.list.path}.3.${f.path}`), page.id);
    }
    assert.equal(pageOfPath('child.address.postcode'), 'child');
    assert.equal(pageOfPath('parents.0.address.town'), 'parents');
    assert.equal(pageOfPath('parents'), 'parents');
    assert.equal(pageOfPath('child.nickname'), 'child');
    assert.equal(pageOfPath('website'), 'declaration');
    assert.equal(pageOfPath(''), 'declaration');
  });

  it('every error the schema gives for an empty referral lands on a page of the journey', () => {
    const r = parseReferral({ ...pruneAnswers({}), siblings: [{}], enquiries: [{}], parents: [{}] }, { today: TODAY });
    assert.ok(!r.ok);
    for (const e of r.errors) assert.ok(PAGE_IDS.includes(pageOfPath(e.path)), e.path);
    for (const name of SECTION_NAMES) assert.ok(referralSections[name], name);
  });

  it('shows the first page on the path that holds an error, with only its errors', () => {
    const errors = [
      { path: 'parents.0.phone', message: 'a' },
      { path: 'child.dateOfBirth', message: 'b' },
      { path: 'website', message: 'c' },
    ];
    assert.deepEqual(pageForErrors(errors, base()), { page: 'child', errors: [errors[1]] });
    assert.deepEqual(pageForErrors(errors.slice(2), base()), { page: 'declaration', errors: [errors[2]] });
    // An error on a page that is off the path goes to the declaration.
    assert.deepEqual(pageForErrors([{ path: 'enquiries.0.date', message: 'd' }], base(), ['enquiries']).page, 'declaration');
  });
});
