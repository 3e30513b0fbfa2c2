/**
 * Allow-lists for CMS editors, generated from the Custom Elements Manifest
 * (`dist/custom-elements.json`), so they name every attribute the components really take.
 * Pure functions: the embed builder, `scripts/allow-list.ts` and the CMS editor tests use them.
 */

/** The parts of a Custom Elements Manifest that we read. */
export interface Manifest {
  modules: {
    declarations?: {
      tagName?: string;
      attributes?: { name: string; fieldName?: string }[];
      members?: { name: string; privacy?: string }[];
    }[];
  }[];
}

/** Attributes a placeholder `<div>` always needs: which component, and its JSON settings. */
const PLACEHOLDER_BASE = ['data-cme', 'data-config'];

/** Every tag in the manifest with its attribute names, by tag name (the manifest lists modules in file-system order). */
export function componentAttributes(manifest: Manifest): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.tagName) continue;
      // A private reactive field is internal state, even where the analyzer lists it as an attribute.
      const internal = new Set((d.members ?? []).filter((m) => m.privacy === 'private' || m.privacy === 'protected').map((m) => m.name));
      const names = (d.attributes ?? []).filter((a) => !(a.fieldName && internal.has(a.fieldName))).map((a) => a.name);
      tags.set(d.tagName, [...new Set([...(tags.get(d.tagName) ?? []), ...names])]);
    }
  }
  return new Map([...tags].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A component attribute as a placeholder carries it: `phone` → `data-phone`; `data-i18n` stays. */
export const asDataAttribute = (name: string): string => (name.startsWith('data-') ? name : `data-${name}`);

/** Every `data-*` attribute a placeholder of any component can carry, sorted. */
export function placeholderAttributes(manifest: Manifest): string[] {
  const all = new Set(PLACEHOLDER_BASE);
  for (const names of componentAttributes(manifest).values()) for (const n of names) all.add(asDataAttribute(n));
  return [...PLACEHOLDER_BASE, ...[...all].filter((a) => !PLACEHOLDER_BASE.includes(a)).sort()];
}

/**
 * The line to add to Drupal's "Allowed HTML tags" (CKEditor 5: "Manually editable HTML tags")
 * for placeholder mode: `<div data-cme data-config data-email …>`.
 */
export function drupalAllowList(manifest: Manifest): string {
  // `lang`: the builder sets a component's language on its placeholder (placeholders keep it).
  return `<div ${placeholderAttributes(manifest).join(' ')} lang>`;
}

/**
 * TinyMCE settings that keep the custom tags themselves (the alternative to placeholder mode):
 * `custom_elements` makes the tags known, `extended_valid_elements` lists their attributes.
 */
export function tinymceSettings(manifest: Manifest): { custom_elements: string; extended_valid_elements: string } {
  const tags = componentAttributes(manifest);
  const rules = [...tags].map(([tag, names]) => `${tag}[${[...new Set([...names, 'data-config', 'lang', 'dir', 'id', 'class'])].join('|')}]`);
  return { custom_elements: [...tags.keys()].join(','), extended_valid_elements: rules.join(',') };
}
