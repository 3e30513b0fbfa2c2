/**
 * The default "Is this child missing education?" flow (docs/law.md#who-is-cme, DfE "Children missing
 * education", 8 September 2025). Logic lives in the routes; wording can be changed by councils
 * through content overrides (`content.ts`) and is translated through `msg()`.
 *
 * Question ids (stable: content overrides and `classifyCase` use them): `immediate-risk`,
 * `date-of-birth`, `age-band`, `registered`, `whereabouts`, `education`,
 * `home-education-assessed`. Outcome ids are the `OutcomeId`s of `classify.ts`.
 *
 * Outcome text may contain `{reachesCsaOn}` / `{leftCsaOn}` placeholders: see
 * `PlaceholderValues` and `fillBlocks` in `engine.ts`.
 */
import { msg } from '@lit/localize';
import { DEFAULT_PROFILE, type CouncilProfile } from '../profile.js';
import type { Contact, Flow } from './types.js';

// Contacts come from the council profile (docs/law.md#the-helpline: the seed site's by default);
// councils can also override them per outcome through content config.
const cmeTeam = (p: CouncilProfile): Contact => ({ name: msg('Children Missing Education team'), email: p.team?.email ?? DEFAULT_PROFILE.team.email });
const helpline = (p: CouncilProfile): Contact => ({
  name: msg('School attendance helpline'),
  phone: p.helpline?.phone ?? DEFAULT_PROFILE.helpline.phone,
  // The seed's hours in words; a profile with its own hours shows them on its helpline instead.
  ...(p.helpline?.weekly ? {} : { note: msg('9:00am to 12:30pm and 1:00pm to 4:30pm, Monday, Wednesday and Friday, during term time') }),
});
const dontKnow = () => ({ value: 'unknown', label: msg('I do not know') });
const referral = () => [{ kind: 'referral' as const, label: msg('Make a Children Missing Education referral') }];

/**
 * Builds the default CME flow in the active locale, with the contacts of the council profile
 * `p`. A function, not a constant: call it at render time so the text follows `setLocale()`.
 */
export function cmeFlow(p: CouncilProfile = DEFAULT_PROFILE): Flow {
  return {
    id: 'cme',
    start: 'immediate-risk',
    questions: [
      // docs/law.md#safeguarding-first (Education Act 2002 s175).
      {
        id: 'immediate-risk',
        type: 'yes-no',
        title: msg('Is the child at immediate risk of harm?'),
        hint: msg('For example, you think they are being abused, neglected or exploited, or they are in danger now.'),
        routes: [
          { when: { answer: 'yes' }, next: 'emergency' },
          { when: { answer: 'no' }, next: 'date-of-birth' },
        ],
      },
      // docs/law.md#compulsory-school-age: on today's date.
      {
        id: 'date-of-birth',
        type: 'date-of-birth',
        title: msg("What is the child's date of birth?"),
        hint: msg('For example, 27 3 2017'),
        dontKnow: { value: 'unknown', label: msg('I do not know their date of birth') },
        routes: [
          { when: { csa: 'compulsory' }, next: 'registered' },
          { when: { csa: ['under', 'over'] }, next: 'not-compulsory-school-age' },
          { when: { answer: 'unknown' }, next: 'age-band' },
        ],
      },
      {
        id: 'age-band',
        type: 'radios',
        title: msg('Roughly how old is the child?'),
        options: [
          { value: 'under', label: msg('Younger than compulsory school age (usually under 5)') },
          { value: 'compulsory', label: msg('Compulsory school age (usually 5 to 16, up to the end of year 11)') },
          { value: 'over', label: msg('Older than compulsory school age (has finished year 11)') },
        ],
        // Unknown age: carry on, the CME team can establish it.
        dontKnow: dontKnow(),
        routes: [
          { when: { answer: ['under', 'over'] }, next: 'not-compulsory-school-age' },
          { otherwise: true, next: 'registered' },
        ],
      },
      // docs/law.md#school-attendance: a registered pupil is not CME, even if persistently absent.
      {
        id: 'registered',
        type: 'yes-no',
        title: msg('Is the child on the roll of a school?'),
        hint: msg(
          'Any school counts: a maintained school, academy or free school, independent school, special school or pupil referral unit, including dual registration.',
        ),
        dontKnow: dontKnow(),
        routes: [
          { when: { answer: 'yes' }, next: 'whereabouts' },
          { otherwise: true, next: 'education' },
        ],
      },
      // docs/law.md#deletion-from-the-register: unknown whereabouts need joint enquiries.
      {
        id: 'whereabouts',
        type: 'yes-no',
        title: msg('Does the school or another agency know where the child is?'),
        hint: msg('Answer yes if someone knows where the child is living now, even if they are not attending school.'),
        dontKnow: dontKnow(),
        routes: [
          { when: { answer: 'no' }, next: 'school-enquiries' },
          { otherwise: true, next: 'attendance' },
        ],
      },
      // docs/law.md#who-is-cme: not registered (or nobody knows) → what education, if any?
      {
        id: 'education',
        type: 'radios',
        title: msg('What education is the child receiving?'),
        options: [
          { value: 'home-education', label: msg('Home education arranged by their parents (elective home education)') },
          {
            value: 'alternative-provision',
            label: msg('Alternative provision arranged by the local authority, such as a tuition service or hospital education'),
          },
          { value: 'awaiting-place', label: msg('Waiting for a school place, or offered a place but not started yet') },
          { value: 'none', label: msg('None') },
        ],
        dontKnow: dontKnow(),
        routes: [
          { when: { answer: 'home-education' }, next: 'home-education-assessed' },
          { when: { answer: 'alternative-provision' }, next: 'alternative-provision' },
          { otherwise: true, next: 'cme' },
        ],
      },
      // docs/law.md#elective-home-education: only EHE assessed as unsuitable is CME.
      {
        id: 'home-education-assessed',
        type: 'yes-no',
        title: msg('Has the local authority assessed the home education as unsuitable?'),
        hint: msg('Answer no if the local authority has not assessed it yet.'),
        dontKnow: dontKnow(),
        routes: [
          { when: { answer: 'yes' }, next: 'cme' },
          { otherwise: true, next: 'ehe' },
        ],
      },
    ],
    outcomes: [
      {
        id: 'emergency',
        tone: 'urgent',
        title: msg('Get help for the child now'),
        body: [
          msg('If the child is in immediate danger, call the police on 999.'),
          msg(
            "If you think the child is at risk of harm, contact children's social care for the area where they live straight away. In a school, tell your designated safeguarding lead.",
          ),
          msg("A Children Missing Education referral does not replace a call to the police or children's social care."),
        ],
        nextSteps: [
          msg(
            "Once you have done this, if you also think the child is missing education, make a referral. You do not need the parents' consent.",
          ),
        ],
        contacts: [{ name: msg('Police'), phone: '999' }],
        actions: referral(),
      },
      {
        id: 'not-compulsory-school-age',
        title: msg('The child is not of compulsory school age'),
        body: [
          // lit-localize needs object literals here; translators keep {placeholders} as they are.
          msg('The child reaches compulsory school age on {reachesCsaOn}. They must be in full-time education from the start of the next term.', {
            desc: 'Keep {reachesCsaOn} unchanged: it is replaced by a date.',
          }),
          msg("The child's compulsory school age ended on {leftCsaOn}.", { desc: 'Keep {leftCsaOn} unchanged: it is replaced by a date.' }),
          msg(
            "Compulsory school age starts on the first 31 March, 31 August or 31 December on or after a child's 5th birthday. It ends on the last Friday in June of the school year in which they turn 16 (Education Act 1996, section 8).",
          ),
          msg('A child who is not of compulsory school age is not missing education.'),
        ],
        nextSteps: [
          {
            type: 'list',
            items: [
              msg('For a younger child, the family can apply for a school place through the council.'),
              msg('Young people must stay in education or training until 18, for example at college or in an apprenticeship.'),
              msg("If you are worried about the child's safety, follow your safeguarding procedures."),
            ],
          },
        ],
        contacts: [cmeTeam(p)],
      },
      {
        id: 'attendance',
        title: msg('This is a school attendance matter'),
        body: [
          msg(
            "A child on a school roll is not missing education, even if they are persistently or severely absent. Their attendance is the school's responsibility.",
          ),
          msg(
            "Every school has an attendance policy and a senior attendance champion. The school contacts the family on the first day of absence, works with them to remove barriers, and agrees support with other agencies.",
          ),
          msg(
            'Schools must tell the local authority about pupils on part-time timetables, pupils who do not attend regularly, and pupils absent without authorisation for 10 or more school days in a row.',
          ),
        ],
        nextSteps: [
          {
            type: 'list',
            items: [
              msg("Share your concerns with the school's senior attendance champion or designated safeguarding lead."),
              msg('Schools can call the attendance helpline for advice, including when support has not worked and legal action may be needed.'),
              msg('If nobody can find out where the child is, the school must make enquiries with the local authority before removing them from the roll.'),
            ],
          },
        ],
        contacts: [helpline(p)],
      },
      {
        id: 'school-enquiries',
        title: msg('The school and the local authority must make enquiries'),
        body: [
          msg('The child is on a school roll but nobody knows where they are, so they may be missing education.'),
          msg(
            'Before removing a pupil who has not returned within 10 school days after leave of absence, or who has been absent without authorisation for 20 school days in a row, the school and the local authority must make reasonable enquiries together to find the child (Pupil Registration Regulations 2024, regulation 9(1)(h) and (i)).',
          ),
        ],
        nextSteps: [
          {
            type: 'list',
            items: [
              msg('Keep the child on the roll while enquiries continue.'),
              msg("Record each enquiry with its date: calls to every contact, home visits and who was seen, letters, other agencies, siblings' schools."),
              msg('Contact the Children Missing Education team to make enquiries together.'),
              msg('When the child is removed from the roll, the school must tell the local authority.'),
            ],
          },
        ],
        contacts: [cmeTeam(p)],
        actions: referral(),
      },
      {
        id: 'alternative-provision',
        title: msg('The child is receiving alternative provision'),
        body: [
          msg('A child receiving suitable alternative provision is not missing education.'),
          msg('The provider and the local authority team that arranged the provision follow up attendance and absence.'),
        ],
        nextSteps: [
          msg('Share any concerns with the provider and the team that arranged the provision.'),
          msg(
            'If the provision has ended and the child has no school place, or nobody knows where they are, they may be missing education: contact the Children Missing Education team.',
          ),
        ],
        contacts: [cmeTeam(p)],
      },
      {
        id: 'ehe',
        title: msg('The child is being educated at home'),
        body: [
          msg(
            'Parents may choose to educate their child at home. Suitable home education is not missing education, and neither is home education that the local authority has not yet had the chance to assess.',
          ),
          msg(
            "The local authority's elective home education team checks that the education is efficient, full-time and suitable to the child's age, ability, aptitude and any special educational needs.",
          ),
          msg(
            'If the education does not appear suitable, the local authority serves a notice under section 437(1) of the Education Act 1996, giving the parents at least 15 days to show that it is. It may then make a School Attendance Order naming a school.',
          ),
        ],
        nextSteps: [
          {
            type: 'list',
            items: [
              msg("A school removes a pupil for home education when the parents tell it in writing, and must then tell the local authority."),
              msg("Tell the local authority if you are worried about the child's education."),
              msg("If you are worried about the child's safety, follow your safeguarding procedures."),
            ],
          },
        ],
        contacts: [cmeTeam(p)],
      },
      {
        id: 'cme',
        title: msg('The child may be missing education'),
        body: [
          msg(
            'A child of compulsory school age who is not on a school roll and is not receiving suitable education otherwise is missing education.',
          ),
          msg(
            'This includes children waiting for a school place or not yet started at one, children whose home education the local authority has assessed as unsuitable, and children whose whereabouts are unknown.',
          ),
          msg(
            'The Children Missing Education team finds out where the child is, works with the family and other agencies to secure a school place or other suitable education, and supports the case until it is resolved.',
          ),
        ],
        nextSteps: [
          {
            type: 'list',
            items: [
              msg("Make a referral. You do not need the parents' consent."),
              msg('Include where the child may be, their family, their last school and any enquiries already made.'),
              msg("If you are worried about the child's safety, also contact children's social care."),
            ],
          },
        ],
        contacts: [cmeTeam(p)],
        actions: referral(),
      },
    ],
  };
}
