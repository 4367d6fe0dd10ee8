import type { AuditEvent } from '@airssys/core';
import { createManualClock } from '@airssys/core';
import { describe, expect, it, vi } from 'vitest';
import { CapabilityDeniedError, createCapabilityRegistry, parseGrant, parseManifest } from '../src/index.js';
import { EXAMPLE } from './fixtures.js';

const outbound = (resource: string) => ({ kind: 'network', action: 'outbound', resource }) as const;

function setup(options: Parameters<typeof createCapabilityRegistry>[0] = {}) {
  const events: AuditEvent[] = [];
  const registry = createCapabilityRegistry({ audit: (event) => events.push(event), ...options });
  registry.register('acme/order-intake', parseManifest(EXAMPLE).capabilities);
  events.length = 0;
  return { registry, events };
}

describe('createCapabilityRegistry', () => {
  it('allows an access a grant covers and returns the grant', () => {
    const { registry } = setup();
    const decision = registry.check('acme/order-intake', outbound('api.example.com:443'));
    expect(decision.allowed).toBe(true);
    expect(decision.grant?.original).toBe('outbound:api.example.com:443');
    expect(decision.reason).toMatch(/outbound:api\.example\.com:443/);
  });

  it('denies by default and says why', () => {
    const { registry } = setup();
    const decision = registry.check('acme/order-intake', outbound('api.example.com:80'));
    expect(decision).toEqual({
      allowed: false,
      reason: 'No `network` grant for `outbound` matches `api.example.com:80`.',
    });
  });

  it('shares grants between instances of one component', () => {
    const { registry } = setup();
    expect(registry.check('acme/order-intake#3', outbound('api.example.com:443')).allowed).toBe(true);
    expect(registry.has('acme/order-intake#3')).toBe(true);
  });

  it('denies a component that was never registered', () => {
    const { registry } = setup();
    expect(registry.check('acme/other', outbound('api.example.com:443')).reason).toMatch(/no registered/);
    expect(registry.check('not an id', outbound('api.example.com:443')).allowed).toBe(false);
  });

  it('denies everything after revoke', () => {
    const { registry } = setup();
    expect(registry.revoke('acme/order-intake')).toBe(true);
    expect(registry.check('acme/order-intake', outbound('api.example.com:443')).allowed).toBe(false);
    expect(registry.revoke('acme/order-intake')).toBe(false);
  });

  it('replaces grants on a second register and forgets cached decisions', () => {
    const { registry } = setup();
    expect(registry.check('acme/order-intake', outbound('api.example.com:443')).allowed).toBe(true);
    registry.register('acme/order-intake', [parseGrant('network', 'outbound:other.example.com:443')]);
    expect(registry.check('acme/order-intake', outbound('api.example.com:443')).allowed).toBe(false);
    expect(registry.grants('acme/order-intake').map((g) => g.original)).toEqual([
      'outbound:other.example.com:443',
    ]);
  });

  it('returns the same cached decision for a repeated check', () => {
    const { registry } = setup();
    const first = registry.check('acme/order-intake', outbound('evil.com:443'));
    expect(registry.check('acme/order-intake', outbound('evil.com:443'))).toBe(first);
  });

  it('keeps the decision cache bounded', () => {
    const { registry } = setup({ cacheSize: 2 });
    const a = registry.check('acme/order-intake', outbound('a.evil.com:443'));
    registry.check('acme/order-intake', outbound('b.evil.com:443'));
    registry.check('acme/order-intake', outbound('c.evil.com:443'));
    const again = registry.check('acme/order-intake', outbound('a.evil.com:443'));
    expect(again).toEqual(a);
    expect(again).not.toBe(a);
  });

  it('audits allowed and denied checks with core AuditEvent records', () => {
    const clock = createManualClock(1_000);
    const { registry, events } = setup({ clock });
    registry.check('acme/order-intake', outbound('api.example.com:443'));
    registry.check('acme/order-intake', outbound('evil.com:443'));
    expect(events).toEqual([
      {
        time: 1_000,
        component: 'acme/order-intake',
        category: 'capability',
        action: 'network:outbound',
        resource: 'api.example.com:443',
        decision: 'allowed',
        reason: 'Granted by `network` capability `outbound:api.example.com:443`.',
        details: { kind: 'network', grant: 'network:outbound:api.example.com:443' },
      },
      expect.objectContaining({ decision: 'denied', resource: 'evil.com:443', details: { kind: 'network' } }),
    ]);
  });

  it('audits cached decisions too', () => {
    const { registry, events } = setup();
    registry.check('acme/order-intake', outbound('evil.com:443'));
    registry.check('acme/order-intake', outbound('evil.com:443'));
    expect(events.map((e) => e.decision)).toEqual(['denied', 'denied']);
  });

  it('audits only denials when auditAllowed is false', () => {
    const { registry, events } = setup({ auditAllowed: false });
    registry.check('acme/order-intake', outbound('api.example.com:443'));
    registry.check('acme/order-intake', outbound('evil.com:443'));
    expect(events.map((e) => e.decision)).toEqual(['denied']);
  });

  it('writes to an AuditSink in batches of one and reports its failures', async () => {
    const onAuditError = vi.fn();
    const write = vi.fn(() => Promise.reject(new Error('disk full')));
    const registry = createCapabilityRegistry({ audit: { name: 'sink', write }, onAuditError });
    registry.register('acme/a', []);
    registry.check('acme/a', outbound('evil.com:443'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(write).toHaveBeenLastCalledWith([expect.objectContaining({ decision: 'denied' })]);
    expect(onAuditError).toHaveBeenCalledTimes(2);
  });

  it('records registration and revocation as info events', () => {
    const { registry, events } = setup();
    registry.revoke('acme/order-intake');
    expect(events).toEqual([
      expect.objectContaining({ action: 'revoke', decision: 'info', component: 'acme/order-intake' }),
    ]);
  });

  it('rejects a malformed grant at registration', () => {
    const registry = createCapabilityRegistry();
    const grant = {
      kind: 'network',
      action: 'outbound',
      pattern: '*:443',
      original: 'outbound:*:443',
    } as const;
    expect(() => registry.register('acme/a', [grant])).toThrow(
      expect.objectContaining({ code: 'INVALID_CAPABILITY' }),
    );
    expect(registry.has('acme/a')).toBe(false);
  });
});

describe('registry.require', () => {
  it('returns the grant when allowed', () => {
    const { registry } = setup();
    expect(registry.require('acme/order-intake', outbound('api.example.com:443')).pattern).toBe(
      'api.example.com:443',
    );
  });

  it('throws CapabilityDeniedError naming the component, kind, action and resource', () => {
    const { registry } = setup();
    let error: unknown;
    try {
      registry.require('acme/order-intake', outbound('evil.com:443'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CapabilityDeniedError);
    expect(error).toMatchObject({
      code: 'CAPABILITY_DENIED',
      componentId: 'acme/order-intake',
      kind: 'network',
      action: 'outbound',
      resource: 'evil.com:443',
      capability: 'network:outbound:evil.com:443',
    });
    expect((error as Error).message).toBe(
      'Component `acme/order-intake` may not `outbound` network resource `evil.com:443`: no `network` grant for ' +
        '`outbound` matches `evil.com:443`; grant it in `[capabilities].network` of its `Component.toml`.',
    );
  });
});

describe('registry audit of repeated allowances', () => {
  it('records an allowance once with `auditAllowed: first`, and every denial', () => {
    const events: { decision: string; resource?: string }[] = [];
    const registry = createCapabilityRegistry({ audit: (e) => void events.push(e), auditAllowed: 'first' });
    registry.register('acme/intake', [parseGrant('messaging', 'send:acme/billing')]);
    for (let i = 0; i < 3; i++) {
      expect(
        registry.check('acme/intake', { kind: 'messaging', action: 'send', resource: 'acme/billing' })
          .allowed,
      ).toBe(true);
      expect(
        registry.check('acme/intake', { kind: 'messaging', action: 'send', resource: 'acme/payroll' })
          .allowed,
      ).toBe(false);
    }
    const checks = events.filter((e) => e.resource !== undefined && e.decision !== 'info');
    expect(checks.map((e) => `${e.decision} ${e.resource}`)).toEqual([
      'allowed acme/billing',
      'denied acme/payroll',
      'denied acme/payroll',
      'denied acme/payroll',
    ]);
  });
});
