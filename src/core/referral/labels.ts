/**
 * Human words for the referral's coded answers, through `msg()` (English in Node, so the relay's
 * email reads the same as the form's "Check your answers" page in English). Functions, not
 * constants: the locale can change at runtime.
 */
import { msg, str } from '@lit/localize';
import type { DELETION_GROUNDS, DESTINATIONS, ENQUIRY_METHODS, PROVISIONS, REFERRER_TYPES, SEXES, VULNERABILITIES, YES_NO_UNKNOWN, YEAR_GROUPS } from './schema.js';

type Labels<T extends readonly string[]> = () => Record<T[number], string>;

export const referrerTypeLabels: Labels<typeof REFERRER_TYPES> = () => ({
  school: msg('A school'),
  professional: msg('Another professional'),
  'parent-carer': msg('A parent or carer'),
  public: msg('A member of the public'),
});

export const sexLabels: Labels<typeof SEXES> = () => ({ female: msg('Female'), male: msg('Male'), 'not-known': msg('Not known') });

export const yesNoUnknownLabels: Labels<typeof YES_NO_UNKNOWN> = () => ({ yes: msg('Yes'), no: msg('No'), unknown: msg('Not known') });

export const provisionLabels: Labels<typeof PROVISIONS> = () => ({
  none: msg('No education'),
  'awaiting-place': msg('Waiting for a school place'),
  'home-education': msg('Home education'),
  'alternative-provision': msg('Alternative provision'),
  unknown: msg('Not known'),
});

export const yearGroupLabel = (value: (typeof YEAR_GROUPS)[number]): string =>
  value === 'nursery' ? msg('Nursery') : value === 'reception' ? msg('Reception') : msg(str`Year ${value}`, { desc: 'A school year group, e.g. Year 7' });

export const destinationLabels: Labels<typeof DESTINATIONS> = () => ({
  'not-moved': msg('Has not moved'),
  'other-la': msg('Another local authority area in the UK'),
  abroad: msg('Abroad'),
  'home-education': msg('Home education'),
  other: msg('Somewhere else'),
  unknown: msg('Not known'),
});

export const deletionGroundLabels: Labels<typeof DELETION_GROUNDS> = () => ({
  'home-education': msg('Parent has told the school in writing that the child is home educated'),
  'not-returned-after-leave': msg('Not returned within 10 school days after leave of absence'),
  'continuous-absence': msg('20 continuous school days of unauthorised absence'),
  'moved-away': msg('Moved away'),
  other: msg('Another reason'),
});

export const vulnerabilityLabels: Labels<typeof VULNERABILITIES> = () => ({
  'looked-after': msg('Looked after child'),
  'previously-looked-after': msg('Previously looked after'),
  'child-protection-plan': msg('Child protection plan'),
  'child-in-need': msg('Child in need'),
  'known-to-social-care': msg('Known to children’s social care'),
  ehcp: msg('Education, health and care plan (EHCP)'),
  'sen-support': msg('Special educational needs support'),
  'gypsy-roma-traveller': msg('Gypsy, Roma or Traveller family'),
  'mobile-family': msg('Mobile family'),
  'young-carer': msg('Young carer'),
  'private-fostering': msg('Privately fostered'),
});

export const enquiryMethodLabels: Labels<typeof ENQUIRY_METHODS> = () => ({
  phone: msg('Phone call'),
  'emergency-contact': msg('Emergency contacts'),
  'home-visit': msg('Home visit'),
  letter: msg('Letter'),
  email: msg('Email'),
  'other-agency': msg('Another agency'),
  'social-media': msg('Social media check'),
  other: msg('Other'),
});
