import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Lets the browser's Back and Forward buttons step through a multi-page component (the wizard,
 * the referral form). History entries carry only `{[key]: stepId}` and the URL never changes,
 * so no personal data reaches the address bar or the history. Each component uses its own key,
 * so a wizard and a form on one page keep out of each other's way.
 */
export class StepHistory implements ReactiveController {
  private stamped = false;
  private readonly pop = (e: PopStateEvent): void => {
    const step = (e.state as Record<string, unknown> | null)?.[this.key];
    if (this.enabled() && typeof step === 'string') this.onPop(step);
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly key: string,
    /** Whether to use history now (the `history` attribute). */
    private readonly enabled: () => boolean,
    /** Shows a step the user went Back or Forward to. */
    private readonly onPop: (step: string) => void,
  ) {
    host.addController(this);
  }

  /** Records a move from step `from` to step `to` (the first move also stamps `from`). */
  push(from: string, to: string): void {
    if (!this.enabled()) return;
    if (!this.stamped) {
      const state: unknown = history.state;
      history.replaceState({ ...(state && typeof state === 'object' ? state : {}), [this.key]: from }, '');
      this.stamped = true;
    }
    history.pushState({ [this.key]: to }, '');
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.pop);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.pop);
  }
}
