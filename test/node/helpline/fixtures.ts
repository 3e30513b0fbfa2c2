// Shared helpline configurations for the core tests.
import { defaultHelplineConfig, type HelplineConfig } from '../../../src/core/helpline/config.js';

/** The seed's helpline: Mon, Wed, Fri, 9–12:30 and 13–16:30, no term dates. */
export const seed = defaultHelplineConfig;

/** Worcestershire-like terms (illustrative): autumn half term 26–30 Oct 2026, a training day on 16 Dec. */
export const termly: HelplineConfig = {
  ...seed,
  termTime: [
    { from: '2026-09-02', to: '2026-10-23' },
    { from: '2026-11-02', to: '2026-12-18' },
  ],
  closures: [{ date: '2026-12-16', label: 'Staff training' }],
};
