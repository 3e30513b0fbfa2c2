/**
 * The one Trusted Types policy the components create, named `cme-widgets` (list it in the
 * page's CSP: `trusted-types lit-html dompurify cme-widgets`). It makes only data scripts: the
 * helpline's schema.org JSON-LD. Its `createScript` accepts nothing but JSON, so the policy
 * cannot be used to run code.
 */
interface Policy {
  createScript(input: string): unknown;
}
interface TrustedTypes {
  createPolicy(name: string, rules: { createScript: (input: string) => string }): Policy;
}

const KEY = Symbol.for('cme-widgets.trusted-types-policy');
// A page that loads the bundle twice must not create the policy twice (that is a violation too).
const shared = globalThis as { [KEY]?: Policy | null; trustedTypes?: TrustedTypes };

function policy(): Policy | null {
  if (shared[KEY] === undefined) {
    try {
      shared[KEY] =
        shared.trustedTypes?.createPolicy('cme-widgets', {
          createScript: (input) => {
            JSON.parse(input); // throws on anything that is not JSON
            return input;
          },
        }) ?? null;
    } catch {
      // The page's CSP does not allow the policy: fall back to plain text (refused if enforced).
      shared[KEY] = null;
    }
  }
  return shared[KEY]!;
}

/** Sets a data script's text (`type="application/ld+json"`), through the policy where the browser has Trusted Types. */
export function setJsonScript(script: HTMLScriptElement, json: string): void {
  const p = policy();
  (script as { textContent: unknown }).textContent = p ? p.createScript(json) : json;
}
