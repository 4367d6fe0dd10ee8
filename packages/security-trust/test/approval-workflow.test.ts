import { createManualClock } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import {
  type ApprovalRequestInput,
  type ApprovalTransitionEvent,
  createApprovalWorkflow,
  createMemoryApprovalStore,
} from '../src/index.js';
import { createRecordingLogger, createRecordingSink, thrown } from './helpers.js';

const NET = 'network:outbound:api.example.com:443';
const READ = 'storage:read:cache/*';
const WRITE = 'storage:write:cache/*';
const HASH_1 = '1'.repeat(64);
const HASH_2 = '2'.repeat(64);

function setup() {
  const clock = createManualClock(1000);
  const audit = createRecordingSink();
  const logger = createRecordingLogger();
  let next = 0;
  const workflow = createApprovalWorkflow({
    store: createMemoryApprovalStore(),
    clock,
    audit,
    logger,
    createId: () => `apr-${++next}`,
  });
  return { clock, audit, logger, workflow };
}

function unknown(overrides: Partial<ApprovalRequestInput> = {}): ApprovalRequestInput {
  return {
    componentId: 'acme/a',
    name: 'acme/a',
    version: '1.0.0',
    wasmHash: HASH_1,
    capabilities: [READ, NET],
    trustLevel: 'unknown',
    ...overrides,
  };
}

describe('approval-workflow', () => {
  it('auto-approves a trusted component with everything it asked for', () => {
    const { workflow } = setup();
    const record = workflow.request(unknown({ trustLevel: 'trusted', reason: 'Signed by key `k`.' }));
    expect(record).toMatchObject({ state: 'auto-approved', granted: [NET, READ], requested: [NET, READ] });
    expect(record.history).toEqual([
      { at: 1000, by: 'host', from: null, to: 'auto-approved', reason: 'Signed by key `k`.' },
    ]);
    expect(workflow.request(unknown({ trustLevel: 'trusted' })).id).toBe(record.id);
  });

  it('bypasses approval in dev mode with a loud warning every time', () => {
    const { workflow, logger } = setup();
    const first = workflow.request(unknown({ trustLevel: 'dev-mode' }));
    const second = workflow.request(unknown({ trustLevel: 'dev-mode' }));
    expect(first).toMatchObject({ state: 'bypassed', trustLevel: 'dev-mode', granted: [NET, READ] });
    expect(second.id).toBe(first.id);
    expect(logger.records.filter((r) => r.level === 'warn' && r.message.startsWith('DEV MODE'))).toHaveLength(
      2,
    );
  });

  it('holds an unknown component as pending until a reviewer approves it', () => {
    const { workflow, clock } = setup();
    const pending = workflow.request(unknown());
    expect(pending).toMatchObject({ state: 'pending', granted: [], diff: undefined });
    clock.advance(5);
    expect(workflow.startReview(pending.id, 'alice').state).toBe('reviewing');
    clock.advance(5);
    const approved = workflow.approve(pending.id, { by: 'alice', reason: 'Checked the hosts.' });
    expect(approved).toMatchObject({ state: 'approved', granted: [NET, READ], updatedAt: 1010 });
    expect(approved.history.map(({ at, by, from, to }) => ({ at, by, from, to }))).toEqual([
      { at: 1000, by: 'host', from: null, to: 'pending' },
      { at: 1005, by: 'alice', from: 'pending', to: 'reviewing' },
      { at: 1010, by: 'alice', from: 'reviewing', to: 'approved' },
    ]);
    expect(workflow.get(pending.id)).toEqual(approved);
  });

  it('reuses an approval for the same name, hash and capabilities in any order', () => {
    const { workflow, audit } = setup();
    const pending = workflow.request(unknown());
    workflow.approve(pending.id, { by: 'alice' });
    const reused = workflow.request(unknown({ capabilities: [NET, READ, NET] }));
    expect(reused).toMatchObject({ id: pending.id, state: 'approved' });
    expect(audit.events.at(-1)).toMatchObject({ action: 'reuse', decision: 'allowed' });
    expect(workflow.list()).toHaveLength(1);
  });

  it('approves a narrower set and records what was withheld', () => {
    const { workflow } = setup();
    const pending = workflow.request(unknown());
    const approved = workflow.approve(pending.id, { by: 'alice', narrow: [READ] });
    expect(approved.granted).toEqual([READ]);
    expect(approved.history.at(-1)?.reason).toBe(`Approved by \`alice\`. Narrowed: withheld \`${NET}\`.`);
  });

  it('refuses a narrowing that adds a capability, naming it', () => {
    const { workflow } = setup();
    const pending = workflow.request(unknown());
    const error = thrown(() => workflow.approve(pending.id, { by: 'alice', narrow: [READ, WRITE] }));
    expect(error).toMatchObject({ code: 'INVALID_NARROWING', capability: WRITE });
    expect((error as Error).message).toBe(
      `Expected \`narrow\` to be a subset of the capabilities requested by \`${pending.id}\`, got \`${WRITE}\` which was not requested.`,
    );
    expect(workflow.get(pending.id)?.state).toBe('pending');
  });

  it('sends a new version back to pending with the difference from the last approved set', () => {
    const { workflow } = setup();
    const first = workflow.request(unknown());
    workflow.approve(first.id, { by: 'alice', narrow: [READ] });
    const next = workflow.request(
      unknown({ version: '1.1.0', wasmHash: HASH_2, capabilities: [READ, WRITE] }),
    );
    expect(next).toMatchObject({
      state: 'pending',
      previousId: first.id,
      diff: { added: [WRITE], removed: [] },
    });
    expect(next.history[0]?.reason).toBe(
      `Needs review: new wasm \`${HASH_2.slice(0, 12)}\`; asks for \`${WRITE}\` beyond the approved set since approval \`${first.id}\`.`,
    );
  });

  it('keeps a denial for the same request and allows revoking an approval', () => {
    const { workflow } = setup();
    const pending = workflow.request(unknown());
    workflow.deny(pending.id, { by: 'bob', reason: 'Talks to an unknown host.' });
    expect(workflow.request(unknown())).toMatchObject({ id: pending.id, state: 'denied', granted: [] });

    const other = workflow.request(unknown({ name: 'acme/b', componentId: 'acme/b' }));
    workflow.approve(other.id, { by: 'alice' });
    const revoked = workflow.deny(other.id, { by: 'carol', reason: 'Key leaked.' });
    expect(revoked).toMatchObject({ state: 'denied', granted: [] });
  });

  it('throws for unknown ids, illegal transitions and missing reasons', () => {
    const { workflow } = setup();
    expect(thrown(() => workflow.approve('nope', { by: 'a' }))).toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
    expect(() => workflow.startReview('nope', 'a')).toThrow(
      'Expected `id` to name an approval request, got `nope`.',
    );
    const trusted = workflow.request(unknown({ trustLevel: 'trusted' }));
    expect(thrown(() => workflow.deny(trusted.id, { by: 'a', reason: 'no' }))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    const pending = workflow.request(unknown({ name: 'acme/c' }));
    expect(thrown(() => workflow.deny(pending.id, { by: 'a', reason: ' ' }))).toMatchObject({
      key: 'reason',
    });
    expect(thrown(() => workflow.startReview(pending.id, ''))).toMatchObject({ key: 'by' });
    expect(thrown(() => workflow.request(unknown({ wasmHash: 'abc' })))).toMatchObject({
      code: 'INVALID_APPROVAL_REQUEST',
      key: 'wasmHash',
    });
  });

  it('emits transition and per-state events, and lists by state', () => {
    const { workflow } = setup();
    const seen: string[] = [];
    workflow.on('transition', ({ entry }: ApprovalTransitionEvent) =>
      seen.push(`${entry.from}->${entry.to}`),
    );
    const approvedIds: string[] = [];
    const off = workflow.on('approved', ({ record }) => approvedIds.push(record.id));
    const reused: string[] = [];
    workflow.on('reused', ({ record }) => reused.push(record.id));
    const a = workflow.request(unknown());
    workflow.startReview(a.id, 'alice');
    workflow.approve(a.id, { by: 'alice' });
    off();
    workflow.request(unknown());
    const b = workflow.request(unknown({ name: 'acme/b' }));
    workflow.approve(b.id, { by: 'alice' });
    expect(seen).toEqual([
      'null->pending',
      'pending->reviewing',
      'reviewing->approved',
      'null->pending',
      'pending->approved',
    ]);
    expect(approvedIds).toEqual([a.id]);
    expect(reused).toEqual([a.id]);
    expect(workflow.list({ state: 'approved' }).map((r) => r.id)).toEqual([a.id, b.id]);
  });

  it('audits every transition with who, the decision and the grant', () => {
    const { workflow, audit } = setup();
    const pending = workflow.request(unknown());
    workflow.approve(pending.id, { by: 'alice', narrow: [READ] });
    expect(audit.events.map((e) => [e.action, e.decision])).toEqual([
      ['request', 'info'],
      ['approve', 'allowed'],
    ]);
    expect(audit.events[1]).toMatchObject({
      component: 'acme/a',
      category: 'approval',
      resource: HASH_1,
      trustLevel: 'unknown',
      details: { id: pending.id, state: 'approved', granted: [READ], requested: [NET, READ] },
    });
  });
});
