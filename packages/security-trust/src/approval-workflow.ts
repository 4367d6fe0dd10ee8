import { randomUUID } from 'node:crypto';
import {
  type AuditSink,
  type Clock,
  createConsoleLogger,
  describeValue,
  type Logger,
  systemClock,
} from '@airssys/core';
import { approvalAuditEvent } from './approval-audit.js';
import { type ApprovalRequestInput, normaliseRequest, planRequest } from './approval-request.js';
import { applyTransition } from './approval-transitions.js';
import { writeAudit } from './audit.js';
import { canonicalCapabilities, notCoveredBy } from './capability-set.js';
import { createEmitter, type Unsubscribe } from './emitter.js';
import { ApprovalNotFoundError, InvalidApprovalRequestError, InvalidNarrowingError } from './errors.js';
import type {
  ApprovalFilter,
  ApprovalHistoryEntry,
  ApprovalRecord,
  ApprovalState,
  ApprovalStore,
} from './types.js';

/** Payload of every workflow event: the record after the change and the history entry that made it. */
export interface ApprovalTransitionEvent {
  readonly record: ApprovalRecord;
  readonly entry: ApprovalHistoryEntry;
}

/** Events of the workflow: `transition` on every state change (creation included), one per target state, and `reused`. */
export type ApprovalEvents = { readonly transition: ApprovalTransitionEvent } & {
  readonly [S in ApprovalState]: ApprovalTransitionEvent;
} & { readonly reused: { readonly record: ApprovalRecord } };

/** Options of {@link createApprovalWorkflow}. */
export interface ApprovalWorkflowOptions {
  readonly store: ApprovalStore;
  /** @default systemClock */
  readonly clock?: Clock | undefined;
  /** Receives one `approval` event per transition and reuse. */
  readonly audit?: AuditSink | undefined;
  /** Dev-mode bypasses are announced here with `warn`, every time. @default a console logger */
  readonly logger?: Logger | undefined;
  /** @default crypto.randomUUID */
  readonly createId?: (() => string) | undefined;
}

/** The approval workflow: turns spawn requests into records and moves them only along legal transitions. */
export interface ApprovalWorkflow {
  /** Returns the record that decides this request: reused when one covers it exactly, else a new one. */
  request(input: ApprovalRequestInput): ApprovalRecord;
  /** `pending` → `reviewing`. */
  startReview(id: string, by: string): ApprovalRecord;
  /** `pending`/`reviewing` → `approved`, granting `narrow` (a subset of the request) or everything requested. */
  approve(
    id: string,
    decision: { by: string; reason?: string | undefined; narrow?: readonly string[] | undefined },
  ): ApprovalRecord;
  /** `pending`/`reviewing` → `denied`, or revokes an `approved` record. */
  deny(id: string, decision: { by: string; reason: string }): ApprovalRecord;
  get(id: string): ApprovalRecord | undefined;
  /** Records oldest first, optionally only those in `state`. */
  list(filter?: { state?: ApprovalState | readonly ApprovalState[] | undefined }): ApprovalRecord[];
  on<K extends keyof ApprovalEvents>(event: K, listener: (payload: ApprovalEvents[K]) => void): Unsubscribe;
}

/** Creates an {@link ApprovalWorkflow} over a store; every transition is stored, emitted and audited. */
export function createApprovalWorkflow(options: ApprovalWorkflowOptions): ApprovalWorkflow {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createConsoleLogger({ name: 'airssys:approval' });
  const createId = options.createId ?? randomUUID;
  const emitter = createEmitter<ApprovalEvents>((error, event) =>
    logger.error(`An approval \`${String(event)}\` listener threw.`, { error }),
  );

  const audit = (record: ApprovalRecord, reuse = false): void =>
    writeAudit(options.audit, approvalAuditEvent(record, clock.now(), reuse), logger);

  const commit = (record: ApprovalRecord): ApprovalRecord => {
    store.put(record);
    const entry = record.history[record.history.length - 1]!;
    audit(record);
    if (record.state === 'bypassed') {
      const message = `DEV MODE: approval for \`${record.componentId}\` bypassed; it runs with all it asked for.`;
      logger.warn(message, { id: record.id, capabilities: record.granted });
    }
    emitter.emit('transition', { record, entry });
    emitter.emit(record.state, { record, entry });
    return record;
  };

  const load = (id: string): ApprovalRecord => {
    const record = typeof id === 'string' ? store.get(id) : undefined;
    if (record === undefined) {
      const message = `Expected \`id\` to name an approval request, got \`${describeValue(id)}\`.`;
      throw new ApprovalNotFoundError(message, { key: 'id', value: id });
    }
    return record;
  };

  return {
    request(input) {
      const request = normaliseRequest(input);
      const key = { name: request.name, wasmHash: request.wasmHash, capabilityHash: request.capabilityHash };
      const latest = store.list(key).at(-1);
      const lastGranted = store.list({ name: request.name, state: ['approved', 'auto-approved'] }).at(-1);
      const plan = planRequest(request, latest, lastGranted);
      if (plan.kind === 'reuse') {
        const { record } = plan;
        audit(record, true);
        if (record.state === 'bypassed') {
          logger.warn(`DEV MODE: approval for \`${record.componentId}\` bypassed again.`, { id: record.id });
        }
        emitter.emit('reused', { record });
        return record;
      }
      const at = clock.now();
      const granted = plan.state === 'pending' ? [] : request.capabilities;
      return commit({
        id: createId(),
        componentId: request.componentId,
        name: request.name,
        version: request.version,
        wasmHash: request.wasmHash,
        capabilityHash: request.capabilityHash,
        requested: request.capabilities,
        granted,
        trustLevel: request.trustLevel,
        state: plan.state,
        diff: plan.diff,
        previousId: plan.previousId,
        createdAt: at,
        updatedAt: at,
        history: [{ at, by: request.requestedBy ?? 'host', from: null, to: plan.state, reason: plan.reason }],
      });
    },
    startReview(id, by) {
      const record = load(id);
      const reviewer = who(by);
      const reason = `Review started by \`${reviewer}\`.`;
      return commit(applyTransition(record, 'reviewing', { at: clock.now(), by: reviewer, reason }));
    },
    approve(id, decision) {
      const record = load(id);
      const by = who(decision.by);
      let granted = record.requested;
      if (decision.narrow !== undefined) {
        granted = canonicalCapabilities(decision.narrow, 'narrow');
        const extra = notCoveredBy(granted, record.requested);
        if (extra.length > 0) {
          throw new InvalidNarrowingError(
            `Expected \`narrow\` to be a subset of the capabilities requested by \`${record.id}\`, got \`${extra.join('`, `')}\` which was not requested.`,
            { key: 'narrow', value: extra, componentId: record.componentId, capability: extra[0] },
          );
        }
      }
      const removed = notCoveredBy(record.requested, granted);
      const narrowed = removed.length === 0 ? '' : ` Narrowed: withheld \`${removed.join('`, `')}\`.`;
      const reason = `${decision.reason ?? `Approved by \`${by}\`.`}${narrowed}`;
      return commit(applyTransition(record, 'approved', { at: clock.now(), by, reason, granted }));
    },
    deny(id, decision) {
      const record = load(id);
      const by = who(decision.by);
      if (typeof decision.reason !== 'string' || decision.reason.trim() === '') {
        throw new InvalidApprovalRequestError(
          `Expected \`reason\` of a denial to be a non-empty sentence, got \`${describeValue(decision.reason)}\`.`,
          { key: 'reason', value: decision.reason },
        );
      }
      return commit(applyTransition(record, 'denied', { at: clock.now(), by, reason: decision.reason }));
    },
    get: (id) => store.get(id),
    list: (filter = {}) =>
      store.list(filter.state === undefined ? {} : ({ state: filter.state } satisfies ApprovalFilter)),
    on: (event, listener) => emitter.on(event, listener),
  };
}

function who(by: unknown): string {
  if (typeof by !== 'string' || by.trim() === '') {
    throw new InvalidApprovalRequestError(
      `Expected \`by\` to name who decides, got \`${describeValue(by)}\`.`,
      {
        key: 'by',
        value: by,
      },
    );
  }
  return by;
}
