import { describeValue, type Scheduler, systemScheduler } from '@airssys/core';
import { EventEmitter } from 'eventemitter3';
import { ChildUnhealthyError, HealthCheckTimeoutError } from './errors.js';
import {
  type HealthCheckResult,
  type HealthState,
  type HealthStatus,
  INITIAL_HEALTH_STATE,
  isHealthStatus,
  nextHealthState,
} from './health.js';
import { checkNumber, checkOption, checkWhole } from './options.js';

/** Options of {@link createHealthMonitor}. */
export interface HealthMonitorOptions {
  /** Asks the guest (normally its `health` export); a throw, a rejection or any other answer counts as unhealthy. */
  readonly check: () => Promise<HealthStatus> | HealthStatus;
  /** Pause between the end of one check and the start of the next, in ms. */
  readonly intervalMs: number;
  /** Unhealthy answers in a row that call `onUnhealthy`. @default 3 */
  readonly unhealthyThreshold?: number | undefined;
  /** A check that takes longer counts as unhealthy. @default intervalMs */
  readonly timeoutMs?: number | undefined;
  /** Called when the threshold is reached, typically `(e) => supervisor.childFailed(id, e)`. */
  readonly onUnhealthy: (error: ChildUnhealthyError) => void;
  /** Timers; tests pass a manual clock. @default systemScheduler */
  readonly clock?: Scheduler | undefined;
  /** The component watched (its id), used in errors. */
  readonly name?: string | undefined;
}

/** Payload of `health-changed`. */
export interface HealthChangedEvent {
  readonly previous: HealthStatus | 'unknown';
  readonly current: HealthStatus;
  /** The answer that changed it; `error` when the check threw, timed out or answered nonsense. */
  readonly answer: HealthCheckResult;
  /** Unhealthy answers in a row so far (0 right after the threshold was reached). */
  readonly consecutiveUnhealthy: number;
  /** What the check threw, or the timeout, when the answer was `error`. */
  readonly error?: unknown;
}

/** Events of a health monitor. */
export interface HealthMonitorEvents {
  'health-changed': (event: HealthChangedEvent) => void;
}

/** Polls a health check on a timer until stopped. */
export interface HealthMonitor {
  /** The state after the last answer. */
  state(): HealthState;
  /** True until `stop()`. */
  readonly running: boolean;
  /** Stops polling; an answer still on its way is ignored. */
  stop(): void;
  /** Listens to an event; returns a function that stops listening. */
  on<E extends keyof HealthMonitorEvents>(event: E, listener: HealthMonitorEvents[E]): () => void;
}

const CODE = 'INVALID_HEALTH_MONITOR_OPTIONS';

const notAStatus = (value: unknown): TypeError =>
  new TypeError(
    `Expected the health check to answer \`healthy\`, \`degraded\` or \`unhealthy\`, got \`${describeValue(value)}\`.`,
  );

/**
 * Starts polling `check` every `intervalMs` (first poll one interval from now); `unhealthyThreshold`
 * unhealthy answers in a row call `onUnhealthy` and start the count again. One check runs at a time.
 * @example createHealthMonitor({ check: () => actor.health(), intervalMs: 1000, onUnhealthy: (e) => sup.childFailed(id, e) });
 */
export function createHealthMonitor(options: HealthMonitorOptions): HealthMonitor {
  const { check, onUnhealthy, name } = options;
  checkOption(CODE, 'check', check, typeof check === 'function', 'a function');
  checkOption(CODE, 'onUnhealthy', onUnhealthy, typeof onUnhealthy === 'function', 'a function');
  const intervalMs = checkNumber(CODE, 'intervalMs', options.intervalMs, 0, true);
  const threshold = checkWhole(CODE, 'unhealthyThreshold', options.unhealthyThreshold ?? 3, 1);
  const timeoutMs = checkNumber(CODE, 'timeoutMs', options.timeoutMs ?? intervalMs, 0, true);
  const scheduler = options.clock ?? systemScheduler;
  const events = new EventEmitter<HealthMonitorEvents>();
  let health = INITIAL_HEALTH_STATE;
  let running = true;
  let cancelTimer: (() => void) | undefined;

  const report = (error: unknown): void =>
    queueMicrotask(() => {
      throw error;
    });

  const record = (answer: HealthCheckResult, error: unknown): void => {
    const previous = health.status;
    health = nextHealthState(health, answer, threshold);
    if (health.status !== previous && health.status !== 'unknown') {
      const change: HealthChangedEvent = {
        previous,
        current: health.status,
        answer,
        consecutiveUnhealthy: health.consecutiveUnhealthy,
        ...(answer === 'error' ? { error } : {}),
      };
      try {
        events.emit('health-changed', change);
      } catch (listenerError) {
        report(listenerError);
      }
    }
    if (!health.restart) return;
    try {
      onUnhealthy(
        new ChildUnhealthyError({ componentId: name, threshold, lastAnswer: answer, cause: error }),
      );
    } catch (callbackError) {
      report(callbackError);
    }
  };

  const poll = (): void => {
    let settled = false;
    const finish = (answer: HealthCheckResult, error?: unknown): void => {
      if (settled || !running) return;
      settled = true;
      cancelTimer?.();
      record(answer, error);
      if (running) cancelTimer = scheduler.setTimer(intervalMs, poll);
    };
    // While a check runs, the pending timer is its timeout.
    cancelTimer = scheduler.setTimer(timeoutMs, () => {
      cancelTimer = undefined;
      finish('error', new HealthCheckTimeoutError({ componentId: name, timeoutMs }));
    });
    let answer: Promise<unknown>;
    try {
      answer = Promise.resolve(check());
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (value) => (isHealthStatus(value) ? finish(value) : finish('error', notAStatus(value))),
      (error: unknown) => finish('error', error),
    );
  };

  cancelTimer = scheduler.setTimer(intervalMs, poll);

  return {
    state: () => health,
    get running() {
      return running;
    },
    stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = undefined;
    },
    on(event, listener) {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
  };
}
