import type { TemplateResult } from 'lit';

/**
 * Editors' copy overrides without a rebuild (the idea of GOV.UK Frontend's `data-i18n.*`):
 * `data-i18n='{"School attendance helpline": "Attendance advice line"}'` on a component replaces
 * any text it renders that equals a key exactly, in whatever language the page is in (so the
 * keys are the words as the visitor sees them). It walks the values of the rendered template
 * (text and attribute values alike, nested templates and lists included); sentences that contain
 * live values (times, dates) are not keys.
 */
export type TextOverrides = Readonly<Record<string, string>>;

export function overrideText(value: unknown, map: TextOverrides): unknown {
  if (typeof value === 'string') return Object.hasOwn(map, value) ? map[value] : value;
  if (Array.isArray(value)) return value.map((v) => overrideText(v, map));
  if (value !== null && typeof value === 'object' && '_$litType$' in value) {
    const result = value as TemplateResult;
    // Same `strings`, so Lit still recognises (and reuses) the template.
    return { ...result, values: result.values.map((v) => overrideText(v, map)) };
  }
  return value;
}

/** Reads `data-i18n`; a broken value is reported to the editor's console and ignored. */
export function parseTextOverrides(attribute: string | null, tag: string): TextOverrides | undefined {
  if (!attribute) return undefined;
  try {
    const map = JSON.parse(attribute) as unknown;
    if (map && typeof map === 'object' && !Array.isArray(map) && Object.values(map).every((v) => typeof v === 'string')) {
      return map as TextOverrides;
    }
  } catch {
    // reported below
  }
  console.warn(`<${tag}> data-i18n: use a JSON object of "text as shown": "replacement" pairs.`);
  return undefined;
}
