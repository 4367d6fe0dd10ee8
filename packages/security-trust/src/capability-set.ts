import { createHash } from 'node:crypto';
import { describeValue } from '@airssys/core';
import { InvalidApprovalRequestError } from './errors.js';
import type { CapabilityDiff } from './types.js';

// Capabilities are opaque canonical strings (`network:outbound:api.example.com:443`) produced by
// `@airssys/security-capability`; here they are only sorted, de-duplicated, hashed and compared.

/** Sorts and de-duplicates capability strings; rejects anything that is not a non-empty string. */
export function canonicalCapabilities(capabilities: readonly unknown[], key = 'capabilities'): string[] {
  if (!Array.isArray(capabilities)) {
    throw new InvalidApprovalRequestError(
      `Expected \`${key}\` to be a list of capability strings, got \`${describeValue(capabilities)}\`.`,
      { key, value: capabilities },
    );
  }
  capabilities.forEach((capability, index) => {
    if (typeof capability !== 'string' || capability.trim() === '' || capability !== capability.trim()) {
      throw new InvalidApprovalRequestError(
        `Expected \`${key}[${index}]\` to be a capability like \`storage:read:cache/*\`, got \`${describeValue(capability)}\`.`,
        { key: `${key}[${index}]`, value: capability },
      );
    }
  });
  return [...new Set(capabilities as string[])].sort(compare);
}

/** Hex sha-256 of the canonical JSON list: equal for any order or repetition of the same capabilities. */
export function capabilityHash(capabilities: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(canonicalCapabilities(capabilities)))
    .digest('hex');
}

/** What `next` adds to and removes from `previous`, both sorted. */
export function diffCapabilities(previous: readonly string[], next: readonly string[]): CapabilityDiff {
  const before = new Set(previous);
  const after = new Set(next);
  return {
    added: [...after].filter((capability) => !before.has(capability)).sort(compare),
    removed: [...before].filter((capability) => !after.has(capability)).sort(compare),
  };
}

/** The members of `subset` that are not in `superset` (empty when it really is a subset). */
export function notCoveredBy(subset: readonly string[], superset: readonly string[]): string[] {
  const allowed = new Set(superset);
  return subset.filter((capability) => !allowed.has(capability));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
