/*
 * What the form needs only once answers are checked or sent, in one chunk that loads on the
 * first answer (`loadLater` in referral-controller.ts): the referral schema (zod/mini) and
 * sending to the relay. Not in the form's first load.
 */
export { parseReferral, parseSections } from '../../core/referral/schema.js';
export { newKey, sendReferral } from './send.js';
