/** The civil date in England, for every rule that needs "today" (docs/law.md#london-dates-and-times). */
let londonFormat: Intl.DateTimeFormat | undefined;

/**
 * The civil date in England (Europe/London, GMT or BST) at the instant `at`, whatever the
 * device's own time zone is (docs/law.md#london-dates-and-times): `2025-06-27T23:30:00Z` is
 * `2025-06-28` (BST). The one "today" of the wizard, the referral schema and the relay.
 */
export function londonDate(at: Date = new Date()): string {
  londonFormat ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
  const parts: Record<string, string> = {};
  for (const p of londonFormat.formatToParts(at)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}
