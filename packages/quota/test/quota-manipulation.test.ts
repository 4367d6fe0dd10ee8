import { QUOTA_KINDS, type QuotaKind } from '@airssys/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCapacityKind } from '../src/index.js';
import { setup } from './helpers.js';

// Attack cases: a component (or a host bug it provokes) tries to get more than its quota by feeding the ledger
// amounts that would wrap, poison or reverse the accounting. Each must be denied, leave usage untouched and,
// with an audit sink, leave a denial record.

const MAX = Number.MAX_SAFE_INTEGER;

function attempt(fn: () => unknown): { code?: string; message?: string } {
  try {
    fn();
  } catch (error) {
    return error as { code: string; message: string };
  }
  return {};
}

describe('quota manipulation', () => {
  const bad: [string, unknown][] = [
    ['negative', -1],
    ['negative zero-crossing', -MAX],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['past 2^53 - 1', MAX + 2],
    ['fractional bytes', 0.5],
    ['tiny fraction', 1e-300],
    ['numeric string', '100'],
    ['bigint', 10n],
    ['object with valueOf', { valueOf: () => 1 }],
    ['null', null],
  ];

  it.each(bad)('denies consuming a %s amount and audits it', (_label, amount) => {
    const { ledger, records } = setup();
    ledger.register('evil/a', { storage: 1000 });
    ledger.tryConsume('evil/a', 'storage', 10);
    const error = attempt(() => ledger.for('evil/a').tryConsume('storage', amount as number));
    expect(error.code).toBe('INVALID_QUOTA_AMOUNT');
    expect(error.message).toMatch(/^Expected the amount of `storage` to consume to be a whole, non-negative/);
    expect(ledger.status('evil/a').storage).toEqual({ used: 10, limit: 1000 });
    expect(records).toEqual([
      expect.objectContaining({
        component: 'evil/a',
        category: 'quota',
        action: 'consume',
        resource: 'storage',
        decision: 'denied',
        reason: error.message,
      }),
    ]);
  });

  it.each(bad)('denies releasing a %s amount to widen the quota and audits it', (_label, amount) => {
    const { ledger, records } = setup();
    ledger.register('evil/a', { memory: 1000 });
    ledger.tryConsume('evil/a', 'memory', 1000);
    const error = attempt(() => ledger.release('evil/a', 'memory', amount as number));
    expect(error.code).toBe('INVALID_QUOTA_AMOUNT');
    expect(ledger.tryConsume('evil/a', 'memory', 1).allowed).toBe(false);
    const denials = records.filter((r) => r.decision === 'denied');
    expect(denials[0]).toMatchObject({ action: 'release', resource: 'memory', reason: error.message });
  });

  it('denies releasing more than is used instead of going below zero', () => {
    const { ledger, records } = setup();
    ledger.register('evil/a', { storage: 100 });
    ledger.tryConsume('evil/a', 'storage', 10);
    expect(attempt(() => ledger.release('evil/a', 'storage', 1_000)).code).toBe('INVALID_QUOTA_AMOUNT');
    expect(ledger.status('evil/a').storage.used).toBe(10);
    expect(ledger.tryConsume('evil/a', 'storage', 91).allowed).toBe(false);
    expect(records.map((r) => [r.action, r.decision])).toEqual([
      ['release', 'denied'],
      ['consume', 'denied'],
    ]);
  });

  it('denies an amount that would overflow a limit of 2^53 - 1 rather than wrap', () => {
    const { ledger, records } = setup();
    ledger.register('evil/a', { storage: MAX });
    const quota = ledger.for('evil/a');
    expect(quota.tryConsume('storage', MAX)).toBe(MAX);
    for (const amount of [1, MAX]) {
      expect(attempt(() => quota.tryConsume('storage', amount)).code).toBe('QUOTA_EXCEEDED');
    }
    expect(quota.usage('storage').used).toBe(MAX);
    expect(records.filter((r) => r.decision === 'denied')).toHaveLength(2);
  });

  it('denies fractional messages and NaN cpu so a rate bucket cannot be poisoned', () => {
    const { clock, ledger } = setup();
    ledger.register('evil/a', { 'message-rate': 10, cpu: 100 });
    expect(attempt(() => ledger.tryConsume('evil/a', 'message-rate', 0.1)).code).toBe('INVALID_QUOTA_AMOUNT');
    expect(attempt(() => ledger.tryConsume('evil/a', 'cpu', Number.NaN)).code).toBe('INVALID_QUOTA_AMOUNT');
    expect(ledger.tryConsume('evil/a', 'cpu', 100).allowed).toBe(true);
    clock.advance(10);
    expect(ledger.tryConsume('evil/a', 'cpu', 2).allowed).toBe(false);
    expect(ledger.status('evil/a').cpu.used).toBe(99);
  });

  it('denies kinds and ids that reach for object prototypes', () => {
    const { ledger, records } = setup();
    ledger.register('evil/a');
    for (const kind of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(attempt(() => ledger.tryConsume('evil/a', kind as QuotaKind, 1)).code).toBe(
        'INVALID_QUOTA_KIND',
      );
    }
    for (const id of ['__proto__', 'constructor', 'evil/b']) {
      expect(attempt(() => ledger.tryConsume(id, 'storage', 1)).code).toBe('QUOTA_UNKNOWN_COMPONENT');
    }
    expect(records).toHaveLength(7);
    expect(records.every((r) => r.decision === 'denied' && r.category === 'quota')).toBe(true);
  });

  it('grants exactly the limit to many consumers racing at once and audits every denial', async () => {
    const { ledger, records } = setup();
    ledger.register('evil/a', { storage: 100, 'message-rate': 50 });
    const quota = ledger.for('evil/a');
    const racer = async (kind: QuotaKind) => {
      await Promise.resolve();
      try {
        quota.tryConsume(kind, 1);
        return true;
      } catch {
        return false;
      }
    };
    const storage = await Promise.all(Array.from({ length: 1_000 }, () => racer('storage')));
    const messages = await Promise.all(Array.from({ length: 1_000 }, () => racer('message-rate')));
    expect(storage.filter(Boolean)).toHaveLength(100);
    expect(messages.filter(Boolean)).toHaveLength(50);
    expect(quota.status().storage.used).toBe(100);
    expect(records.filter((r) => r.decision === 'denied')).toHaveLength(900 + 950);
  });

  it('keeps every usage within 0 and its limit under any mix of valid and hostile calls', () => {
    const amount = fc.oneof(
      fc.nat({ max: 2_000 }),
      fc.double({ min: -1e6, max: 1e6 }),
      fc.constantFrom(-1, Number.NaN, Number.POSITIVE_INFINITY, MAX, MAX + 2, 0.5),
    );
    const op = fc.record({
      release: fc.boolean(),
      kind: fc.constantFrom(...QUOTA_KINDS),
      amount,
      advance: fc.nat({ max: 300 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { clock, ledger } = setup();
        ledger.register('evil/a', {
          storage: 1000,
          'message-rate': 100,
          network: 1000,
          cpu: 100,
          memory: 1000,
        });
        for (const { release, kind, amount: n, advance } of ops) {
          clock.advance(advance);
          try {
            if (release && isCapacityKind(kind)) ledger.release('evil/a', kind, n);
            else ledger.tryConsume('evil/a', kind, n);
          } catch {
            // Denials by exception are the point; the invariants below are what matters.
          }
          for (const { used, limit } of Object.values(ledger.status('evil/a'))) {
            expect(Number.isFinite(used)).toBe(true);
            expect(used).toBeGreaterThanOrEqual(0);
            expect(used).toBeLessThanOrEqual(limit);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
