import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Timers can't be trusted for more than this: clocks jump (NTP, manual change, sleep). */
const SAFETY_WAKE_MS = 10 * 60 * 1000;

/**
 * Wakes its host exactly when something it shows changes (`wakeAt`), never on a per-second
 * poll. It also re-checks when the page becomes visible again or is restored from the
 * back/forward cache, which covers phones resuming from sleep, and at least every 10 minutes
 * in case the system clock jumped.
 */
export class ClockController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private next: Date | null = null;
  private readonly recheck = (): void => {
    if (document.visibilityState !== 'hidden') this.onWake();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly onWake: () => void,
  ) {
    host.addController(this);
  }

  /** The current instant (a seam for fake timers; always the real clock in production). */
  now(): Date {
    return new Date();
  }

  /** Sleep until `at` (or the safety interval, if sooner). `null`: nothing scheduled but the safety wake. */
  wakeAt(at: Date | null): void {
    this.next = at;
    clearTimeout(this.timer);
    const until = at ? at.getTime() - Date.now() : SAFETY_WAKE_MS;
    this.timer = setTimeout(() => this.onWake(), Math.max(0, Math.min(until, SAFETY_WAKE_MS)));
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.recheck);
    window.addEventListener('pageshow', this.recheck);
    if (this.next) this.wakeAt(this.next);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.recheck);
    window.removeEventListener('pageshow', this.recheck);
  }
}
