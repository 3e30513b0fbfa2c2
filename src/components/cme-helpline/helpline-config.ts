import type { Checked, ConfigError } from '../../internal/config/controller.js';
import { checkHelplineConfig, type HelplineConfig } from '../../core/helpline/check-config.js';
import { DEFAULT_PROFILE, type CouncilProfile } from '../../core/profile.js';

/** What the helpline renders with: its number and email, and its hours. */
export interface HelplineSettings {
  phone: string;
  email?: string;
  hours: HelplineConfig;
}

/**
 * The helpline's check (`ConfigModule`), which ships with the helpline (nearly every helpline
 * has settings: its term dates). Its config is a `HelplineConfig` (hours, term dates, bank holidays, closures) plus
 * `phone` and `email`. Each key the component's config gives replaces the profile's.
 */
export function check(own: Record<string, unknown>, profile: CouncilProfile): Checked<HelplineSettings> {
  const { phone, email, ...hours } = own;
  const errors: ConfigError[] = [];
  for (const [key, v] of [['phone', phone], ['email', email]] as const) {
    if (v !== undefined && (typeof v !== 'string' || !v.trim())) errors.push({ path: key, message: 'Expected text.' });
  }
  const { phone: profilePhone, email: profileEmail, ...profileHours } = profile.helpline ?? {};
  const fromProfile = { ...profileHours, ...(profile.termTime ? { termTime: profile.termTime } : {}) };
  // The profile's part alone first, so its errors carry the profile's own paths.
  const p = checkHelplineConfig(fromProfile);
  if (!p.ok) return { ok: false, errors: p.errors.map((e) => ({ ...e, path: e.path.startsWith('termTime') ? e.path : `helpline.${e.path}` })) };
  const checked = checkHelplineConfig({ ...fromProfile, ...hours });
  if (!checked.ok) errors.push(...checked.errors);
  if (!checked.ok || errors.length) return { ok: false, errors };
  const mail = (email as string | undefined) ?? profileEmail;
  return {
    ok: true,
    value: { phone: (phone as string | undefined) ?? profilePhone ?? DEFAULT_PROFILE.helpline.phone, ...(mail ? { email: mail } : {}), hours: checked.value },
  };
}
