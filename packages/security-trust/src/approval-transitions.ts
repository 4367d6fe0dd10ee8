import { IllegalTransitionError } from './errors.js';
import type { ApprovalHistoryEntry, ApprovalRecord, ApprovalState } from './types.js';

/** Every approval state. */
export const APPROVAL_STATES: readonly ApprovalState[] = Object.freeze([
  'pending',
  'reviewing',
  'approved',
  'denied',
  'auto-approved',
  'bypassed',
]);

/** States a new request may start in (`null` in history `from`). */
export const INITIAL_STATES: readonly ApprovalState[] = Object.freeze([
  'pending',
  'auto-approved',
  'bypassed',
]);

/**
 * The legal transitions: a reviewer picks up a pending request, approves or denies it, and may later revoke
 * an approval (`approved` → `denied`). `denied`, `auto-approved` and `bypassed` are final; a changed
 * component is a new request, never a transition of an old one.
 */
export const APPROVAL_TRANSITIONS: Readonly<Record<ApprovalState, readonly ApprovalState[]>> = Object.freeze({
  pending: ['reviewing', 'approved', 'denied'],
  reviewing: ['approved', 'denied'],
  approved: ['denied'],
  denied: [],
  'auto-approved': [],
  bypassed: [],
});

/** States whose record grants its capabilities. */
export const GRANTING_STATES: readonly ApprovalState[] = Object.freeze([
  'approved',
  'auto-approved',
  'bypassed',
]);

/** True when `from` → `to` is legal; `from: null` asks whether `to` is an initial state. */
export function canTransition(from: ApprovalState | null, to: ApprovalState): boolean {
  return from === null ? INITIAL_STATES.includes(to) : APPROVAL_TRANSITIONS[from].includes(to);
}

/** Who, when and why of one transition. */
export interface TransitionInput {
  readonly at: number;
  readonly by: string;
  readonly reason: string;
  /** New grant; kept as is when omitted, emptied on `denied`. */
  readonly granted?: readonly string[] | undefined;
}

/** Returns the record moved to `to` with one more history entry; throws `ILLEGAL_TRANSITION` when not legal. */
export function applyTransition(
  record: ApprovalRecord,
  to: ApprovalState,
  input: TransitionInput,
): ApprovalRecord {
  if (!canTransition(record.state, to)) {
    const legal = APPROVAL_TRANSITIONS[record.state];
    const expected =
      legal.length === 0
        ? `no change, since \`${record.state}\` is final`
        : `a move to \`${legal.join('`, `')}\``;
    throw new IllegalTransitionError(
      `Expected approval \`${record.id}\` in state \`${record.state}\` to see ${expected}, got \`${to}\`.`,
      { from: record.state, to, key: 'state', value: to, componentId: record.componentId },
    );
  }
  const entry: ApprovalHistoryEntry = {
    at: input.at,
    by: input.by,
    from: record.state,
    to,
    reason: input.reason,
  };
  const granted = to === 'denied' ? [] : (input.granted ?? record.granted);
  return {
    ...record,
    state: to,
    granted: [...granted],
    updatedAt: input.at,
    history: [...record.history, entry],
  };
}
