/**
 * cme-widgets for applications that bundle their own code (`import 'cme-widgets'`): registers
 * all four components at once, exports their classes and upgrades `<div data-cme="…">`
 * placeholders. Registering twice is harmless. CMS pages use the script-tag bundle instead
 * (`dist/cme-widgets.js`, `src/cme-widgets.ts`), which loads only the components a page uses.
 */
export { CmeDefinition } from './components/cme-definition/define.js';
export { CmeHelpline } from './components/cme-helpline/define.js';
export { CmeWizard } from './components/cme-wizard/define.js';
export { CmeReferralForm } from './components/cme-referral-form/define.js';
// The script-tag entry's placeholder mode and loader, shared rather than built twice.
export { loadComponents, upgradePlaceholders } from './cme-widgets.js';
