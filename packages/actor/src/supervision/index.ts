export type { BackoffOptions } from './backoff.js';
export { backoffBounds, backoffDelay, baseDelay, DEFAULT_BACKOFF } from './backoff.js';
export type {
  ChildErrorOptions,
  ChildUnhealthyErrorOptions,
  InvalidSupervisionOptionsErrorOptions,
  RestartIntensityExceededErrorOptions,
  SupervisionErrorCode,
  SupervisionErrorOptions,
} from './errors.js';
export {
  ChildStartFailedError,
  ChildUnhealthyError,
  DuplicateChildError,
  HealthCheckTimeoutError,
  InvalidSupervisionOptionsError,
  RestartIntensityExceededError,
  SupervisionError,
  SupervisorNotRunningError,
} from './errors.js';
export type { HealthCheckResult, HealthState, HealthStatus } from './health.js';
export { HEALTH_STATUSES, INITIAL_HEALTH_STATE, isHealthStatus, nextHealthState } from './health.js';
export type {
  HealthChangedEvent,
  HealthMonitor,
  HealthMonitorEvents,
  HealthMonitorOptions,
} from './health-monitor.js';
export { createHealthMonitor } from './health-monitor.js';
export type { IntensityOptions, RestartDecision, RestartLog } from './intensity.js';
export { DEFAULT_INTENSITY, expireRestarts, recordRestart } from './intensity.js';
export type { ResolvedSupervisorOptions } from './options.js';
export { resolveSupervisorOptions } from './options.js';
export type { ExitKind, RestartPolicy } from './policy.js';
export { isRestartPolicy, RESTART_POLICIES, restartsWithSibling, shouldRestart } from './policy.js';
export type { Strategy } from './strategy.js';
export { childrenToRestart, isStrategy, STRATEGIES } from './strategy.js';
export { createSupervisor } from './supervisor.js';
export type {
  AddChildOptions,
  ChildFailedEvent,
  ChildInfo,
  ChildLink,
  ChildState,
  EscalatedEvent,
  RestartedEvent,
  RestartingEvent,
  StoppedEvent,
  StopReason,
  Supervisable,
  Supervisor,
  SupervisorEvents,
  SupervisorOptions,
  SupervisorState,
} from './types.js';
