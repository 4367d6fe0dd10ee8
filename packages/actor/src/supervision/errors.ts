import { AirssysError, type AirssysErrorOptions, describeValue } from '@airssys/core';
import type { HealthCheckResult } from './health.js';

/** Codes of the errors supervision throws or reports. */
export type SupervisionErrorCode =
  | 'RESTART_INTENSITY_EXCEEDED'
  | 'INVALID_SUPERVISOR_OPTIONS'
  | 'INVALID_HEALTH_MONITOR_OPTIONS'
  | 'DUPLICATE_CHILD'
  | 'CHILD_START_FAILED'
  | 'SUPERVISOR_NOT_RUNNING'
  | 'CHILD_UNHEALTHY'
  | 'HEALTH_CHECK_TIMEOUT';

/** Options of every supervision error. */
export interface SupervisionErrorOptions extends AirssysErrorOptions {
  /** Name of the supervisor (or health monitor) concerned. */
  supervisor?: string | undefined;
}

/** Base of the supervision errors; `supervisor` names the supervisor or monitor concerned. */
export class SupervisionError extends AirssysError {
  declare readonly code: SupervisionErrorCode;
  readonly supervisor: string | undefined;

  constructor(code: SupervisionErrorCode, message: string, options: SupervisionErrorOptions = {}) {
    super(code, message, options);
    this.name = 'SupervisionError';
    this.supervisor = options.supervisor;
  }
}

/** Fields of a {@link RestartIntensityExceededError}. */
export interface RestartIntensityExceededErrorOptions extends SupervisionErrorOptions {
  supervisor: string;
  /** The child whose failure went over the limit. */
  childId: string;
  /** Restarts inside the window, this one included. */
  restarts: number;
  maxRestarts: number;
  windowMs: number;
}

/** A supervisor needed more restarts in its window than allowed and gave up (code `RESTART_INTENSITY_EXCEEDED`). */
export class RestartIntensityExceededError extends SupervisionError {
  declare readonly code: 'RESTART_INTENSITY_EXCEEDED';
  declare readonly supervisor: string;
  readonly childId: string;
  readonly restarts: number;
  readonly maxRestarts: number;
  readonly windowMs: number;

  constructor(options: RestartIntensityExceededErrorOptions) {
    const { supervisor, childId, restarts, maxRestarts, windowMs } = options;
    super(
      'RESTART_INTENSITY_EXCEEDED',
      `Supervisor \`${supervisor}\` needed ${restarts} restarts within ${windowMs}ms (last for child \`${childId}\`), more than the ${maxRestarts} allowed.`,
      { componentId: childId, ...options },
    );
    this.name = 'RestartIntensityExceededError';
    this.childId = childId;
    this.restarts = restarts;
    this.maxRestarts = maxRestarts;
    this.windowMs = windowMs;
  }
}

/** Fields of an {@link InvalidSupervisionOptionsError}. */
export interface InvalidSupervisionOptionsErrorOptions extends SupervisionErrorOptions {
  /** The offending option, for example `backoff.jitter`. */
  key: string;
  value: unknown;
  /** What would be right, for example `a number from 0 to 1`. */
  expected: string;
}

/** An option of a supervisor or health monitor is out of range (codes `INVALID_SUPERVISOR_OPTIONS`, `INVALID_HEALTH_MONITOR_OPTIONS`). */
export class InvalidSupervisionOptionsError extends SupervisionError {
  declare readonly code: 'INVALID_SUPERVISOR_OPTIONS' | 'INVALID_HEALTH_MONITOR_OPTIONS';
  readonly key: string;
  /** The rejected value, as given. */
  readonly value: unknown;

  constructor(
    code: 'INVALID_SUPERVISOR_OPTIONS' | 'INVALID_HEALTH_MONITOR_OPTIONS',
    options: InvalidSupervisionOptionsErrorOptions,
  ) {
    const { key, value, expected } = options;
    super(code, `Expected \`${key}\` to be ${expected}, got \`${describeValue(value)}\`.`, options);
    this.name = 'InvalidSupervisionOptionsError';
    this.key = key;
    this.value = value;
  }
}

/** Fields of the errors about one child of a supervisor. */
export interface ChildErrorOptions extends SupervisionErrorOptions {
  supervisor: string;
  childId: string;
}

/** A child with the same id is already supervised (code `DUPLICATE_CHILD`). */
export class DuplicateChildError extends SupervisionError {
  declare readonly code: 'DUPLICATE_CHILD';
  readonly childId: string;

  constructor(options: ChildErrorOptions) {
    super(
      'DUPLICATE_CHILD',
      `Supervisor \`${options.supervisor}\` already has a child \`${options.childId}\`; expected a unique id.`,
      { componentId: options.childId, ...options },
    );
    this.name = 'DuplicateChildError';
    this.childId = options.childId;
  }
}

/** A child's `start()` threw; `cause` holds what it threw (code `CHILD_START_FAILED`). */
export class ChildStartFailedError extends SupervisionError {
  declare readonly code: 'CHILD_START_FAILED';
  readonly childId: string;

  constructor(options: ChildErrorOptions) {
    super(
      'CHILD_START_FAILED',
      `Child \`${options.childId}\` of supervisor \`${options.supervisor}\` failed to start.`,
      { componentId: options.childId, ...options },
    );
    this.name = 'ChildStartFailedError';
    this.childId = options.childId;
  }
}

/** The supervisor is stopped or has escalated, so it takes no new children (code `SUPERVISOR_NOT_RUNNING`). */
export class SupervisorNotRunningError extends SupervisionError {
  declare readonly code: 'SUPERVISOR_NOT_RUNNING';
  /** What the supervisor was doing instead. */
  readonly state: string;

  constructor(options: SupervisionErrorOptions & { supervisor: string; state: string }) {
    super(
      'SUPERVISOR_NOT_RUNNING',
      `Supervisor \`${options.supervisor}\` is \`${options.state}\`; expected it to be \`running\`.`,
      options,
    );
    this.name = 'SupervisorNotRunningError';
    this.state = options.state;
  }
}

/** Fields of a {@link ChildUnhealthyError}. */
export interface ChildUnhealthyErrorOptions extends SupervisionErrorOptions {
  threshold: number;
  /** The answer that reached the threshold. */
  lastAnswer: HealthCheckResult;
}

/** Health checks answered unhealthy `threshold` times in a row (code `CHILD_UNHEALTHY`). */
export class ChildUnhealthyError extends SupervisionError {
  declare readonly code: 'CHILD_UNHEALTHY';
  readonly threshold: number;
  readonly lastAnswer: HealthCheckResult;

  constructor(options: ChildUnhealthyErrorOptions) {
    const subject =
      options.componentId === undefined ? 'A component' : `Component \`${options.componentId}\``;
    super(
      'CHILD_UNHEALTHY',
      `${subject} answered its health check \`unhealthy\` ${options.threshold} times in a row (last: \`${options.lastAnswer}\`); expected \`healthy\`.`,
      options,
    );
    this.name = 'ChildUnhealthyError';
    this.threshold = options.threshold;
    this.lastAnswer = options.lastAnswer;
  }
}

/** A health check did not answer within `timeoutMs` (code `HEALTH_CHECK_TIMEOUT`). */
export class HealthCheckTimeoutError extends SupervisionError {
  declare readonly code: 'HEALTH_CHECK_TIMEOUT';
  readonly timeoutMs: number;

  constructor(options: SupervisionErrorOptions & { timeoutMs: number }) {
    super('HEALTH_CHECK_TIMEOUT', `The health check gave no answer within ${options.timeoutMs}ms.`, options);
    this.name = 'HealthCheckTimeoutError';
    this.timeoutMs = options.timeoutMs;
  }
}
