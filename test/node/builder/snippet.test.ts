import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, fieldForPath, snippet, type BuilderInput } from '../../../src/builder/snippet.js';

const blank: BuilderInput = {
  kind: 'helpline', council: '', phone: '01632 960 000', email: '', teamEmail: '', teamPhone: '', privacyUrl: '',
  hours: { mon: '09:00-12:30, 13:00-16:30', tue: '', wed: '09:00 to 12:30', thu: '', fri: '', sat: '', sun: '' },
  terms: [{ from: '02/09/2026', to: '23/10/2026' }, { from: '', to: '' }],
  closures: '16/12/2026 Staff training\n\n17 December 2026 Office move',
  bankHolidays: 'england-and-wales', emergencyName: '', emergencyPhone: '', heading: '', headingLevel: '2', lang: 'en-GB', overrides: '',
};

test('helpline: hours, terms in UK dates, closures (numeric or written dates) become its config, and the snippet per CMS', () => {
  const r = build(blank);
  assert.ok(r.ok);
  assert.deepEqual(r.value.config, {
    weekly: { mon: ['09:00-12:30', '13:00-16:30'], wed: ['09:00-12:30'] },
    termTime: [{ from: '2026-09-02', to: '2026-10-23' }],
    closures: [{ date: '2026-12-16', label: 'Staff training' }, { date: '2026-12-17', label: 'Office move' }],
    bankHolidays: 'england-and-wales',
  });
  const drupal = snippet(r.value, 'drupal');
  assert.match(drupal, /^<div data-cme="helpline" data-phone="01632 960 000"\n {5}data-config='\{"weekly"/);
  assert.match(drupal, /<p>School attendance helpline: 01632 960 000\.<\/p>\n<\/div>\n$/);
  const raw = snippet(r.value, 'raw');
  assert.match(raw, /^<cme-helpline phone="01632 960 000">\n  <script type="application\/json">\n {4}\{"weekly"/);
});

test('apostrophes, ampersands and </script> cannot break out of the attribute or the script', () => {
  const r = build({ ...blank, kind: 'wizard', emergencyName: "Children's services & </script>", emergencyPhone: '01632 960 111', overrides: "Opening hours = When it's open" });
  assert.ok(r.ok);
  const drupal = snippet(r.value, 'tinymce', 'pl');
  assert.ok(!/data-config='[^']*'[^>\n]*'/.test(drupal));
  assert.ok(drupal.includes('Children&#39;s services &amp; </script>'), drupal);
  assert.ok(drupal.includes(' lang="pl"'));
  const raw = snippet(r.value, 'raw');
  assert.ok(raw.includes('\\u003c/script>') && !raw.slice(raw.indexOf('<script'), raw.indexOf('</script>')).includes('</'), raw);
  assert.ok(raw.includes(`data-i18n='{"Opening hours":"When it&#39;s open"}'`));
});

test('errors from the helpline’s own check land on the builder’s fields', () => {
  const r = build({ ...blank, phone: '', hours: { ...blank.hours, mon: 'nine till five' }, terms: [{ from: '31/02/2026', to: '2026-10-23' }], closures: 'next Tuesday' });
  assert.ok(!r.ok);
  const fields = r.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['closures', 'hours-mon', 'phone', 'term-0-from']);
  assert.match(r.errors.find((e) => e.field === 'hours-mon')!.message, /24-hour/);
  assert.equal(fieldForPath('helpline.weekly.fri.1'), 'hours-fri');
  // An empty row in the table: the error lands on the row the editor typed in, once.
  const rows = build({ ...blank, terms: [{ from: '02/09/2026', to: '23/10/2026' }, { from: '', to: '' }, { from: '30/02/2027', to: '' }] });
  assert.ok(!rows.ok);
  assert.deepEqual(rows.errors.map((e) => e.field), ['term-2-from']);
  assert.equal(fieldForPath('termTime.3.to'), 'term-3-to');
});

test('the council profile: the profile file’s shape, checked by the profile check', () => {
  const r = build({ ...blank, kind: 'profile', council: 'Exampleshire County Council', teamEmail: 'cme@exampleshire.gov.uk', emergencyName: 'Family Front Door', emergencyPhone: '01632 960 111', privacyUrl: '/privacy/cme' });
  assert.ok(r.ok);
  assert.deepEqual(JSON.parse(snippet(r.value, 'drupal')), {
    council: 'Exampleshire County Council',
    team: { email: 'cme@exampleshire.gov.uk' },
    helpline: { phone: '01632 960 000', weekly: { mon: ['09:00-12:30', '13:00-16:30'], wed: ['09:00-12:30'] }, closures: [{ date: '2026-12-16', label: 'Staff training' }, { date: '2026-12-17', label: 'Office move' }], bankHolidays: 'england-and-wales' },
    termTime: [{ from: '2026-09-02', to: '2026-10-23' }],
    emergencyContacts: [{ name: 'Family Front Door', phone: '01632 960 111' }],
    privacyUrl: '/privacy/cme',
  });
  const bad = build({ ...blank, kind: 'profile', teamEmail: 'not an email', privacyUrl: 'javascript:alert(1)' });
  assert.ok(!bad.ok);
  assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['privacy-url', 'team-email']);
});
