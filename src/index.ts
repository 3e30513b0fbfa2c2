/**
 * cme-widgets: every component in one self-registering module. A web editor adds
 * `<script type="module" src=".../cme-widgets.js"></script>` once; loading it twice is harmless.
 * It also upgrades `<div data-cme="…">` placeholders, for editors that strip custom tags.
 */
import { watchPlaceholders } from './internal/placeholders.js';

export { CmeDefinition } from './components/cme-definition/define.js';
export { CmeHelpline } from './components/cme-helpline/define.js';
export { CmeWizard } from './components/cme-wizard/define.js';
export { CmeReferralForm } from './components/cme-referral-form/define.js';
export { upgradePlaceholders } from './internal/placeholders.js';

watchPlaceholders();
