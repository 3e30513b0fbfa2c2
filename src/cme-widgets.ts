/**
 * The script a web editor adds once to a CMS page (`dist/cme-widgets.js`; a second copy is
 * harmless). It upgrades `<div data-cme="…">` placeholders, for editors that strip custom tags,
 * and loads each component's code only when the page uses that component (`src/autoload.ts`).
 *
 * Applications that bundle their own code import `cme-widgets` instead (`src/index.ts`), which
 * registers all four components at once and exports their classes.
 */
import { watchDocument } from './autoload.js';

export { loadComponents } from './autoload.js';
export { upgradePlaceholders } from './placeholders.js';
export { TAGS } from './registry.js';
// Every component is built on Lit and this base: fetch it with this script rather than after
// the first component's code arrives (one network round trip fewer before anything renders).
export { CmeElement } from './internal/cme-element.js';

watchDocument();
