import { define } from '../../internal/define.js';
import { CmeReferralForm } from './cme-referral-form.js';

define('cme-referral-form', CmeReferralForm);

declare global {
  interface HTMLElementTagNameMap {
    'cme-referral-form': CmeReferralForm;
  }
}

export { CmeReferralForm };
export type { ReferralFailedDetail, ReferralSentDetail, ReferralStepDetail } from './cme-referral-form.js';
