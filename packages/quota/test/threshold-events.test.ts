import { describe, expect, it, vi } from 'vitest';
import { setup } from './helpers.js';

describe('threshold-events', () => {
  it('emits one warning and one critical per upward crossing, not one per call', () => {
    const { ledger, thresholds } = setup();
    ledger.register('acme/a', { storage: 100 });
    for (let i = 0; i < 99; i++) ledger.tryConsume('acme/a', 'storage', 1);
    expect(thresholds).toEqual([
      { componentId: 'acme/a', kind: 'storage', level: 'warning', used: 80, limit: 100 },
      { componentId: 'acme/a', kind: 'storage', level: 'critical', used: 95, limit: 100 },
    ]);
  });

  it('emits only critical when one call jumps past both thresholds', () => {
    const { ledger, thresholds } = setup();
    ledger.register('acme/a', { memory: 100 });
    ledger.tryConsume('acme/a', 'memory', 99);
    expect(thresholds.map((e) => e.level)).toEqual(['critical']);
  });

  it('emits normal after falling back and re-arms the crossings', () => {
    const { ledger, thresholds } = setup();
    ledger.register('acme/a', { memory: 100 });
    const quota = ledger.for('acme/a');
    quota.tryConsume('memory', 96);
    quota.release('memory', 10); // critical -> warning: silent, re-arms critical
    quota.tryConsume('memory', 10);
    quota.release('memory', 90);
    quota.tryConsume('memory', 85);
    expect(thresholds.map((e) => `${e.level}@${e.used}`)).toEqual([
      'critical@96',
      'critical@96',
      'normal@6',
      'warning@91',
    ]);
  });

  it('notices rate usage falling back when the clock has moved on', () => {
    const { clock, ledger, thresholds } = setup();
    ledger.register('acme/a', { network: 1000 });
    ledger.tryConsume('acme/a', 'network', 900);
    clock.advance(500);
    ledger.tryConsume('acme/a', 'network', 1);
    expect(thresholds.map((e) => `${e.level}@${e.used}`)).toEqual(['warning@900', 'normal@401']);
  });

  it('records each crossing in the audit sink', () => {
    const { ledger, records } = setup();
    ledger.register('acme/a', { storage: 10 });
    ledger.tryConsume('acme/a', 'storage', 8);
    expect(records).toEqual([
      expect.objectContaining({
        component: 'acme/a',
        category: 'quota',
        action: 'threshold',
        resource: 'storage',
        decision: 'info',
        details: { level: 'warning', used: 8, limit: 10 },
        time: 1_000,
      }),
    ]);
  });

  it('stops notifying a listener that unsubscribed', () => {
    const { ledger } = setup();
    const listener = vi.fn();
    const off = ledger.on('threshold', listener);
    off();
    ledger.register('acme/a', { storage: 10 });
    ledger.tryConsume('acme/a', 'storage', 10);
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps the consumption when a listener throws and hands the error to onError', () => {
    const errors: unknown[] = [];
    const { ledger } = setup({ onError: (error) => errors.push(error) });
    const boom = new Error('listener failed');
    ledger.on('threshold', () => {
      throw boom;
    });
    ledger.register('acme/a', { storage: 10 });
    expect(ledger.tryConsume('acme/a', 'storage', 10).allowed).toBe(true);
    expect(errors).toEqual([boom]);
  });

  it('re-throws a listener error in a microtask when there is no onError', async () => {
    const { ledger } = setup();
    const queued = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation(() => {});
    ledger.on('threshold', () => {
      throw new Error('listener failed');
    });
    ledger.register('acme/a', { storage: 10 });
    expect(ledger.tryConsume('acme/a', 'storage', 10).allowed).toBe(true);
    const rethrow = queued.mock.calls[0]?.[0];
    queued.mockRestore();
    expect(rethrow).toThrow('listener failed');
  });
});
