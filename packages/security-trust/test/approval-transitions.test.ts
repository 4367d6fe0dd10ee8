import { describe, expect, it } from 'vitest';
import {
  APPROVAL_STATES,
  APPROVAL_TRANSITIONS,
  type ApprovalState,
  applyTransition,
  canTransition,
  IllegalTransitionError,
} from '../src/index.js';
import { sampleApprovalRecord } from '../src/testing.js';
import { thrown } from './helpers.js';

const LEGAL: [ApprovalState, ApprovalState][] = [
  ['pending', 'reviewing'],
  ['pending', 'approved'],
  ['pending', 'denied'],
  ['reviewing', 'approved'],
  ['reviewing', 'denied'],
  ['approved', 'denied'],
];

describe('approval-transitions', () => {
  it('allows exactly the transitions of the table and nothing else', () => {
    for (const from of APPROVAL_STATES) {
      for (const to of APPROVAL_STATES) {
        const legal = LEGAL.some(([a, b]) => a === from && b === to);
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(legal);
      }
    }
    expect(Object.keys(APPROVAL_TRANSITIONS).sort()).toEqual([...APPROVAL_STATES].sort());
  });

  it('lets a request start only as pending, auto-approved or bypassed', () => {
    expect(APPROVAL_STATES.filter((state) => canTransition(null, state))).toEqual([
      'pending',
      'auto-approved',
      'bypassed',
    ]);
  });

  it('adds a history entry with who, when, from, to and why', () => {
    const record = sampleApprovalRecord();
    const next = applyTransition(record, 'approved', {
      at: 2000,
      by: 'alice',
      reason: 'Looks fine.',
      granted: ['a'],
    });
    expect(next).toMatchObject({ state: 'approved', granted: ['a'], updatedAt: 2000 });
    expect(next.history.at(-1)).toEqual({
      at: 2000,
      by: 'alice',
      from: 'pending',
      to: 'approved',
      reason: 'Looks fine.',
    });
    expect(record.state).toBe('pending');
  });

  it('empties the grant when a record is denied', () => {
    const approved = sampleApprovalRecord({ state: 'approved', granted: ['a'] });
    expect(applyTransition(approved, 'denied', { at: 1, by: 'bob', reason: 'Revoked.' }).granted).toEqual([]);
  });

  it('throws ILLEGAL_TRANSITION naming both states and what would be legal', () => {
    const denied = sampleApprovalRecord({ state: 'denied' });
    expect(() => applyTransition(denied, 'approved', { at: 1, by: 'x', reason: 'y' })).toThrow(
      'Expected approval `apr-1` in state `denied` to see no change, since `denied` is final, got `approved`.',
    );
    const error = thrown(() =>
      applyTransition(sampleApprovalRecord({ state: 'reviewing' }), 'pending', {
        at: 1,
        by: 'x',
        reason: 'y',
      }),
    );
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'reviewing', to: 'pending' });
    expect((error as Error).message).toContain('a move to `approved`, `denied`');
  });
});
