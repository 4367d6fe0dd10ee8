import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LIFECYCLE_INTERFACE } from '@airssys/actor';
import type { CapabilityKind } from '@airssys/core';
import type { LoadedComponent } from '@airssys/runtime';
import { type Grant, type Manifest, parseGrant, parseManifest } from '@airssys/security-capability';
import type { ApprovalRecord, ApprovalWorkflow, ComponentSource } from '@airssys/security-trust';
import { HostError } from './errors.js';
import type { SpawnInput } from './types.js';

/** A spawn request read from disk or memory: the manifest as parsed and as bytes, the wasm, where it came from. */
export interface SpawnRequest {
  manifest: Manifest;
  manifestText: string;
  wasm: Uint8Array;
  source: ComponentSource | undefined;
  signature: string | undefined;
}

/** Read a `Component.toml` and the wasm it names (relative to the manifest), plus `<wasm>.sig.json` if present. */
export async function readSpawnInput(input: SpawnInput): Promise<SpawnRequest> {
  if (typeof input !== 'string') {
    const manifest = parseManifest(input.manifest, { file: input.file ?? 'Component.toml' });
    return {
      manifest,
      manifestText: input.manifest,
      wasm: input.wasm,
      source: input.source,
      signature: input.signature,
    };
  }
  const file = resolve(input);
  const manifestText = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new HostError(
      'COMPONENT_SOURCE_MISSING',
      `Expected a readable \`Component.toml\` at \`${file}\`, got ${error.code}.`,
      {
        cause: error,
      },
    );
  });
  const manifest = parseManifest(manifestText, { file });
  const wasmPath = resolve(dirname(file), manifest.component.source);
  const wasm = await readFile(wasmPath).catch((error: NodeJS.ErrnoException) => {
    throw new HostError(
      'COMPONENT_SOURCE_MISSING',
      `\`${file}\`: expected \`component.source\` to name a readable wasm file, got \`${manifest.component.source}\` (${error.code}).`,
      { componentId: manifest.component.id, cause: error },
    );
  });
  const sigPath = `${wasmPath}.sig.json`;
  const signature = existsSync(sigPath) ? await readFile(sigPath, 'utf8') : undefined;
  return {
    manifest,
    manifestText,
    wasm: new Uint8Array(wasm),
    source: { kind: 'local', path: wasmPath },
    signature,
  };
}

/** Canonical `kind:action:pattern` strings (what approvals store) back to grants. */
export function grantsFromCanonical(strings: readonly string[]): Grant[] {
  return strings.map((s) => {
    const colon = s.indexOf(':');
    return parseGrant(s.slice(0, colon) as CapabilityKind, s.slice(colon + 1));
  });
}

/** Resolve once a person approves the request, reject when they deny it. */
export function awaitDecision(workflow: ApprovalWorkflow, record: ApprovalRecord): Promise<ApprovalRecord> {
  return new Promise((resolvePromise, reject) => {
    const off = workflow.on('transition', ({ record: changed }) => {
      if (changed.id !== record.id) return;
      if (changed.state === 'approved') {
        off();
        resolvePromise(changed);
      } else if (changed.state === 'denied') {
        off();
        reject(denied(changed));
      }
    });
  });
}

/** The error a denied spawn rejects with. */
export function denied(record: ApprovalRecord): HostError {
  const last = record.history[record.history.length - 1];
  return new HostError(
    'SPAWN_DENIED',
    `Component \`${record.componentId}\` was denied by \`${last?.by ?? 'unknown'}\`: ${last?.reason ?? 'no reason given'}.`,
    { componentId: record.componentId },
  );
}

/** A wasm that does not export the airssys lifecycle cannot be an actor: say so before instantiating it. */
export function assertAirssysComponent(component: LoadedComponent, id: string): void {
  const ok = component.exports.some(
    (e) => e.kind === 'interface' && e.name.replace(/@[^@]*$/, '') === LIFECYCLE_INTERFACE,
  );
  if (!ok) {
    throw new HostError(
      'NOT_AN_AIRSSYS_COMPONENT',
      `Expected component \`${id}\` to export \`${LIFECYCLE_INTERFACE}\`, got ${component.exports.map((e) => `\`${e.name}\``).join(', ') || 'no exports'}.`,
      { componentId: id, componentHash: component.hash },
    );
  }
}
