import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@airssys/core';
import type { TrustConfig } from '@airssys/security-trust';
import { guestPath } from '@airssys/test-guests';
import { createHost, type Host, type HostOptions } from '../src/index.js';

/** A fresh folder with `trusted/` (trusted by path) and `untrusted/` component folders. */
export function workspace(): { root: string; trusted: string; untrusted: string; trust: TrustConfig } {
  const root = mkdtempSync(join(tmpdir(), 'airssys-host-'));
  const trusted = join(root, 'trusted');
  const untrusted = join(root, 'untrusted');
  mkdirSync(trusted);
  mkdirSync(untrusted);
  const trust: TrustConfig = {
    signingKeys: [],
    gitSources: [],
    localPaths: [{ path: `${trusted}/**` }],
    devMode: false,
  };
  return { root, trusted, untrusted, trust };
}

/** Write `<dir>/<name>/Component.toml` over a copy of a built guest; returns the manifest path. */
export function component(
  dir: string,
  name: string,
  guest: Parameters<typeof guestPath>[0],
  body: { capabilities?: string; limits?: string; quotas?: string } = {},
): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  copyFileSync(guestPath(guest), join(folder, `${guest}.wasm`));
  const manifest = [
    '[component]',
    'namespace = "acme"',
    `name = "${name}"`,
    'version = "1.0.0"',
    `source = "${guest}.wasm"`,
    '',
    '[limits]',
    body.limits ?? 'memory = "64MiB"\ntimeout-ms = 2000',
    '',
    '[capabilities]',
    body.capabilities ?? '',
    '',
    '[quotas]',
    body.quotas ?? '',
  ].join('\n');
  const path = join(folder, 'Component.toml');
  writeFileSync(path, manifest);
  return path;
}

/** A host over a workspace, quiet, with a shared component cache so guests are transpiled once. */
export async function testHost(
  dataDir: string,
  trust: TrustConfig,
  options: HostOptions = {},
): Promise<Host> {
  return createHost({
    dataDir,
    trust,
    logger: silentLogger,
    cacheDir: join(tmpdir(), 'airssys-test-cache'),
    ...options,
  });
}

export const text = (s: string) => new TextEncoder().encode(s);
export const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
