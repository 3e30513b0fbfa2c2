import type { TemplateResult } from 'lit';
import type { Checked, ConfigError } from '../../internal/config/controller.js';
import type { CouncilProfile } from '../../core/profile.js';
import { cmeFlow } from '../../core/wizard/cme-flow.js';
import type { Flow } from '../../core/wizard/types.js';

/**
 * Editor config for `<cme-wizard>` (`data-config`, a child `<script type="application/json">` or
 * `config-src`): `flow` replaces the default flow (validated: shape, dangling ids, cycles…),
 * `content` overrides its wording (keyed by question or outcome id). The default flow's
 * contacts come from the council profile.
 */
export interface WizardConfig {
  flow?: unknown;
  content?: unknown;
}

/** Gives the flow in the active locale, or the editor message (a template) when the config is broken. */
export type FlowSource = () => Flow | TemplateResult;

/**
 * The wizard's check (`ConfigModule`), which ships with the wizard (a chunk of its own cost
 * more than it saved); zod (the flow schema) loads only when the config has a `flow` or `content`. Checks
 * the config once and returns a function to call at render time, so untouched default text
 * follows the locale.
 */
export async function check(own: Record<string, unknown>, profile: CouncilProfile): Promise<Checked<FlowSource>> {
  const config = own as WizardConfig;
  const errors: ConfigError[] = [];
  for (const key of Object.keys(config)) {
    if (key !== 'flow' && key !== 'content') errors.push({ path: key, message: 'Unknown setting. Use "flow" or "content".' });
  }
  if (config.flow === undefined && config.content === undefined) return errors.length ? { ok: false, errors } : { ok: true, value: () => cmeFlow(profile) };
  // A council's own flow or wording: its schema (zod), and the editor's box for wording that
  // fails only in another language, load now.
  const [{ loadFlow }, { renderConfigError }] = await Promise.all([import('../../core/wizard/schema.js'), import('../../internal/config/error-box.js')]);
  const build = () => loadFlow(config, cmeFlow(profile));
  if (!errors.length) {
    const first = build();
    if (!first.ok) errors.push(...first.errors);
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: () => {
      // Content checked in English can still fail in another language's flow: say so there.
      const r = build();
      return r.ok ? r.value : renderConfigError('cme-wizard', r.errors);
    },
  };
}
