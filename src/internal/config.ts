/**
 * Editor configuration: structured settings come from a child
 * `<script type="application/json">` (works in every CMS that allows a script tag with data),
 * a `data-config` attribute holding JSON (for editors such as CKEditor that strip scripts), or
 * from a URL in `config-src`. Failures become `{path, message}` errors the component shows
 * to the editor instead of a blank box.
 */
export interface ConfigError {
  path: string;
  message: string;
}

export type ConfigResult<T> = { ok: true; value: T | undefined } | { ok: false; errors: ConfigError[] };

const jsonScript = (host: Element) =>
  [...host.children].find(
    (el): el is HTMLScriptElement => el instanceof HTMLScriptElement && el.type.trim().toLowerCase() === 'application/json',
  );

/** Reads the first child `<script type="application/json">`, else `data-config`, if any. */
export function readInlineConfig(host: Element): ConfigResult<unknown> {
  const script = jsonScript(host);
  if (script) return parseJsonText(script.textContent ?? '', 'inline JSON config');
  const attribute = host.getAttribute('data-config');
  return attribute === null ? { ok: true, value: undefined } : parseJsonText(attribute, 'data-config');
}

export function parseJsonText(text: string, where: string): ConfigResult<unknown> {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, errors: [{ path: where, message: `This is not valid JSON: ${(error as Error).message}` }] };
  }
}

/**
 * Logs config errors for the editor's browser console, without throwing. A warning, not an
 * error: the visitor's page still works, and the visible message is where editors look.
 */
export function reportConfigErrors(tag: string, errors: ConfigError[]): void {
  console.warn(`<${tag}> configuration problem:\n${errors.map((e) => `- ${e.path}: ${e.message}`).join('\n')}`);
}
