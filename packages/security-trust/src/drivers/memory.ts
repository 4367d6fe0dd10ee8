import type { ApprovalFilter, ApprovalRecord, ApprovalStore } from '../types.js';

/** Keeps approval records in a Map; for tests and hosts that must not touch the disk. */
export function createMemoryApprovalStore(): ApprovalStore {
  const records = new Map<string, string>();
  return {
    name: 'memory',
    put(record) {
      records.set(record.id, JSON.stringify(record));
    },
    get(id) {
      const text = records.get(id);
      return text === undefined ? undefined : (JSON.parse(text) as ApprovalRecord);
    },
    list(filter = {}) {
      const found: ApprovalRecord[] = [];
      for (const text of records.values()) {
        const record = JSON.parse(text) as ApprovalRecord;
        if (matchesFilter(record, filter)) found.push(record);
      }
      return found;
    },
    dispose() {
      records.clear();
    },
  };
}

/** True when the record satisfies every field the filter sets. */
export function matchesFilter(record: ApprovalRecord, filter: ApprovalFilter): boolean {
  const states = filter.state === undefined ? undefined : ([] as string[]).concat(filter.state);
  return (
    (states === undefined || states.includes(record.state)) &&
    (filter.name === undefined || record.name === filter.name) &&
    (filter.wasmHash === undefined || record.wasmHash === filter.wasmHash) &&
    (filter.capabilityHash === undefined || record.capabilityHash === filter.capabilityHash)
  );
}
