import type { AuditDecision, AuditEvent } from '@airssys/core';
import { GRANTING_STATES } from './approval-transitions.js';
import type { ApprovalRecord, ApprovalState } from './types.js';

const ACTIONS: Readonly<Record<ApprovalState, string>> = {
  pending: 'request',
  reviewing: 'review',
  approved: 'approve',
  denied: 'deny',
  'auto-approved': 'auto-approve',
  bypassed: 'bypass',
};

/** Whether a record in `state` lets the component run: granting states allow, `denied` denies, the rest wait. */
export function approvalDecision(state: ApprovalState): AuditDecision {
  if (GRANTING_STATES.includes(state)) return 'allowed';
  return state === 'denied' ? 'denied' : 'info';
}

/**
 * The audit event of an approval record's latest transition (action `request`, `review`, `approve`, `deny`,
 * `revoke`, `auto-approve` or `bypass`), or of a reuse when `reuse` is set.
 */
export function approvalAuditEvent(record: ApprovalRecord, time: number, reuse = false): AuditEvent {
  const entry = record.history[record.history.length - 1];
  let action = ACTIONS[record.state];
  if (reuse) action = 'reuse';
  else if (entry?.from === 'approved' && entry.to === 'denied') action = 'revoke';
  return {
    time,
    component: record.componentId,
    category: 'approval',
    action,
    resource: record.wasmHash,
    decision: approvalDecision(record.state),
    reason: reuse ? `Reused approval \`${record.id}\` in state \`${record.state}\`.` : entry?.reason,
    trustLevel: record.trustLevel,
    details: {
      id: record.id,
      name: record.name,
      state: record.state,
      capabilityHash: record.capabilityHash,
      requested: record.requested,
      granted: record.granted,
      ...(entry === undefined ? {} : { by: entry.by }),
      ...(record.diff === undefined ? {} : { diff: record.diff }),
      ...(record.previousId === undefined ? {} : { previousId: record.previousId }),
    },
  };
}
