// The strict Content-Security-Policy every test page runs under: the browser tests' CSP page
// (test/browser/support/relay-plugin.mjs) and the page gates (test/e2e/check-pages.mjs) both
// send it as a header. demo/csp.html repeats it as a meta tag (HTML cannot import it). It is the
// CSP docs/editors.md documents: `cme-widgets` is the one Trusted Types policy the components
// create (for the helpline's JSON-LD).
export const STRICT_CSP = "script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html dompurify cme-widgets";
