import { type Clock, type Scheduler, systemClock, systemScheduler } from '@airssys/core';
import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';
import { InvalidSupervisionOptionsError } from './errors.js';
import { DEFAULT_INTENSITY, type IntensityOptions } from './intensity.js';
import { isRestartPolicy, type RestartPolicy } from './policy.js';
import { isStrategy, STRATEGIES, type Strategy } from './strategy.js';
import type { SupervisorOptions } from './types.js';

/** Supervisor options with defaults filled in and every value checked. */
export interface ResolvedSupervisorOptions {
  readonly strategy: Strategy;
  readonly intensity: IntensityOptions;
  readonly backoff: BackoffOptions;
  readonly clock: Clock & Scheduler;
  readonly random: () => number;
  readonly name: string;
}

type OptionsCode = 'INVALID_SUPERVISOR_OPTIONS' | 'INVALID_HEALTH_MONITOR_OPTIONS';

/** Throws {@link InvalidSupervisionOptionsError} unless `valid`; returns `value` otherwise. */
export function checkOption<T>(
  code: OptionsCode,
  key: string,
  value: T,
  valid: boolean,
  expected: string,
): T {
  if (!valid) throw new InvalidSupervisionOptionsError(code, { key, value, expected });
  return value;
}

/** Checks a finite number of at least `min` (above `min` when `exclusive`). */
export function checkNumber(code: OptionsCode, key: string, value: unknown, min: number, exclusive = false) {
  const ok = typeof value === 'number' && Number.isFinite(value) && (exclusive ? value > min : value >= min);
  const expected = exclusive ? `a number above ${min}` : `a number of at least ${min}`;
  return checkOption(code, key, value, ok, expected) as number;
}

/** Checks a whole number of at least `min`. */
export function checkWhole(code: OptionsCode, key: string, value: unknown, min: number): number {
  const ok = typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
  return checkOption(code, key, value, ok, `a whole number of at least ${min}`) as number;
}

const CODE = 'INVALID_SUPERVISOR_OPTIONS';

function resolveIntensity(input: Partial<IntensityOptions> = {}): IntensityOptions {
  return Object.freeze({
    maxRestarts: checkWhole(
      CODE,
      'intensity.maxRestarts',
      input.maxRestarts ?? DEFAULT_INTENSITY.maxRestarts,
      0,
    ),
    windowMs: checkNumber(CODE, 'intensity.windowMs', input.windowMs ?? DEFAULT_INTENSITY.windowMs, 0, true),
  });
}

function resolveBackoff(input: Partial<BackoffOptions> = {}): BackoffOptions {
  const initialMs = checkNumber(CODE, 'backoff.initialMs', input.initialMs ?? DEFAULT_BACKOFF.initialMs, 0);
  const maxMs = input.maxMs ?? Math.max(DEFAULT_BACKOFF.maxMs, initialMs);
  const jitter = input.jitter ?? DEFAULT_BACKOFF.jitter;
  return Object.freeze({
    initialMs,
    maxMs: checkNumber(CODE, 'backoff.maxMs', maxMs, initialMs),
    factor: checkNumber(CODE, 'backoff.factor', input.factor ?? DEFAULT_BACKOFF.factor, 1),
    jitter: checkOption(
      CODE,
      'backoff.jitter',
      jitter,
      typeof jitter === 'number' && jitter >= 0 && jitter <= 1,
      'a number from 0 to 1',
    ),
  });
}

/** Fills in defaults and checks every option; throws `INVALID_SUPERVISOR_OPTIONS` naming the first bad one. */
export function resolveSupervisorOptions(options: SupervisorOptions): ResolvedSupervisorOptions {
  const given = (options ?? {}) as Partial<SupervisorOptions>;
  const strategy = checkOption(
    CODE,
    'strategy',
    given.strategy,
    isStrategy(given.strategy),
    `one of ${STRATEGIES.map((s) => `\`${s}\``).join(', ')}`,
  ) as Strategy;
  const name = given.name ?? 'supervisor';
  checkOption(CODE, 'name', name, typeof name === 'string' && name.length > 0, 'a non-empty string');
  const clock = given.clock ?? { ...systemClock, ...systemScheduler, name: 'system' };
  const isClock =
    typeof clock === 'object' &&
    clock !== null &&
    typeof clock.monotonic === 'function' &&
    typeof clock.setTimer === 'function';
  checkOption(CODE, 'clock', clock, isClock, 'a clock with `monotonic()` and `setTimer()`');
  const random = given.random ?? Math.random;
  checkOption(CODE, 'random', random, typeof random === 'function', 'a function returning [0, 1)');
  return {
    strategy,
    intensity: resolveIntensity(given.intensity),
    backoff: resolveBackoff(given.backoff),
    clock,
    random,
    name,
  };
}

/** Checks a child's restart policy; throws `INVALID_SUPERVISOR_OPTIONS` for anything else. */
export function checkPolicy(policy: unknown): RestartPolicy {
  const expected = '`permanent`, `transient` or `temporary`';
  return checkOption(CODE, 'policy', policy, isRestartPolicy(policy), expected) as RestartPolicy;
}
