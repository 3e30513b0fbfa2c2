/**
 * cme-widgets for applications that bundle their own code (`import 'cme-widgets'`): registers
 * every tag of `src/registry.ts` at once and exports the classes. Registering twice is harmless.
 * Placeholders (`<div data-cme="…">`) are upgraded, as by the script-tag bundle. CMS pages use
 * the script-tag bundle instead (`dist/cme-widgets.js`, `src/cme-widgets.ts`), which loads only
 * the components a page uses.
 */
import { TAGS, type Tag } from './registry.js';
import { CmeDefinition } from './components/cme-definition/define.js';
import { CmeHelpline } from './components/cme-helpline/define.js';
import { CmeWizard } from './components/cme-wizard/define.js';
import { CmeReferralForm } from './components/cme-referral-form/define.js';

/** Each registered tag's class (the compiler checks that every tag of the registry has one). */
export const COMPONENTS: Readonly<Record<Tag, CustomElementConstructor>> = {
  'cme-definition': CmeDefinition,
  'cme-helpline': CmeHelpline,
  'cme-wizard': CmeWizard,
  'cme-referral-form': CmeReferralForm,
};

export { CmeDefinition, CmeHelpline, CmeWizard, CmeReferralForm, TAGS };
// The script-tag entry's loader and placeholder mode, shared rather than built twice (so the
// script-tag bundle stays one file); it also upgrades placeholders the page has.
export { loadComponents, upgradePlaceholders } from './cme-widgets.js';
