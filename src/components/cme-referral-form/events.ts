import type { PageId } from '../../core/referral/journey.js';

/** Detail of `cme-referral-step`: the page now shown. */
export interface ReferralStepDetail {
  pageId: PageId;
}
/** Detail of `cme-referral-sent`: the reference the relay gave (no answers). */
export interface ReferralSentDetail {
  reference: string;
}
/** Detail of `cme-referral-failed`: why the referral could not be sent this time. */
export interface ReferralFailedDetail {
  reason: 'offline' | 'network' | 'busy' | 'invalid' | 'refused';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cme-referral-step': CustomEvent<ReferralStepDetail>;
    'cme-referral-sent': CustomEvent<ReferralSentDetail>;
    'cme-referral-failed': CustomEvent<ReferralFailedDetail>;
  }
}
