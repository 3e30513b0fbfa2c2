/**
 * Option lists the form renders before the schema (zod) has loaded. The schema validates against
 * these same constants, so the choices offered and the values accepted cannot drift apart.
 */

/** School year groups, in order: nursery, reception, then years 1 to 13. */
export const YEAR_GROUPS = ['nursery', 'reception', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const;
export type YearGroup = (typeof YEAR_GROUPS)[number];
