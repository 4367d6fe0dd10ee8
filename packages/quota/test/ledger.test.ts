import { DEFAULT_QUOTAS, isAirssysError } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { createQuotaLedger, QuotaExceededError } from '../src/index.js';
import { setup } from './helpers.js';

describe('ledger', () => {
  it('registers the default limits of the issue: 100MiB, 1000/s, 10MiB/s, 1000ms/s, 256MiB', () => {
    const ledger = createQuotaLedger();
    expect(ledger.register('acme/a')).toEqual({
      storage: 100 * 2 ** 20,
      'message-rate': 1000,
      network: 10 * 2 ** 20,
      cpu: 1000,
      memory: 256 * 2 ** 20,
    });
    expect(ledger.status('acme/a').storage).toEqual({ used: 0, limit: DEFAULT_QUOTAS.storage });
  });

  it('fills the kinds a registration leaves out from the ledger defaults', () => {
    const ledger = createQuotaLedger({ defaults: { storage: '1MiB' } });
    const limits = ledger.register('acme/a', { network: '1KiB/s', memory: undefined });
    expect(limits).toMatchObject({ storage: 2 ** 20, network: 1024, memory: DEFAULT_QUOTAS.memory });
    expect(() => ledger.register('acme/b', { disk: 1 } as never)).toThrow(/`quotas.disk`|`disk`/);
    expect(() => createQuotaLedger({ defaults: { cpu: 'fast' } })).toThrow(/`defaults.cpu`/);
  });

  it('consumes and returns the new usage through a handle, throwing QuotaExceededError past the limit', () => {
    const { ledger } = setup();
    ledger.register('acme/a', { storage: 1000 });
    const quota = ledger.for('acme/a');
    expect(quota.tryConsume('storage', 600)).toBe(600);
    expect(quota.tryConsume('storage', 400)).toBe(1000);
    const error = (() => {
      try {
        quota.tryConsume('storage', 1);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      kind: 'storage',
      limit: 1000,
      used: 1000,
      requested: 1,
    });
    expect((error as Error).message).toBe(
      'Expected at most `0` more bytes of `storage` for `acme/a` (limit `1000`, used `1000`), got `1`.',
    );
    expect(quota.usage('storage')).toEqual({ used: 1000, limit: 1000 });
  });

  it('answers the QuotaLedger contract with a decision and consumes nothing on denial', () => {
    const { ledger } = setup();
    ledger.register('acme/a', { memory: '1KiB' });
    expect(ledger.tryConsume('acme/a', 'memory', 1000)).toEqual({ allowed: true, used: 1000, limit: 1024 });
    const denied = ledger.tryConsume('acme/a', 'memory', 100);
    expect(denied).toMatchObject({ allowed: false, used: 1000, limit: 1024 });
    expect(denied.reason).toContain('`memory`');
    expect(ledger.status('acme/a').memory.used).toBe(1000);
  });

  it('releases storage and memory, refusing to release more than is used', () => {
    const { ledger } = setup();
    ledger.register('acme/a');
    const quota = ledger.for('acme/a');
    quota.tryConsume('memory', 300);
    quota.release('memory', 100);
    expect(quota.usage('memory').used).toBe(200);
    expect(() => quota.release('memory', 201)).toThrow(
      'Expected to release at most the `200` bytes of `memory` that `acme/a` uses, got `201`.',
    );
    expect(() => ledger.release('acme/a', 'network', 1)).toThrow(
      expect.objectContaining({ code: 'INVALID_QUOTA_KIND' }),
    );
    expect(quota.usage('memory').used).toBe(200);
  });

  it('refills rate kinds from the clock, a second worth at most', () => {
    const { clock, ledger } = setup();
    ledger.register('acme/a', { 'message-rate': 10 });
    const quota = ledger.for('acme/a');
    for (let i = 1; i <= 10; i++) expect(quota.tryConsume('message-rate', 1)).toBe(i);
    expect(() => quota.tryConsume('message-rate', 1)).toThrow(
      expect.objectContaining({ code: 'QUOTA_EXCEEDED', retryAfterMs: 100 }),
    );
    clock.advance(100);
    expect(quota.tryConsume('message-rate', 1)).toBe(10);
    clock.advance(60_000);
    expect(quota.usage('message-rate').used).toBe(0);
    expect(() => quota.tryConsume('message-rate', 11)).toThrow(/never fits/);
  });

  it('accepts fractional milliseconds of cpu', () => {
    const { ledger } = setup();
    ledger.register('acme/a');
    expect(ledger.for('acme/a').tryConsume('cpu', 0.5)).toBe(0.5);
  });

  it('reports the status of every kind', () => {
    const { ledger } = setup();
    ledger.register('acme/a', { network: 100 });
    ledger.tryConsume('acme/a', 'network', 40);
    expect(Object.keys(ledger.status('acme/a'))).toEqual([
      'storage',
      'message-rate',
      'network',
      'cpu',
      'memory',
    ]);
    expect(ledger.status('acme/a').network).toEqual({ used: 40, limit: 100 });
  });

  it('keeps usage when a component is registered again with new limits', () => {
    const { ledger, thresholds } = setup();
    ledger.register('acme/a', { storage: 1000 });
    ledger.tryConsume('acme/a', 'storage', 500);
    ledger.register('acme/a', { storage: 520 });
    expect(ledger.status('acme/a').storage).toEqual({ used: 500, limit: 520 });
    expect(thresholds.map((e) => e.level)).toEqual(['critical']);
  });

  it('forgets an unregistered component and fails its handles', () => {
    const { ledger } = setup();
    ledger.register('acme/a');
    const quota = ledger.for('acme/a');
    expect(ledger.for('acme/a')).toBe(quota);
    expect(ledger.unregister('acme/a')).toBe(true);
    expect(ledger.unregister('acme/a')).toBe(false);
    expect(ledger.has('acme/a')).toBe(false);
    expect(() => quota.tryConsume('storage', 1)).toThrow(
      expect.objectContaining({ code: 'QUOTA_UNKNOWN_COMPONENT' }),
    );
    expect(() => quota.status()).toThrow(expect.objectContaining({ code: 'QUOTA_UNKNOWN_COMPONENT' }));
    expect(() => ledger.status('acme/a')).toThrow(
      'Expected a component registered with the quota ledger, got `acme/a`.',
    );
  });

  it('rejects a registration without a component id', () => {
    const ledger = createQuotaLedger();
    expect(() => ledger.register('')).toThrow(expect.objectContaining({ code: 'INVALID_COMPONENT_ID' }));
  });

  it('keeps components apart', () => {
    const { ledger } = setup();
    ledger.register('acme/a', { storage: 10 });
    ledger.register('acme/b', { storage: 10 });
    ledger.tryConsume('acme/a', 'storage', 10);
    expect(ledger.tryConsume('acme/b', 'storage', 10).allowed).toBe(true);
  });

  it('throws airssys errors for bad kinds', () => {
    const { ledger } = setup();
    ledger.register('acme/a');
    const error = (() => {
      try {
        ledger.tryConsume('acme/a', 'disk' as never, 1);
      } catch (e) {
        return e;
      }
    })();
    expect(isAirssysError(error)).toBe(true);
    expect((error as Error).message).toBe(
      'Expected the quota kind to be one of `storage`, `message-rate`, `network`, `cpu`, `memory`, got `disk`.',
    );
  });

  it('forgets everything on dispose', () => {
    const { ledger } = setup();
    ledger.register('acme/a');
    ledger.dispose();
    expect(ledger.has('acme/a')).toBe(false);
  });
});

describe('ledger clock', () => {
  it('refills nothing twice when the monotonic clock steps back and forth', () => {
    let now = 1_000;
    const clock = { name: 'jumpy', now: () => 0, monotonic: () => now };
    const ledger = createQuotaLedger({ clock });
    ledger.register('acme/a', { 'message-rate': 10 });
    ledger.tryConsume('acme/a', 'message-rate', 10);
    now = 500;
    expect(ledger.tryConsume('acme/a', 'message-rate', 1).allowed).toBe(false);
    now = 1_100;
    expect(ledger.tryConsume('acme/a', 'message-rate', 1)).toMatchObject({ allowed: true, used: 10 });
    expect(ledger.tryConsume('acme/a', 'message-rate', 1).allowed).toBe(false);
  });
});
