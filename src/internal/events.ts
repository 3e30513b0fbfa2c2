/**
 * Dispatches a component event the way every cme-widgets event goes out: `cme-` prefixed,
 * bubbling and composed (it leaves the shadow root), typed in `GlobalEventHandlersEventMap`.
 * Details carry ids only, never personal data.
 */
export const emit = (el: Element, type: keyof GlobalEventHandlersEventMap, detail: object, cancelable = false): boolean =>
  el.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
