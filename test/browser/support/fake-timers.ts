// Typed access to @sinonjs/fake-timers in the browser (served as ESM by web-test-runner.config.mjs).
import type * as FakeTimersTypes from '@sinonjs/fake-timers';

// @ts-expect-error: a URL the test server provides, not a module TypeScript can see.
import * as bundled from '/__fake-timers.js';

type FakeTimersModule = typeof FakeTimersTypes;
const mod = bundled as unknown as { default?: FakeTimersModule } & FakeTimersModule;
export const FakeTimers: FakeTimersModule = mod.default ?? mod;
export type InstalledClock = ReturnType<FakeTimersModule['install']>;
