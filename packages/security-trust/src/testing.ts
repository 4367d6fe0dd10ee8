import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalRecord, ApprovalState, ApprovalStore } from './types.js';

/** Makes a store for one test; it is disposed after the test. */
export type ApprovalStoreFactory = () => ApprovalStore | Promise<ApprovalStore>;

/** Builds a valid record for store tests; `overrides` replace any field. */
export function sampleApprovalRecord(overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  const state: ApprovalState = overrides.state ?? 'pending';
  return {
    id: 'apr-1',
    componentId: 'acme/order-intake',
    name: 'acme/order-intake',
    version: '1.2.0',
    wasmHash: 'a'.repeat(64),
    capabilityHash: 'c'.repeat(64),
    requested: ['network:outbound:api.example.com:443', 'storage:read:cache/*'],
    granted: [],
    trustLevel: 'unknown',
    state,
    createdAt: 1000,
    updatedAt: 1000,
    history: [{ at: 1000, by: 'host', from: null, to: state, reason: 'Needs review.' }],
    ...overrides,
  };
}

/**
 * The conformance suite every {@link ApprovalStore} passes: run it from a driver's test file.
 * @example testApprovalStore(() => createMemoryApprovalStore())
 */
export function testApprovalStore(factory: ApprovalStoreFactory): void {
  describe('approval store contract', () => {
    let store: ApprovalStore | undefined;
    const open = async (): Promise<ApprovalStore> => {
      store = await factory();
      return store;
    };
    afterEach(() => {
      store?.dispose?.();
      store = undefined;
    });

    it('has a name', async () => {
      const s = await open();
      expect(typeof s.name).toBe('string');
      expect(s.name.length).toBeGreaterThan(0);
    });

    it('returns undefined for an id it never stored', async () => {
      const s = await open();
      expect(s.get('missing')).toBeUndefined();
      expect(s.list()).toEqual([]);
    });

    it('returns a stored record with every field, history included', async () => {
      const s = await open();
      const record = sampleApprovalRecord({
        diff: { added: ['storage:read:cache/*'], removed: [] },
        previousId: 'apr-0',
      });
      s.put(record);
      expect(s.get('apr-1')).toEqual(record);
    });

    it('replaces a record with the same id and keeps its place in the order', async () => {
      const s = await open();
      s.put(sampleApprovalRecord({ id: 'a' }));
      s.put(sampleApprovalRecord({ id: 'b' }));
      const approved = sampleApprovalRecord({
        id: 'a',
        state: 'approved',
        granted: ['storage:read:cache/*'],
      });
      s.put(approved);
      expect(s.get('a')).toEqual(approved);
      expect(s.list().map((r) => r.id)).toEqual(['a', 'b']);
    });

    it('lists records oldest first and filters by state, name and hashes', async () => {
      const s = await open();
      s.put(sampleApprovalRecord({ id: '1', state: 'pending' }));
      s.put(sampleApprovalRecord({ id: '2', state: 'approved', wasmHash: 'b'.repeat(64) }));
      s.put(sampleApprovalRecord({ id: '3', state: 'denied', name: 'acme/other' }));
      s.put(sampleApprovalRecord({ id: '4', state: 'auto-approved', capabilityHash: 'd'.repeat(64) }));
      const ids = (records: ApprovalRecord[]) => records.map((r) => r.id);
      expect(ids(s.list())).toEqual(['1', '2', '3', '4']);
      expect(ids(s.list({ state: 'approved' }))).toEqual(['2']);
      expect(ids(s.list({ state: ['approved', 'auto-approved'] }))).toEqual(['2', '4']);
      expect(ids(s.list({ state: [] }))).toEqual([]);
      expect(ids(s.list({ name: 'acme/order-intake' }))).toEqual(['1', '2', '4']);
      expect(ids(s.list({ name: 'acme/order-intake', wasmHash: 'a'.repeat(64) }))).toEqual(['1', '4']);
      expect(ids(s.list({ wasmHash: 'a'.repeat(64), capabilityHash: 'c'.repeat(64) }))).toEqual(['1', '3']);
    });

    it('follows a state change in its filters', async () => {
      const s = await open();
      s.put(sampleApprovalRecord({ id: 'x', state: 'pending' }));
      s.put(sampleApprovalRecord({ id: 'x', state: 'denied' }));
      expect(s.list({ state: 'pending' })).toEqual([]);
      expect(s.list({ state: 'denied' }).map((r) => r.id)).toEqual(['x']);
    });

    it('hands out copies that callers cannot use to change what is stored', async () => {
      const s = await open();
      s.put(sampleApprovalRecord());
      const copy = s.get('apr-1') as unknown as { state: string; granted: string[] };
      copy.state = 'approved';
      copy.granted.push('process:spawn:*');
      expect(s.get('apr-1')).toEqual(sampleApprovalRecord());
    });
  });
}
