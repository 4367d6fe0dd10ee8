import { describeValue, type TrustLevel } from '@airssys/core';
import { canonicalCapabilities, capabilityHash, diffCapabilities } from './capability-set.js';
import { InvalidApprovalRequestError } from './errors.js';
import type { ApprovalRecord, ApprovalState, CapabilityDiff } from './types.js';

/** What a host asks the approval workflow for when it is about to spawn a component. */
export interface ApprovalRequestInput {
  /** Component id in string form. */
  readonly componentId: string;
  /** The component name approvals are tracked under, for example `acme/order-intake`. */
  readonly name: string;
  readonly version?: string | undefined;
  /** Hex sha-256 of the wasm bytes. */
  readonly wasmHash: string;
  /** Canonical capability strings, in any order. */
  readonly capabilities: readonly string[];
  readonly trustLevel: TrustLevel;
  /** Who asks, for the history. @default 'host' */
  readonly requestedBy?: string | undefined;
  /** Why, for the history, for example the trust decision's reason. */
  readonly reason?: string | undefined;
}

/** A request after validation: hash lowercased, capabilities canonical and hashed. */
export interface NormalisedRequest extends ApprovalRequestInput {
  readonly capabilities: string[];
  readonly capabilityHash: string;
}

/** What {@link planRequest} decided: hand back an existing record, or create one in `state`. */
export type RequestPlan =
  | { readonly kind: 'reuse'; readonly record: ApprovalRecord }
  | {
      readonly kind: 'create';
      readonly state: ApprovalState;
      readonly reason: string;
      readonly diff?: CapabilityDiff | undefined;
      readonly previousId?: string | undefined;
    };

const SHA256_HEX = /^[0-9a-f]{64}$/;
const TRUST_LEVELS: readonly TrustLevel[] = ['trusted', 'unknown', 'dev-mode'];
// An unknown component may reuse a record in these states: still waiting, decided yes, or decided no.
const REUSABLE_WHEN_UNKNOWN: readonly ApprovalState[] = ['pending', 'reviewing', 'approved', 'denied'];

/** Validates a request and computes its canonical capabilities and their hash. */
export function normaliseRequest(input: ApprovalRequestInput): NormalisedRequest {
  for (const key of ['componentId', 'name'] as const) {
    if (typeof input[key] !== 'string' || input[key].trim() === '')
      throw invalid(key, input[key], 'a non-empty string');
  }
  const wasmHash = typeof input.wasmHash === 'string' ? input.wasmHash.toLowerCase() : input.wasmHash;
  if (typeof wasmHash !== 'string' || !SHA256_HEX.test(wasmHash)) {
    throw invalid('wasmHash', input.wasmHash, 'a sha-256 of 64 hex digits');
  }
  if (!TRUST_LEVELS.includes(input.trustLevel)) {
    throw invalid('trustLevel', input.trustLevel, '`trusted`, `unknown` or `dev-mode`');
  }
  const capabilities = canonicalCapabilities(input.capabilities);
  return { ...input, wasmHash, capabilities, capabilityHash: capabilityHash(capabilities) };
}

/**
 * Decides a request from the latest record with the same name + wasm hash + capability hash (`latest`) and
 * the latest granting record for the name (`lastGranted`): trusted → `auto-approved`; dev mode → `bypassed`;
 * unknown → the covering record if there is one, else `pending` with the difference from `lastGranted`.
 */
export function planRequest(
  request: NormalisedRequest,
  latest: ApprovalRecord | undefined,
  lastGranted: ApprovalRecord | undefined,
): RequestPlan {
  if (request.trustLevel === 'trusted') {
    if (latest?.state === 'auto-approved') return { kind: 'reuse', record: latest };
    return { kind: 'create', state: 'auto-approved', reason: request.reason ?? 'The component is trusted.' };
  }
  if (request.trustLevel === 'dev-mode') {
    if (latest?.state === 'bypassed') return { kind: 'reuse', record: latest };
    return {
      kind: 'create',
      state: 'bypassed',
      reason: request.reason ?? 'Dev mode is on: approval bypassed, the component is not trusted.',
    };
  }
  if (latest !== undefined && REUSABLE_WHEN_UNKNOWN.includes(latest.state))
    return { kind: 'reuse', record: latest };
  if (lastGranted === undefined) {
    return {
      kind: 'create',
      state: 'pending',
      reason: `Needs review: no approval covers \`${request.name}\` yet.`,
    };
  }
  const diff = diffCapabilities(lastGranted.granted, request.capabilities);
  const changes = [
    request.wasmHash === lastGranted.wasmHash ? '' : `new wasm \`${request.wasmHash.slice(0, 12)}\``,
    diff.added.length === 0 ? '' : `asks for \`${diff.added.join('`, `')}\` beyond the approved set`,
    diff.removed.length === 0 ? '' : `drops \`${diff.removed.join('`, `')}\``,
  ].filter((text) => text !== '');
  const what = changes.length === 0 ? 'capabilities requested differently' : changes.join('; ');
  return {
    kind: 'create',
    state: 'pending',
    reason: `Needs review: ${what} since approval \`${lastGranted.id}\`.`,
    diff,
    previousId: lastGranted.id,
  };
}

function invalid(key: string, value: unknown, expected: string): InvalidApprovalRequestError {
  return new InvalidApprovalRequestError(
    `Expected \`${key}\` of the approval request to be ${expected}, got \`${describeValue(value)}\`.`,
    { key, value },
  );
}
