import type { AuditEvent, CapabilityKind } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { type CapabilityRegistry, createCapabilityRegistry, type Grant, parseGrant } from '../src/index.js';

// The original system checked `*` across `/`, granted `/app/data/../../../etc/passwd`, and let an empty action
// bypass checks. Every case here asserts the denial AND the audit record of it.

const ME = 'acme/intake';
const GRANTS: Readonly<Partial<Record<CapabilityKind, readonly string[]>>> = {
  filesystem: ['read:/app/data/**', 'read:/srv/in/*', 'write:/srv/out/*.csv'],
  network: [
    'outbound:*.example.com:443',
    'outbound:api.partner.io:443',
    'outbound:127.0.0.1:8080',
    'outbound:localhost:443',
  ],
  storage: ['read:**', 'write:cache/*'],
  messaging: [
    'send:acme/billing',
    'request:acme/*',
    'publish:orders.created',
    'subscribe:orders.#',
    'subscribe:audit.*',
  ],
  process: ['spawn:/usr/bin/git'],
};

function setup(): { registry: CapabilityRegistry; events: AuditEvent[]; grants: Grant[] } {
  const events: AuditEvent[] = [];
  const registry = createCapabilityRegistry({ audit: (event) => events.push(event) });
  const grants = Object.entries(GRANTS).flatMap(([kind, list]) =>
    (list ?? []).map((text) => parseGrant(kind as CapabilityKind, text)),
  );
  registry.register(ME, grants);
  registry.register('acme/billing', [parseGrant('storage', 'read:secret/*')]);
  events.length = 0;
  return { registry, events, grants };
}

function expectDenied(
  registry: CapabilityRegistry,
  events: AuditEvent[],
  kind: string,
  action: string,
  resource: string,
  component = ME,
) {
  const decision = registry.check(component, { kind: kind as CapabilityKind, action, resource });
  expect(decision.allowed).toBe(false);
  expect(decision.grant).toBeUndefined();
  expect(events.at(-1)).toEqual({
    time: expect.any(Number),
    component,
    category: 'capability',
    action: `${kind}:${action}`,
    resource,
    decision: 'denied',
    reason: decision.reason,
    details: { kind },
  });
}

const CASES: [string, string, string, string][] = [
  // path traversal
  ['traversal past the root', 'filesystem', 'read', '/app/data/../../../etc/passwd'],
  ['traversal out of the grant', 'filesystem', 'read', '/app/data/../secret.txt'],
  ['traversal into a sibling with a shared prefix', 'filesystem', 'read', '/app/data/../data2/x'],
  ['a sibling directory with a shared prefix', 'filesystem', 'read', '/app/database/x'],
  ['percent-encoded traversal', 'filesystem', 'read', '/app/data/%2e%2e/%2e%2e/etc/passwd'],
  ['double-encoded traversal', 'filesystem', 'read', '/app/data/%252e%252e/etc/passwd'],
  ['a NUL byte', 'filesystem', 'read', '/app/data/report.txt\0.png'],
  ['backslash traversal', 'filesystem', 'read', '/app/data\\..\\..\\etc\\passwd'],
  ['duplicate slashes', 'filesystem', 'read', '/app/data//../../etc/passwd'],
  ['a trailing dot', 'filesystem', 'read', '/srv/in/secret.txt.'],
  ['a dots-only segment', 'filesystem', 'read', '/app/data/.../etc'],
  ['a relative path', 'filesystem', 'read', 'app/data/x'],
  ['a spawn that walks out of the program', 'process', 'spawn', '/usr/bin/git/../../bin/sh'],
  // wildcard over-reach
  ['`*` crossing `/`', 'filesystem', 'read', '/srv/in/a/b'],
  ['`**` claiming its own directory', 'filesystem', 'read', '/app/data'],
  ['`*.csv` reaching another extension', 'filesystem', 'write', '/srv/out/a.csv.sh'],
  ['a storage `*` crossing `/`', 'storage', 'write', 'cache/a/b'],
  ['a `*` subscription widened to `#`', 'messaging', 'subscribe', 'audit.#'],
  ['a `*` topic crossing `.`', 'messaging', 'subscribe', 'audit.eu.login'],
  ['a namespace prefix of a component id', 'messaging', 'request', 'acmecorp/billing'],
  // host-pattern confusion
  ['a name that only ends like the domain', 'network', 'outbound', 'evilexample.com:443'],
  ['the apex of a `*.` pattern', 'network', 'outbound', 'example.com:443'],
  ['the domain as a subdomain of another', 'network', 'outbound', 'a.example.com.evil.io:443'],
  ['mixed case around an attacker domain', 'network', 'outbound', 'A.Example.COM.evil.io:443'],
  ['two trailing dots', 'network', 'outbound', 'api.partner.io..:443'],
  ['a trailing dot on a look-alike', 'network', 'outbound', 'evilexample.com.:443'],
  ['another port', 'network', 'outbound', 'api.partner.io:8443'],
  ['a wildcard port in the request', 'network', 'outbound', 'api.partner.io:*'],
  ['a shortened IPv4 spelling', 'network', 'outbound', '127.1:8080'],
  ['an IPv4-mapped IPv6 literal', 'network', 'outbound', '[::ffff:127.0.0.1]:8080'],
  ['an IPv6 loopback for `localhost`', 'network', 'outbound', '[::1]:443'],
  ['an unbracketed IPv6 literal', 'network', 'outbound', '::1:443'],
  ['user-info before the host', 'network', 'outbound', 'x@api.partner.io:443'],
  // empty or blank actions and resources
  ['an empty action', 'filesystem', '', '/app/data/x'],
  ['a blank action', 'filesystem', ' ', '/app/data/x'],
  ['a padded action', 'filesystem', 'read ', '/app/data/x'],
  ['an empty kind', '', 'read', '/app/data/x'],
  ['an empty resource', 'filesystem', 'read', ''],
  ['a blank resource', 'storage', 'read', '   '],
  // capability inflation
  ['write with only read granted', 'filesystem', 'write', '/app/data/x'],
  ['delete with only read granted', 'storage', 'delete', 'cache/a'],
  ['an upper-case action', 'filesystem', 'READ', '/app/data/x'],
  ['a wildcard action', 'filesystem', '*', '/app/data/x'],
  ['an inherited property as action', 'filesystem', 'constructor', '/app/data/x'],
  ['an inherited property as kind', 'toString', 'read', '/app/data/x'],
  ['inbound with only outbound granted', 'network', 'inbound', 'api.partner.io:443'],
  ['an action of another kind', 'network', 'read', 'api.partner.io:443'],
  // cross-component storage
  ['a key climbing to another namespace', 'storage', 'read', '../billing/secret/a'],
  ['an absolute key', 'storage', 'read', '/acme/billing/secret/a'],
  ['an encoded separator in a key', 'storage', 'read', '..%2fbilling%2fsecret'],
  ['a backslash in a key', 'storage', 'read', '..\\billing\\secret'],
  // messaging to targets and topics not granted
  ['a send to a target not granted', 'messaging', 'send', 'acme/billing-admin'],
  ['a request outside the namespace', 'messaging', 'request', 'other/billing'],
  ['a wildcard target', 'messaging', 'send', 'acme/*'],
  ['a broadcast with no grant', 'messaging', 'broadcast', 'acme/billing'],
  ['a publish to another topic', 'messaging', 'publish', 'orders.deleted'],
  ['a publish with a wildcard topic', 'messaging', 'publish', 'orders.*'],
  ['a subscription to everything', 'messaging', 'subscribe', '#'],
  ['a subscription to the parent topic', 'messaging', 'subscribe', 'orders'],
];

describe('attacks', () => {
  it.each(CASES)('denies and audits %s', (_, kind, action, resource) => {
    const { registry, events } = setup();
    expectDenied(registry, events, kind, action, resource);
    // A second, cached answer is denied and audited the same way.
    expectDenied(registry, events, kind, action, resource);
  });

  it('denies another component the grants of this one (cross-component storage)', () => {
    const { registry, events } = setup();
    expectDenied(registry, events, 'storage', 'write', 'cache/a', 'acme/billing');
    expectDenied(registry, events, 'storage', 'read', 'secret/a', 'acme/stranger');
  });

  it('ignores grants pushed into the registered array afterwards (capability inflation)', () => {
    const { registry, events, grants } = setup();
    grants.push(parseGrant('filesystem', 'write:/**'));
    expectDenied(registry, events, 'filesystem', 'write', '/etc/passwd');
  });

  it('ignores a hand-built grant mutated after registration (capability inflation)', () => {
    const { registry, events } = setup();
    const grant = { kind: 'filesystem', action: 'read', pattern: '/srv/x', original: 'read:/srv/x' };
    registry.register(ME, [grant as Grant]);
    grant.pattern = '/**';
    grant.action = 'write';
    expectDenied(registry, events, 'filesystem', 'write', '/etc/passwd');
    expectDenied(registry, events, 'filesystem', 'read', '/etc/passwd');
  });

  it('refuses empty and blank grants at registration', () => {
    const registry = createCapabilityRegistry();
    for (const pattern of ['', ' ', '\t']) {
      const grant = { kind: 'filesystem', action: 'read', pattern, original: `read:${pattern}` } as const;
      expect(() => registry.register(ME, [grant])).toThrow(
        expect.objectContaining({ code: 'INVALID_CAPABILITY' }),
      );
    }
    const emptyAction = {
      kind: 'filesystem',
      action: '',
      pattern: '/x',
      original: ':/x',
    } as unknown as Grant;
    expect(() => registry.register(ME, [emptyAction])).toThrow(
      expect.objectContaining({ code: 'INVALID_CAPABILITY' }),
    );
  });

  it('denies and audits a request that is not an object', () => {
    const { registry, events } = setup();
    const decision = registry.check(ME, null as never);
    expect(decision.allowed).toBe(false);
    expect(events.at(-1)).toMatchObject({ decision: 'denied', action: 'undefined:undefined' });
  });
});
