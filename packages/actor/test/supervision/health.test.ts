import { describe, expect, it } from 'vitest';
import {
  type HealthCheckResult,
  type HealthState,
  INITIAL_HEALTH_STATE,
  nextHealthState,
} from '../../src/supervision/index.js';

function run(answers: HealthCheckResult[], threshold: number): HealthState[] {
  const states: HealthState[] = [];
  let state = INITIAL_HEALTH_STATE;
  for (const answer of answers) {
    state = nextHealthState(state, answer, threshold);
    states.push(state);
  }
  return states;
}

describe('nextHealthState', () => {
  it('asks for a restart at exactly the threshold of consecutive unhealthy answers', () => {
    const states = run(['unhealthy', 'unhealthy', 'unhealthy'], 3);
    expect(states.map((s) => s.restart)).toEqual([false, false, true]);
    expect(states.map((s) => s.consecutiveUnhealthy)).toEqual([1, 2, 0]);
  });

  it('counts an error like an unhealthy answer', () => {
    expect(run(['error', 'unhealthy'], 2).map((s) => s.restart)).toEqual([false, true]);
  });

  it('resets the count on a healthy answer', () => {
    const states = run(['unhealthy', 'unhealthy', 'healthy', 'unhealthy', 'unhealthy'], 3);
    expect(states.some((s) => s.restart)).toBe(false);
  });

  it('neither counts nor resets on a degraded answer', () => {
    const states = run(['unhealthy', 'degraded', 'degraded', 'unhealthy'], 2);
    expect(states.map((s) => s.consecutiveUnhealthy)).toEqual([1, 1, 1, 0]);
    expect(states.at(-1)?.restart).toBe(true);
    expect(run(['degraded', 'degraded', 'degraded'], 1).some((s) => s.restart)).toBe(false);
  });

  it('starts counting again after a restart', () => {
    const states = run(['unhealthy', 'unhealthy', 'unhealthy', 'unhealthy'], 2);
    expect(states.map((s) => s.restart)).toEqual([false, true, false, true]);
  });

  it('records the last status, errors as unhealthy', () => {
    expect(run(['degraded'], 3)[0]?.status).toBe('degraded');
    expect(run(['error'], 3)[0]?.status).toBe('unhealthy');
    expect(INITIAL_HEALTH_STATE.status).toBe('unknown');
  });
});
