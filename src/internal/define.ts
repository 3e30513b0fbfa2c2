/**
 * Registers a custom element only if the tag is free. CMSs often include the same script twice
 * (a block and a page template both add it); a second `customElements.define()` would throw and
 * stop every component below it from upgrading.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor) {
      console.info(`cme-widgets: <${tag}> is already defined on this page; keeping the first definition.`);
    }
    return;
  }
  customElements.define(tag, ctor);
}
