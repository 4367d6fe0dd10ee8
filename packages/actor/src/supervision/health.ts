/** What a guest's `health` export answers. */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/** One poll's outcome: a status, or `error` when the check threw, timed out or answered nonsense. */
export type HealthCheckResult = HealthStatus | 'error';

/** Every {@link HealthStatus}. */
export const HEALTH_STATUSES: readonly HealthStatus[] = Object.freeze(['healthy', 'degraded', 'unhealthy']);

/** True for a valid {@link HealthStatus}. */
export function isHealthStatus(value: unknown): value is HealthStatus {
  return (HEALTH_STATUSES as readonly unknown[]).includes(value);
}

/** What a health monitor remembers between polls. */
export interface HealthState {
  /** The last status seen (`error` reads as `unhealthy`); `unknown` before the first answer. */
  readonly status: HealthStatus | 'unknown';
  /** Unhealthy answers in a row, not counting `degraded` ones in between. */
  readonly consecutiveUnhealthy: number;
  /** True when this answer reached the threshold; the counter starts again from 0. */
  readonly restart: boolean;
}

/** State before the first poll. */
export const INITIAL_HEALTH_STATE: HealthState = Object.freeze({
  status: 'unknown',
  consecutiveUnhealthy: 0,
  restart: false,
});

/**
 * The state after one answer. `unhealthy` and `error` count; `healthy` resets the count; `degraded` neither
 * counts nor resets, so a guest flapping between degraded and unhealthy still reaches the threshold, while one
 * that is merely degraded is never restarted for it. Reaching `threshold` sets `restart` and resets the count.
 * @example nextHealthState(INITIAL_HEALTH_STATE, 'unhealthy', 1).restart // true
 */
export function nextHealthState(
  state: HealthState,
  answer: HealthCheckResult,
  threshold: number,
): HealthState {
  switch (answer) {
    case 'healthy':
      return { status: 'healthy', consecutiveUnhealthy: 0, restart: false };
    case 'degraded':
      return { status: 'degraded', consecutiveUnhealthy: state.consecutiveUnhealthy, restart: false };
    case 'unhealthy':
    case 'error': {
      const count = state.consecutiveUnhealthy + 1;
      const restart = count >= threshold;
      return { status: 'unhealthy', consecutiveUnhealthy: restart ? 0 : count, restart };
    }
  }
}
