import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type AuditEvent,
  type AuditSink,
  type CapabilityChecker,
  type Clock,
  createManualClock,
  DEFAULT_QUOTAS,
  type Logger,
  type QuotaKind,
  type QuotaLedger,
  type QuotaStatus,
  type Scheduler,
  type StorageBackend,
  silentLogger,
  systemClock,
} from '../src/index.js';

// Each contract must be implementable with only its required members; these minimal ones prove it.

function memoryStorage(): StorageBackend {
  const spaces = new Map<string, Map<string, Uint8Array>>();
  const space = (ns: string) => spaces.get(ns) ?? spaces.set(ns, new Map()).get(ns)!;
  return {
    name: 'memory',
    get: (ns, key) => space(ns).get(key),
    set: (ns, key, value) => void space(ns).set(key, value),
    delete: (ns, key) => space(ns).delete(key),
    has: (ns, key) => space(ns).has(key),
    keys: (ns, prefix = '') => [...space(ns).keys()].filter((k) => k.startsWith(prefix)).sort(),
    usage: (ns) => ({
      keys: space(ns).size,
      bytes: [...space(ns)].reduce((sum, [k, v]) => sum + k.length + v.byteLength, 0),
    }),
  };
}

describe('contracts', () => {
  it('keeps storage namespaces apart', () => {
    const storage = memoryStorage();
    storage.set('acme/a', 'k', new Uint8Array([1]));
    expect(storage.has('acme/b', 'k')).toBe(false);
    expect(storage.keys('acme/a')).toEqual(['k']);
    expect(storage.usage('acme/a')).toEqual({ keys: 1, bytes: 2 });
  });

  it('lets a checker, ledger and sink be written with only their required members', async () => {
    const checker: CapabilityChecker = {
      name: 'deny-all',
      check: (componentId, request) => ({
        allowed: false,
        reason: `${componentId} has no ${request.kind} grant`,
      }),
    };
    expect(checker.check('acme/a', { kind: 'storage', action: 'read', resource: 'k' }).allowed).toBe(false);

    const status = Object.fromEntries(
      Object.entries(DEFAULT_QUOTAS).map(([kind, limit]) => [kind, { used: 0, limit }]),
    ) as QuotaStatus;
    const ledger: QuotaLedger = {
      name: 'unlimited',
      tryConsume: (_id, kind: QuotaKind, amount) => ({
        allowed: true,
        used: amount,
        limit: DEFAULT_QUOTAS[kind],
      }),
      release: () => {},
      status: () => status,
    };
    expect(ledger.status('acme/a').cpu.limit).toBe(1000);

    const events: AuditEvent[] = [];
    const sink: AuditSink = { name: 'array', write: async (batch) => void events.push(...batch) };
    await sink.write([
      { time: 0, component: 'acme/a', category: 'capability', action: 'read', decision: 'denied' },
    ]);
    expect(events).toHaveLength(1);
  });

  it('provides clocks, schedulers and loggers that satisfy the contracts', () => {
    expectTypeOf(systemClock).toExtend<Clock>();
    expectTypeOf(createManualClock()).toExtend<Clock & Scheduler>();
    expectTypeOf(silentLogger).toExtend<Logger>();
    expect(systemClock.name).toBe('system');
  });
});
