// Records Content-Security-Policy violations (including Trusted Types) on demo/csp.html, so a
// test, or a person with the console open, can see that the page runs cleanly. A classic script
// from the same origin: allowed by `script-src 'self'`, and loaded before the components.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const line = `${e.effectiveDirective}: ${e.blockedURI || 'inline'} ${e.sample}`.trim();
  window.cspViolations.push(line);
  console.error(`CSP violation: ${line}`);
});
