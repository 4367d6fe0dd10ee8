import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '@airssys/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createApprovalWorkflow, createSqliteApprovalStore } from '../../src/index.js';
import { testApprovalStore } from '../../src/testing.js';
import { createRecordingLogger } from '../helpers.js';

testApprovalStore(() => createSqliteApprovalStore({ path: ':memory:' }));

describe('sqlite approval store', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('keeps approvals and their history across a reopen of the file', () => {
    dir = mkdtempSync(join(tmpdir(), 'airssys-approvals-'));
    const path = join(dir, 'nested', 'deeper', 'approvals.sqlite');
    const clock = createManualClock(1000);
    const first = createSqliteApprovalStore({ path });
    const workflow = createApprovalWorkflow({ store: first, clock, logger: createRecordingLogger() });
    const request = {
      componentId: 'acme/a',
      name: 'acme/a',
      wasmHash: 'f'.repeat(64),
      capabilities: ['storage:read:cache/*', 'storage:write:cache/*'],
      trustLevel: 'unknown',
    } as const;
    const pending = workflow.request(request);
    clock.advance(10);
    const approved = workflow.approve(pending.id, { by: 'alice', narrow: ['storage:read:cache/*'] });
    first.dispose?.();
    expect(existsSync(path)).toBe(true);

    const second = createSqliteApprovalStore({ path });
    expect(second.get(pending.id)).toEqual(approved);
    const again = createApprovalWorkflow({ store: second, clock, logger: createRecordingLogger() }).request(
      request,
    );
    expect(again).toMatchObject({ id: pending.id, state: 'approved', granted: ['storage:read:cache/*'] });
    expect(again.history.map((entry) => entry.to)).toEqual(['pending', 'approved']);
    second.dispose?.();
  });

  it('creates the file under the data directory when no path is given, in WAL mode', () => {
    dir = mkdtempSync(join(tmpdir(), 'airssys-data-'));
    const store = createSqliteApprovalStore({ dataDir: join(dir, 'data') });
    store.put({
      id: 'x',
      componentId: 'acme/a',
      name: 'acme/a',
      wasmHash: 'a'.repeat(64),
      capabilityHash: 'b'.repeat(64),
      requested: [],
      granted: [],
      trustLevel: 'unknown',
      state: 'pending',
      createdAt: 0,
      updatedAt: 0,
      history: [],
    });
    expect(existsSync(join(dir, 'data', 'approvals.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'data', 'approvals.sqlite-wal'))).toBe(true);
    store.dispose?.();
    store.dispose?.();
  });
});
