// Prints the CMS allow-lists generated from dist/custom-elements.json (run `npm run build` first):
//   npx tsx scripts/allow-list.ts            Drupal's "Manually editable HTML tags" line
//   npx tsx scripts/allow-list.ts --tinymce  TinyMCE's custom_elements / extended_valid_elements
import { readFileSync } from 'node:fs';
import { drupalAllowList, tinymceSettings, type Manifest } from '../src/builder/allow-list.js';

const manifest = JSON.parse(readFileSync(new URL('../dist/custom-elements.json', import.meta.url), 'utf8')) as Manifest;
if (process.argv.includes('--tinymce')) console.log(JSON.stringify(tinymceSettings(manifest), null, 2));
else console.log(drupalAllowList(manifest));
