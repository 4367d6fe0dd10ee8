import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@airssys/core';
import { createHost, type Host, type HostOptions } from '@airssys/host';
import { createSqliteStorage } from '@airssys/storage';
import { guestPath } from '@airssys/test-guests';

/** What a component manifest says, in TOML lines. */
export interface Spec {
  capabilities?: string[];
  limits?: string[];
  quotas?: string[];
}

/** A throwaway world: a data dir, a trusted and an untrusted component folder, and hosts over them. */
export class Shop {
  readonly root = mkdtempSync(join(tmpdir(), 'airssys-e2e-'));
  readonly dataDir = join(this.root, 'data');
  readonly hosts: Host[] = [];

  /** Write `Component.toml` for `namespace/name` over a copy of the ts-actor guest (the role comes from the name). */
  manifest(id: string, zone: 'trusted' | 'untrusted', spec: Spec = {}): string {
    const [namespace, name] = id.split('/') as [string, string];
    const dir = join(this.root, zone, namespace, name);
    mkdirSync(dir, { recursive: true });
    copyFileSync(guestPath('ts-actor'), join(dir, 'ts-actor.wasm'));
    const toml = [
      '[component]',
      `namespace = "${namespace}"`,
      `name = "${name}"`,
      'version = "1.0.0"',
      'source = "ts-actor.wasm"',
      '[limits]',
      ...(spec.limits ?? ['memory = "64MiB"', 'timeout-ms = 3000']),
      '[capabilities]',
      ...(spec.capabilities ?? []),
      '[quotas]',
      ...(spec.quotas ?? []),
    ].join('\n');
    writeFileSync(join(dir, 'Component.toml'), toml);
    return join(dir, 'Component.toml');
  }

  /** A host trusting `trusted/**`, quiet, sharing the test component cache. */
  async host(options: HostOptions = {}): Promise<Host> {
    const host = await createHost({
      dataDir: this.dataDir,
      trust: {
        signingKeys: [],
        gitSources: [],
        localPaths: [{ path: `${join(this.root, 'trusted')}/**` }],
        devMode: false,
      },
      logger: silentLogger,
      cacheDir: join(tmpdir(), 'airssys-test-cache'),
      ...options,
    });
    this.hosts.push(host);
    // Unknown components are approved as soon as they ask, unless a test says otherwise.
    return host;
  }

  /** Approve every pending request of a host as it arrives. */
  autoApprove(host: Host): void {
    host.on('approval-pending', ({ record }) => void setImmediate(() => host.approvals.approve(record.id)));
  }

  /** Read one stored value through a second SQLite connection (WAL lets it read while the host writes). */
  peek(component: string, key: string): string | undefined {
    const storage = createSqliteStorage({ dataDir: this.dataDir });
    try {
      const value = storage.get(component, key);
      return value === undefined ? undefined : new TextDecoder().decode(value);
    } finally {
      storage.dispose();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.hosts.splice(0).map((h) => h.stop()));
  }
}

export const text = (s: string) => new TextEncoder().encode(s);
export const decode = (b: Uint8Array) => new TextDecoder().decode(b);

/** Poll until `check` returns a value (not undefined), or fail after `ms`. */
export async function eventually<T>(check: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The roles' standard manifests. */
export const INTAKE_CAPS = [
  'messaging = ["request:acme/*", "request:thirdparty/*", "publish:orders.created", "send:acme/billing"]',
  'storage = ["read:**", "write:**"]',
];
