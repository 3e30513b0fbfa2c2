/**
 * The council profile: a site's contact details, helpline hours and term dates, typed once in one
 * JSON file that every component on the page reads (docs/editors.md, "The council profile").
 * A component's own settings override it. Without a profile the components use
 * {@link DEFAULT_PROFILE}: Worcestershire County Council's details, kept here and nowhere else.
 */
import type { Contact } from './contact.js';
import type { HelplineConfig } from './helpline/check-config.js';

/** The helpline's number and email, and its hours as a `HelplineConfig` takes them (no `termTime`: that is the site's). */
export interface ProfileHelpline extends Partial<Omit<HelplineConfig, 'termTime'>> {
  phone?: string;
  email?: string;
}

export interface CouncilProfile {
  /** The council's name, e.g. "Worcestershire County Council". */
  council?: string;
  /** The Children Missing Education team. */
  team?: { email?: string; phone?: string };
  /** The school attendance helpline. */
  helpline?: ProfileHelpline;
  /** School term dates (inclusive ranges); the helpline is open only inside them when given. */
  termTime?: HelplineConfig['termTime'];
  /** Whom to contact first when a child may be in danger (the referral form's emergency page). */
  emergencyContacts?: Contact[];
  /** The council's privacy notice for referrals. */
  privacyUrl?: string;
}

/** The parts of the default profile every component can rely on. */
export interface DefaultProfile extends CouncilProfile {
  council: string;
  team: { email: string; phone: string };
  helpline: ProfileHelpline & Pick<HelplineConfig, 'timeZone' | 'weekly' | 'bankHolidays'> & { phone: string };
}

/**
 * Worcestershire County Council, the seed site (docs/law.md#the-helpline): the CME team, and the
 * helpline on Monday, Wednesday and Friday with a lunch break, closed on bank holidays. It is
 * term-time only, but term dates are council configuration and are not guessed here (the
 * helpline says "term time only" in words). Treat it as read-only.
 */
const day = ['09:00-12:30', '13:00-16:30'];
const phone = '01905 844 440';
export const DEFAULT_PROFILE: DefaultProfile = {
  council: 'Worcestershire County Council',
  team: { email: 'cme@worcestershire.gov.uk', phone },
  helpline: { phone, timeZone: 'Europe/London', weekly: { mon: day, wed: day, fri: day }, bankHolidays: 'england-and-wales' },
};
