import { define } from '../../internal/define.js';
import { CmeWizard } from './cme-wizard.js';

define('cme-wizard', CmeWizard);

declare global {
  interface HTMLElementTagNameMap {
    'cme-wizard': CmeWizard;
  }
}

export { CmeWizard };
export type { ReferralTarget, WizardPrefill, WizardOutcomeDetail, WizardReferralDetail, WizardStepDetail } from './cme-wizard.js';
