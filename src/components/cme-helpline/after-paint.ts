import type { BankHolidaySets } from '../../core/helpline/bank-holidays.js';
import type { HelplineConfig } from '../../core/helpline/check-config.js';
import { openingHoursJsonLd } from '../../core/helpline/json-ld.js';
import { setJsonScript } from '../../internal/trusted-script.js';

/*
 * What the helpline needs only after its first paint, in one chunk (one request): the JSON-LD
 * for search engines, and the reader of a live bank-holiday feed (pages that give
 * `bank-holidays-src`). Together, not apart: apart, Rolldown splits the helpline's calendar
 * code into a chunk of its own that the first paint would wait for.
 */
export { parseBankHolidayFeed } from '../../core/helpline/bank-holidays-feed.js';

/**
 * schema.org opening hours as JSON-LD in the light DOM of `host`, where search engines read it.
 * No visitor waits for it: it is written after the first paint. Under Trusted
 * Types the text goes through the `cme-widgets` policy; a page whose CSP leaves that policy out
 * gets no JSON-LD (and one report), never a broken component.
 */
export function writeJsonLd(host: HTMLElement, config: HelplineConfig, now: Date, who: Parameters<typeof openingHoursJsonLd>[2], holidays?: BankHolidaySets): void {
  const json = JSON.stringify(openingHoursJsonLd(config, now, who, holidays));
  let script = host.querySelector<HTMLScriptElement>(':scope > script[type="application/ld+json"][data-cme-hours]');
  if (script?.textContent === json) return;
  try {
    script ??= Object.assign(document.createElement('script'), { type: 'application/ld+json' });
    script.setAttribute('data-cme-hours', '');
    setJsonScript(script, json);
    if (!script.isConnected) host.append(script);
  } catch {
    // Trusted Types enforced without the policy: the visible hours still show.
  }
}
