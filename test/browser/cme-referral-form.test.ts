// <cme-referral-form>: the pages, their questions and checks, "Check your answers", history, the wizard's hand-off, option lists.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/cme-referral-form/define.js';
import '../../src/components/cme-wizard/define.js';
import { JOURNEY } from '../../src/core/referral/journey.js';
import { optionLabels } from '../../src/components/cme-referral-form/text.js';
import { retryAfter } from '../../src/components/cme-referral-form/send.js';
import * as schema from '../../src/core/referral/schema.js';
import * as labels from '../../src/core/referral/labels.js';
import { formatIsoDate } from '../../src/internal/format.js';
import {
  YEAR,
  DOB,
  DOB_ISO,
  LAST_YEAR,
  HOST,
  root,
  text,
  headingText,
  active,
  byId,
  buttonNamed,
  pageText,
  summaryItems,
  summaryText,
  make,
  settle,
  set,
  fill,
  date,
  next,
  axeOnce,
  SCHOOL,
  CONCERNS_MORE,
  toChildPage,
  journey,
  useRelay,
} from './support/referral-form.js';

describe('<cme-referral-form>', function () {
  this.timeout(60_000);
  useRelay();

  it('opens on the safeguarding question, its legend the page heading, with the intro slot and no Back link', async () => {
    const el = await make('', '<p slot="intro">Tell us about a child who may be missing education.</p>');
    const legend = root(el).querySelector('fieldset > legend')!;
    expect(text(legend.querySelector('h2')!)).to.equal('Is the child at immediate risk of harm?');
    expect(root(el).querySelector('fieldset')!.getAttribute('aria-describedby')).to.equal('safeguarding.immediateRisk-hint');
    expect(root(el).querySelector('slot[name="intro"]')).to.exist;
    expect(root(el).querySelector('.back-link')).to.equal(null);
    expect(root(el).querySelector('form')!.noValidate).to.equal(true);
  });

  it('validates on Continue: error summary, inline error with hidden "Error:", "Error: " in the title, links that focus the field', async () => {
    document.title = 'Refer a child';
    const el = await make();
    await next(el);
    await expect(el).to.be.accessible();
    const summary = root(el).querySelector<HTMLElement>('.error-summary')!;
    expect(active(el)).to.equal(summary);
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(summaryText(el)).to.equal('There is a problem Select yes if the child is at immediate risk of harm');
    const inline = byId(el, 'safeguarding.immediateRisk-error')!;
    expect(text(inline)).to.equal('Error: Select yes if the child is at immediate risk of harm');
    expect(inline.querySelector('.visually-hidden')!.textContent).to.equal('Error:');
    expect(document.title).to.equal('Error: Refer a child');
    summary.querySelector('a')!.click();
    expect(active(el)).to.equal(byId(el, 'safeguarding.immediateRisk'));
    await set(el, 'safeguarding.immediateRisk', 'false');
    await next(el, 'Who is making the referral?');
    expect(document.title).to.equal('Refer a child');
    expect(active(el)).to.equal(root(el).querySelector('#h'));
  });

  it('stops at the emergency contacts when the child is at immediate risk, then lets the referrer continue', async () => {
    const el = await make('', `<script type="application/json">{"emergencyContacts":[{"name":"Family Front Door","phone":"01234 567890","note":"Children’s social care"}]}</script>`);
    await waitUntil(() => root(el).querySelector('form'), 'config loaded');
    await axeOnce(el);
    await set(el, 'safeguarding.immediateRisk', 'true');
    await next(el, 'Get help for the child now');
    await expect(el).to.be.accessible();
    const contacts = text(root(el).querySelector('.contacts')!);
    expect(contacts).to.contain('Family Front Door');
    expect(root(el).querySelector('a[href="tel:01234567890"]')).to.exist;
    await next(el);
    await expect(el).to.be.accessible();
    expect(summaryText(el)).to.contain('Contact the police on 999 or children’s social care first, then confirm you have done so');
    await set(el, 'safeguarding.emergencyContacted', 'true');
    await next(el, 'Who is making the referral?');
    // Back goes to the stop page, then the question.
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal('Get help for the child now');
    expect(byId(el, 'safeguarding.emergencyContacted')!.checked).to.equal(true);
  });

  it('the default emergency contacts name the police (999) and children’s social care', async () => {
    const el = await make();
    await set(el, 'safeguarding.immediateRisk', 'true');
    await next(el, 'Get help for the child now');
    expect(root(el).querySelector('a[href="tel:999"]')).to.exist;
    expect(text(root(el).querySelector('.contacts')!)).to.contain('Children’s social care');
  });

  it('asks schools for role, UPN, deletion ground and DSL appraisal, and drops those answers when the referrer is not a school', async () => {
    const el = await make();
    await fill(el, { 'safeguarding.immediateRisk': 'false' });
    await next(el);
    await fill(el, { 'referrer.type': 'public' });
    await next(el, 'Your details');
    await axeOnce(el);
    expect(byId(el, 'referrer.role')).to.equal(null);
    expect(text(root(el).querySelector('label[for="referrer.name"]')!)).to.equal('Your full name (optional)');
    expect(byId(el, 'referrer.name-hint')).to.exist;
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    await fill(el, { 'referrer.type': 'school' });
    await next(el, 'Your details');
    expect(byId(el, 'referrer.role')).to.exist;
    await next(el);
    await expect(el).to.be.accessible();
    expect(summaryItems(el)).to.deep.equal([
      'Enter your full name',
      'Enter your job title or role',
      'Enter the name of your school or organisation',
      'Enter your email address',
    ]);
    await fill(el, SCHOOL[2]!.values!);
    await next(el, 'About the child');
    await fill(el, { 'child.upn': 'H801200001001' });
    expect(byId(el, 'child.upn')).to.exist;
    // Change the referrer type: the UPN is dropped, and its field goes.
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    root(el).querySelector<HTMLAnchorElement>('.back-link')!.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal('Who is making the referral?');
    await fill(el, { 'referrer.type': 'professional' });
    await next(el, 'Your details');
    await next(el, 'About the child');
    expect(byId(el, 'child.upn')).to.equal(null);
    expect((el as unknown as { draft: { child: Record<string, unknown> } }).draft.child.upn).to.equal(undefined);
  });

  it('gives each field the right type, autocomplete, inputmode and spellcheck, with labels and hints in the same shadow tree', async () => {
    const el = await make();
    await fill(el, { 'safeguarding.immediateRisk': 'false' });
    await next(el);
    await fill(el, { 'referrer.type': 'school' });
    await next(el, 'Your details');
    const attrs = (id: string) => {
      const i = byId(el, id)!;
      return [i.type, i.getAttribute('autocomplete'), i.getAttribute('spellcheck'), i.labels![0]!.getRootNode() === root(el)];
    };
    expect(attrs('referrer.name')).to.deep.equal(['text', 'name', 'false', true]);
    expect(attrs('referrer.role')).to.deep.equal(['text', 'organization-title', null, true]);
    expect(attrs('referrer.organisation')).to.deep.equal(['text', 'organization', null, true]);
    expect(attrs('referrer.email')).to.deep.equal(['email', 'email', 'false', true]);
    expect(attrs('referrer.phone')).to.deep.equal(['tel', 'tel', null, true]);
    await fill(el, SCHOOL[2]!.values!);
    await next(el, 'About the child');
    await axeOnce(el);
    // Someone else's details: the browser must not offer the referrer's own name or address.
    expect(attrs('child.firstName')).to.deep.equal(['text', 'off', 'false', true]);
    expect(attrs('child.address.postcode')).to.deep.equal(['text', 'off', 'false', true]);
    expect(byId(el, 'child.address.postcode')!.getAttribute('autocapitalize')).to.equal('characters');
    expect(byId(el, 'child.upn')!.getAttribute('autocapitalize')).to.equal('characters');
    const dob = ['day', 'month', 'year'].map((p) => byId(el, `child.dateOfBirth-${p}`)!);
    expect(dob.map((i) => i.inputMode)).to.deep.equal(['numeric', 'numeric', 'numeric']);
    expect(dob.map((i) => i.getAttribute('autocomplete'))).to.deep.equal([null, null, null]);
    expect(byId(el, 'child.firstName')!.getAttribute('aria-describedby')).to.equal('child.firstName-hint');
  });

  it('explains dates as GOV.UK does, outlines the parts at fault, and keeps what was typed', async () => {
    const el = await make();
    await toChildPage(el);
    await fill(el, { 'child.firstName': 'Kai', 'child.lastName': 'Nowak', 'child.sex': 'male', 'child.whereaboutsKnown': 'true', ...date('child.dateOfBirth', ['12', '', LAST_YEAR]) });
    await next(el);
    await expect(el).to.be.accessible();
    expect(summaryText(el)).to.equal('There is a problem Date of birth must include a month');
    expect(root(el).querySelector('.error-summary a')!.getAttribute('href')).to.equal('#child.dateOfBirth-month');
    expect([...root(el).querySelectorAll('.input-error')].map((i) => i.id)).to.deep.equal(['child.dateOfBirth-month']);
    expect(byId(el, 'child.dateOfBirth-day')!.value).to.equal('12');
    root(el).querySelector<HTMLAnchorElement>('.error-summary a')!.click();
    expect(active(el)!.id).to.equal('child.dateOfBirth-month');

    // A real date in the future: the schema's rule, on all three parts.
    await fill(el, date('child.dateOfBirth', ['1', '1', String(YEAR + 1)]));
    await next(el);
    expect(summaryText(el)).to.equal('There is a problem Child’s date of birth must be today or in the past');
    expect(root(el).querySelectorAll('.input-error')).to.have.length(3);
    await fill(el, date('child.dateOfBirth', DOB));
    await next(el, 'Parents or carers');
  });

  it('"Add another" parents up to six, removes one, and names each item’s errors by its path', async () => {
    const el = await make();
    await toChildPage(el);
    await fill(el, { 'child.firstName': 'Kai', 'child.lastName': 'Nowak', 'child.sex': 'male', 'child.whereaboutsKnown': 'true', ...date('child.dateOfBirth', DOB) });
    await next(el, 'Parents or carers');
    await axeOnce(el);
    expect(buttonNamed(el, 'Remove Parent or carer 1')).to.equal(null);
    await fill(el, { 'parents.0.name': 'Ann One', 'parents.0.relationship': 'Mother', 'parents.0.parentalResponsibility': 'yes' });
    for (let n = 2; n <= 6; n++) {
      byId(el, 'parents-add')!.click();
      await el.updateComplete;
      expect(active(el)!.id, `focus on parent ${n}'s name`).to.equal(`parents.${n - 1}.name`);
      await fill(el, { [`parents.${n - 1}.name`]: `Person ${n}` });
    }
    expect(byId(el, 'parents-add')).to.equal(null);
    expect(text(root(el).querySelector('form')!)).to.contain('You can add up to 6.');
    await next(el);
    await expect(el).to.be.accessible();
    const links = [...root(el).querySelectorAll('.error-summary a')].map((a) => a.getAttribute('href'));
    expect(links[0]).to.equal('#parents.1.relationship');
    expect(links[1]).to.equal('#parents.1.parentalResponsibility');
    // Remove parent 2: parent 3 moves up, with what was typed.
    buttonNamed(el, 'Remove Parent or carer 2')!.click();
    await el.updateComplete;
    expect(root(el).querySelectorAll('fieldset.item')).to.have.length(5);
    expect(byId(el, 'parents.1.name')!.value).to.equal('Person 3');
    expect(active(el)!.id).to.equal('parents.1.name');
    for (let i = 4; i >= 1; i--) {
      buttonNamed(el, `Remove Parent or carer ${i + 1}`)!.click();
      await el.updateComplete;
    }
    expect(byId(el, 'parents.0.name')!.value).to.equal('Ann One');
    await next(el, 'The child’s education');
  });

  it('"Check your answers" shows every answer; "Change" goes to the page and Continue comes back, keeping every answer', async () => {
    const el = await make();
    await journey(el);
    const all = pageText(el);
    for (const s of ['Priya Shah', "Amelia", 'H801200001001', formatIsoDate(DOB_ISO), 'WR2 5AA', 'Tomasz Nowak', 'Year 6', 'Child in need', 'Young carer', "Leo O'Brien", 'Phone call', 'Home visit', '20 continuous school days of unauthorised absence']) {
      expect(all, s).to.contain(s === 'WR2 5AA' ? 'wr2 5aa' : s);
    }
    const change = [...root(el).querySelectorAll<HTMLAnchorElement>('.summary .act a')].find((a) => text(a) === 'Change Last name')!;
    change.click();
    await el.updateComplete;
    expect(headingText(el)).to.equal('About the child');
    expect(active(el)).to.equal(root(el).querySelector('#h'));
    expect(byId(el, 'child.lastName')!.value).to.equal("O'Brien");
    // Back from a "Change" page returns to Check your answers.
    expect(root(el).querySelector('.back-link')).to.exist;
    await fill(el, { 'child.lastName': 'Brien' });
    await next(el, 'Check your answers before sending the referral');
    expect(pageText(el)).to.contain('Brien');
    expect(pageText(el)).to.contain('Tomasz Nowak');
  });

  it('the browser Back and Forward buttons step through the pages without losing answers (history holds the page id only)', async () => {
    const el = await make();
    await fill(el, { 'safeguarding.immediateRisk': 'false' });
    await next(el);
    expect(history.state).to.deep.equal({ cmeReferral: 'referrer-type' });
    await fill(el, { 'referrer.type': 'parent-carer' });
    await next(el, 'Your details');
    await fill(el, { 'referrer.name': 'Sam Carer' });
    const url = location.href;
    history.back();
    await waitUntil(() => headingText(el) === 'Who is making the referral?', 'back');
    expect(root(el).querySelector<HTMLInputElement>('input[value="parent-carer"]')!.checked).to.equal(true);
    history.forward();
    await waitUntil(() => headingText(el) === 'Your details', 'forward');
    await el.updateComplete;
    expect(byId(el, 'referrer.name')!.value).to.equal('Sam Carer');
    expect(location.href).to.equal(url);
  });

  it('pre-fills what the wizard hands over, only where nothing was answered, and takes focus on its heading', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <cme-wizard history="false"></cme-wizard>
      <cme-referral-form history="false"></cme-referral-form>
    </div>`);
    const wizard = wrapper.querySelector('cme-wizard')!;
    const el = wrapper.querySelector(HOST)!;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await expect(wizard).to.be.accessible();
    const w = wizard.shadowRoot!;
    const press = async (value?: string, dob?: string[]) => {
      if (value) w.querySelector<HTMLInputElement>(`input[value="${value}"]`)!.click();
      if (dob) ['day', 'month', 'year'].forEach((p, i) => (w.querySelector<HTMLInputElement>(`input[name$="-${p}"]`)!.value = dob[i]!));
      [...w.querySelectorAll('button')].find((b) => text(b) === 'Continue')!.click();
      await wizard.updateComplete;
    };
    await press('no');
    await press(undefined, DOB);
    await press('no');
    await press('none');
    await press();
    [...w.querySelectorAll('button')].find((b) => text(b) === 'Make a Children Missing Education referral')!.click();
    await waitUntil(() => active(el) === root(el).querySelector('#h'), 'focus on the form');
    expect(document.activeElement).to.equal(el);
    expect(root(el).querySelector<HTMLInputElement>('input[value="false"]')!.checked).to.equal(true);
    await next(el);
    await fill(el, { 'referrer.type': 'parent-carer' });
    await next(el);
    await fill(el, { 'referrer.name': 'Sam Carer' });
    await next(el, 'About the child');
    expect(['day', 'month', 'year'].map((p) => byId(el, `child.dateOfBirth-${p}`)!.value)).to.deep.equal(DOB);
    // A second hand-off does not overwrite what the person has since typed.
    await fill(el, date('child.dateOfBirth', ['1', '2', String(YEAR - 9)]));
    await el.prefill({ outcomeId: 'cme', answers: {}, immediateRisk: false, dateOfBirth: DOB_ISO, registeredAtSchool: 'yes', whereaboutsKnown: undefined, education: 'none', homeEducationAssessedUnsuitable: undefined });
    expect(byId(el, 'child.dateOfBirth-day')!.value).to.equal('1');
    await fill(el, { 'child.firstName': 'Kai', 'child.lastName': 'Nowak', 'child.sex': 'male', 'child.whereaboutsKnown': 'true' });
    await next(el);
    await fill(el, { 'parents.0.name': 'Sam Carer', 'parents.0.relationship': 'Father', 'parents.0.parentalResponsibility': 'yes' });
    await next(el, 'The child’s education');
    expect(root(el).querySelector<HTMLInputElement>('input[name="education.registeredAtSchool"]:checked')!.value).to.equal('no');
    expect(root(el).querySelector<HTMLInputElement>('input[name="education.provision"]:checked')!.value).to.equal('none');
  });

  it('every page’s error state is accessible, and each page accepts what it should', async () => {
    const el = await make();
    for (const s of SCHOOL) {
      expect(headingText(el)).to.equal(s.heading);
      for (const list of s.add ?? []) {
        byId(el, `${list}-add`)!.click();
        await el.updateComplete;
      }
      if (s.heading !== 'Vulnerabilities and siblings') {
        await next(el, s.heading);
        expect(root(el).querySelector('.error-summary'), `errors on "${s.heading}"`).to.exist;
        await expect(el).to.be.accessible();
      }
      await fill(el, s.values ?? {});
      if (s.heading === 'Your concerns') {
        await next(el, s.heading);
        expect(summaryItems(el)).to.deep.equal(['Enter the date of the referral to children’s social care']);
        await fill(el, CONCERNS_MORE);
      }
      await next(el);
    }
    expect(headingText(el)).to.equal('Check your answers before sending the referral');
    buttonNamed(el, 'Continue')!.click();
    await settle(el);
    await next(el, 'Declaration');
    await expect(el).to.be.accessible();
    expect(summaryItems(el)).to.deep.equal(['Confirm that the information you have given is accurate', 'Confirm that you have read the privacy notice']);
  });

  it('offers the schema’s own option lists and limits (no zod on the page until it is needed)', () => {
    const keys = (f: () => Record<string, string>) => Object.keys(f());
    expect(keys(labels.referrerTypeLabels)).to.deep.equal([...schema.REFERRER_TYPES]);
    expect(keys(labels.sexLabels)).to.deep.equal([...schema.SEXES]);
    expect(keys(labels.yesNoUnknownLabels)).to.deep.equal([...schema.YES_NO_UNKNOWN]);
    expect(keys(labels.provisionLabels)).to.deep.equal([...schema.PROVISIONS]);
    expect(keys(labels.destinationLabels)).to.deep.equal([...schema.DESTINATIONS]);
    expect(keys(labels.deletionGroundLabels)).to.deep.equal([...schema.DELETION_GROUNDS]);
    expect(keys(labels.vulnerabilityLabels)).to.deep.equal([...schema.VULNERABILITIES]);
    expect(keys(labels.enquiryMethodLabels)).to.deep.equal([...schema.ENQUIRY_METHODS]);
    expect(optionLabels.yearGroups().map(([value]) => value)).to.deep.equal([...schema.YEAR_GROUPS]);
    const lists = Object.fromEntries(JOURNEY.filter((p) => p.list).map((p) => [p.list!.path, p.list!.max]));
    expect(lists).to.deep.equal({ parents: schema.LIMITS.maxParents, siblings: schema.LIMITS.maxSiblings, enquiries: schema.LIMITS.maxEnquiries });
    expect(retryAfter('7')).to.equal(7);
    expect(retryAfter(new Date(Date.now() + 30_000).toUTCString())).to.be.within(29, 31);
    expect(retryAfter('soon')).to.equal(1);
  });
});
