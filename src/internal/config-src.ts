import { parseJsonText, type ConfigResult } from './config.js';

/*
 * Loaded only when an editor uses `config-src` (most pages use the inline JSON script).
 */

/** Fetches JSON config from a URL (same origin or CORS-enabled). */
export async function fetchConfig(url: string, signal?: AbortSignal): Promise<ConfigResult<unknown>> {
  try {
    const response = await fetch(url, { credentials: 'same-origin', signal: signal ?? null, headers: { Accept: 'application/json' } });
    if (!response.ok) return { ok: false, errors: [{ path: 'config-src', message: `Could not load ${url} (HTTP ${response.status}).` }] };
    return parseJsonText(await response.text(), url);
  } catch (error) {
    if ((error as Error).name === 'AbortError') return { ok: true, value: undefined };
    return { ok: false, errors: [{ path: 'config-src', message: `Could not load ${url}: ${(error as Error).message}` }] };
  }
}
