/** A contact shown to the reader: an outcome's contacts in the wizard, the form's emergency contacts. */
export interface Contact {
  name: string;
  phone?: string;
  email?: string;
  /** A link for the name (https:, mailto:, tel: or a path). */
  href?: string;
  /** e.g. opening hours. */
  note?: string;
}
