/**
 * cme-widgets: every component in one self-registering module. A web editor adds
 * `<script type="module" src=".../cme-widgets.js"></script>` once; loading it twice is harmless.
 */
export { CmeDefinition } from './components/cme-definition/define.js';
export { CmeHelpline } from './components/cme-helpline/define.js';
