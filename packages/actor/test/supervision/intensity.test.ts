import { describe, expect, it } from 'vitest';
import { expireRestarts, type RestartLog, recordRestart } from '../../src/supervision/index.js';

const OPTIONS = { maxRestarts: 3, windowMs: 1000 };

describe('recordRestart', () => {
  it('allows the N-th restart inside the window and refuses the N+1-th', () => {
    let log: RestartLog = [];
    const allowed: boolean[] = [];
    for (const now of [0, 100, 200, 300]) {
      const decision = recordRestart(log, now, OPTIONS);
      allowed.push(decision.allowed);
      log = decision.log;
    }
    expect(allowed).toEqual([true, true, true, false]);
  });

  it('counts the restarts inside the window, this one included', () => {
    expect(recordRestart([0, 100], 200, OPTIONS).count).toBe(3);
  });

  it('expires entries once windowMs has passed since them', () => {
    const decision = recordRestart([0, 100, 200], 1000, OPTIONS);
    expect(decision).toEqual({ allowed: true, log: [100, 200, 1000], count: 3 });
    expect(recordRestart([0, 100, 200], 999, OPTIONS).allowed).toBe(false);
  });

  it('escalates on the first failure when maxRestarts is 0', () => {
    expect(recordRestart([], 0, { maxRestarts: 0, windowMs: 1000 }).allowed).toBe(false);
  });

  it('keeps the log bounded', () => {
    let log: RestartLog = [];
    for (let now = 0; now < 50; now++) log = recordRestart(log, now, OPTIONS).log;
    expect(log.length).toBe(4);
  });
});

describe('expireRestarts', () => {
  it('keeps only entries strictly later than now minus the window', () => {
    expect(expireRestarts([0, 500, 900], 1500, 1000)).toEqual([900]);
    expect(expireRestarts([0, 500, 900], 2000, 1000)).toEqual([]);
  });
});
