import { _installMsgImplementation } from '@lit/localize/init/install.js';
import { runtimeMsg } from '@lit/localize/internal/runtime-msg.js';
import type { MsgFn, TemplateMap } from '@lit/localize/internal/types.js';

/*
 * The translating `msg()`: message ids are hashes of the English text, so this (and the hash
 * code) loads only with another language's strings. In English, `msg()` returns its argument.
 */
let installed = false;

export function install(templates: () => TemplateMap | undefined): void {
  if (!installed) _installMsgImplementation(((template, options) => runtimeMsg(templates(), template, options)) as MsgFn);
  installed = true;
}
