import type { TemplateResult } from 'lit';
import { readInlineConfig, reportConfigErrors, type ConfigError, type ConfigResult } from '../../internal/config.js';
import { renderConfigError } from '../../internal/config-error.js';
import { cmeFlow } from '../../core/wizard/cme-flow.js';
import { loadFlow } from '../../core/wizard/schema.js';
import type { Flow } from '../../core/wizard/types.js';

/**
 * Editor config for `<cme-wizard>`, from a child `<script type="application/json">` or
 * `config-src`: `flow` replaces the default flow (validated: shape, dangling ids, cycles…),
 * `content` overrides its wording (keyed by question or outcome id).
 */
export interface WizardConfig {
  flow?: unknown;
  content?: unknown;
}

/** Gives the flow in the active locale, or the editor message (a template) when the config is broken. */
export type FlowSource = () => Flow | TemplateResult;

/**
 * Loaded only when a page gives the wizard config, so zod stays off pages that use the default
 * flow. Reads and checks the config once (logging problems for the editor) and returns a
 * function to call at render time, so untouched default text follows the locale.
 */
export async function loadWizardConfig(host: Element, src: string | undefined): Promise<FlowSource> {
  let raw: ConfigResult<unknown> = readInlineConfig(host);
  if (src) raw = await (await import('../../internal/config-src.js')).fetchConfig(src);
  const config = (raw.ok ? (raw.value ?? {}) : {}) as WizardConfig;
  let errors: ConfigError[] = raw.ok ? [] : raw.errors;
  if (raw.ok && (typeof config !== 'object' || config === null || Array.isArray(config))) {
    errors = [{ path: '(config)', message: 'Expected a JSON object with "flow" and/or "content".' }];
  } else if (raw.ok) {
    for (const key of Object.keys(config)) {
      if (key !== 'flow' && key !== 'content') errors.push({ path: key, message: 'Unknown setting. Use "flow" or "content".' });
    }
  }
  const build = () => loadFlow(config, cmeFlow());
  if (!errors.length) {
    const first = build();
    if (!first.ok) errors = first.errors;
  }
  if (errors.length) {
    reportConfigErrors('cme-wizard', errors);
    return () => renderConfigError('cme-wizard', errors);
  }
  return () => {
    const r = build();
    return r.ok ? r.value : renderConfigError('cme-wizard', r.errors);
  };
}
