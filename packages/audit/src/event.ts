import {
  type AuditCategory,
  type AuditDecision,
  type AuditEvent,
  describeValue,
  type TrustLevel,
} from '@airssys/core';
import { InvalidAuditEventError } from './errors.js';
import type { AuditEventInput } from './types.js';

/** Every audit category. */
export const AUDIT_CATEGORIES: readonly AuditCategory[] = Object.freeze([
  'capability',
  'trust',
  'approval',
  'quota',
  'lifecycle',
  'messaging',
]);

/** Every audit decision. */
export const AUDIT_DECISIONS: readonly AuditDecision[] = Object.freeze(['allowed', 'denied', 'info']);

const TRUST_LEVELS: readonly TrustLevel[] = ['trusted', 'unknown', 'dev-mode'];

function invalid(key: string, value: unknown, expected: string): InvalidAuditEventError {
  const message = `Expected \`event.${key}\` to be ${expected}, got \`${describeValue(value)}\`.`;
  return new InvalidAuditEventError(message, { key: `event.${key}`, value });
}

function optionalText(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || typeof value === 'string') return value;
  throw invalid(key, value, 'a string or absent');
}

/**
 * Checks an event and returns a copy of its known fields in one fixed order, `time` filled with `now` when absent.
 * Throws {@link InvalidAuditEventError} naming the bad field.
 */
export function normalizeEvent(input: AuditEventInput, now: number): AuditEvent {
  if (typeof input !== 'object' || input === null) throw invalid('', input, 'an audit event object');
  const raw = input as unknown as Record<string, unknown>;
  const time = input.time ?? now;
  if (typeof time !== 'number' || !Number.isFinite(time))
    throw invalid('time', time, 'a number of ms since the epoch');
  if (typeof input.component !== 'string' || input.component === '') {
    throw invalid('component', input.component, 'a component id or `host`');
  }
  if (!AUDIT_CATEGORIES.includes(input.category)) {
    throw invalid('category', input.category, `one of ${AUDIT_CATEGORIES.map((c) => `\`${c}\``).join(', ')}`);
  }
  if (typeof input.action !== 'string' || input.action === '')
    throw invalid('action', input.action, 'an action name');
  if (!AUDIT_DECISIONS.includes(input.decision)) {
    throw invalid('decision', input.decision, 'one of `allowed`, `denied`, `info`');
  }
  if (input.trustLevel !== undefined && !TRUST_LEVELS.includes(input.trustLevel)) {
    throw invalid('trustLevel', input.trustLevel, 'one of `trusted`, `unknown`, `dev-mode` or absent');
  }
  const details = input.details;
  if (details !== undefined && (typeof details !== 'object' || details === null || Array.isArray(details))) {
    throw invalid('details', details, 'an object or absent');
  }
  return {
    time,
    component: input.component,
    category: input.category,
    action: input.action,
    resource: optionalText(raw, 'resource'),
    decision: input.decision,
    reason: optionalText(raw, 'reason'),
    trustLevel: input.trustLevel,
    correlationId: optionalText(raw, 'correlationId'),
    details,
  };
}

/** The original, general serialisation: the reference that {@link serializeEvent}'s fast path must equal. */
function stringifyEvent(event: AuditEvent): string {
  const record = {
    time: event.time,
    component: event.component,
    category: event.category,
    action: event.action,
    resource: event.resource,
    decision: event.decision,
    reason: event.reason,
    trustLevel: event.trustLevel,
    correlationId: event.correlationId,
    details: event.details,
  };
  try {
    return JSON.stringify(record);
  } catch (error) {
    const note = error instanceof Error ? error.message : String(error);
    return JSON.stringify({ ...record, details: { unserializable: note } });
  }
}

// Characters `JSON.stringify` escapes in a string: `"`, `\`, control characters and (lone) surrogates. A string
// without any of them serialises to itself in quotes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters JSON escapes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** True when every known field has the type `normalizeEvent` gives it: the shape the fast serialisers handle. */
export function hasEventShape(event: AuditEvent): boolean {
  const { time, component, category, action, resource, decision, reason, trustLevel, correlationId } = event;
  return (
    typeof time === 'number' &&
    Number.isFinite(time) &&
    typeof component === 'string' &&
    typeof category === 'string' &&
    typeof action === 'string' &&
    typeof decision === 'string' &&
    (resource === undefined || typeof resource === 'string') &&
    (reason === undefined || typeof reason === 'string') &&
    (trustLevel === undefined || typeof trustLevel === 'string') &&
    (correlationId === undefined || typeof correlationId === 'string')
  );
}

/**
 * One JSON line (without the newline) of the known fields of an event, in a fixed order, absent fields left out.
 * Details that cannot be serialised (a cycle, a bigint) are replaced by a note, so a bad event never costs the
 * rest of its batch.
 */
export function serializeEvent(event: AuditEvent): string {
  // The shape `normalizeEvent` produces is built by hand, byte for byte what `JSON.stringify` gives; anything
  // else, and any failure, takes the general path.
  const {
    time,
    component,
    category,
    action,
    resource,
    decision,
    reason,
    trustLevel,
    correlationId,
    details,
  } = event;
  if (!hasEventShape(event)) {
    return stringifyEvent(event);
  }
  let json = `{"time":${time},"component":${quote(component)},"category":${quote(category)},"action":${quote(action)}`;
  if (resource !== undefined) json += `,"resource":${quote(resource)}`;
  json += `,"decision":${quote(decision)}`;
  if (reason !== undefined) json += `,"reason":${quote(reason)}`;
  if (trustLevel !== undefined) json += `,"trustLevel":${quote(trustLevel)}`;
  if (correlationId !== undefined) json += `,"correlationId":${quote(correlationId)}`;
  if (details === undefined) return `${json}}`;
  let wrapped: string;
  try {
    // Wrapped so that `toJSON` sees the key `details` and an unserialisable value is left out, as in the record.
    wrapped = JSON.stringify({ details });
  } catch {
    return stringifyEvent(event);
  }
  return wrapped === '{}' ? `${json}}` : `${json},${wrapped.slice(1)}`;
}

/** The audit event of a parsed log record, without chain fields such as `seq`, `prev` and `hash`. */
export function eventFromRecord(record: Record<string, unknown>): AuditEvent {
  const { seq: _seq, prev: _prev, hash: _hash, ...event } = record;
  return event as unknown as AuditEvent;
}
