import { AirssysError, type AirssysErrorOptions } from '@airssys/core';

/** Codes of the errors `@airssys/broker` throws or rejects with. */
export type BrokerErrorCode = 'MESSAGING_ERROR' | 'INVALID_TOPIC' | 'ADDRESS_IN_USE' | 'BROKER_CLOSED';

/** The cases of the WIT `messaging-error` variant, spelled as in `wit/core/airssys.wit`. */
export type MessagingErrorKind =
  | 'denied'
  | 'not-found'
  | 'queue-full'
  | 'rate-limited'
  | 'timeout'
  | 'cancelled'
  | 'target-crashed'
  | 'invalid-payload';

/** Every {@link MessagingErrorKind}, in WIT order. */
export const MESSAGING_ERROR_KINDS: readonly MessagingErrorKind[] = Object.freeze([
  'denied',
  'not-found',
  'queue-full',
  'rate-limited',
  'timeout',
  'cancelled',
  'target-crashed',
  'invalid-payload',
]);

/** The WIT variant as jco lowers it: `{ tag }` for `timeout`/`cancelled`, `{ tag, val }` for the rest. */
export type WitMessagingError =
  | { tag: 'timeout' | 'cancelled' }
  | { tag: Exclude<MessagingErrorKind, 'timeout' | 'cancelled'>; val: string };

/** Options of a {@link MessagingError}: the component the message was for and the request it answers. */
export interface MessagingErrorOptions extends AirssysErrorOptions {
  correlationId?: string | undefined;
}

/** Why a message was not delivered or a request has no reply (code `MESSAGING_ERROR`); `kind` is the WIT case. */
export class MessagingError extends AirssysError {
  declare readonly code: 'MESSAGING_ERROR';
  readonly kind: MessagingErrorKind;
  /** The variant's string (for `timeout` and `cancelled`, local detail the guest never sees). */
  readonly detail: string;
  readonly correlationId: string | undefined;

  constructor(kind: MessagingErrorKind, detail: string, options: MessagingErrorOptions = {}) {
    super('MESSAGING_ERROR', `${kind}: ${detail}`, options);
    this.name = 'MessagingError';
    this.kind = kind;
    this.detail = detail;
    this.correlationId = options.correlationId;
  }

  /** The value to hand a guest as `messaging-error`. */
  toWit(): WitMessagingError {
    if (this.kind === 'timeout' || this.kind === 'cancelled') return { tag: this.kind };
    return { tag: this.kind, val: this.detail };
  }
}

/** True for a {@link MessagingError}, even one from a second copy of this package. */
export function isMessagingError(value: unknown): value is MessagingError {
  return (
    value instanceof Error &&
    (value as { code?: unknown }).code === 'MESSAGING_ERROR' &&
    MESSAGING_ERROR_KINDS.includes((value as { kind?: MessagingErrorKind }).kind as MessagingErrorKind)
  );
}

/** Thrown for a topic or subscription pattern that breaks the topic rules (code `INVALID_TOPIC`). */
export class InvalidTopicError extends AirssysError {
  declare readonly code: 'INVALID_TOPIC';
  /** The rejected topic or pattern, as given. */
  readonly value: unknown;

  constructor(message: string, options: AirssysErrorOptions & { value?: unknown } = {}) {
    super('INVALID_TOPIC', message, options);
    this.name = 'InvalidTopicError';
    this.value = options.value;
  }
}

/** Thrown when an address is registered twice (code `ADDRESS_IN_USE`). */
export class AddressInUseError extends AirssysError {
  declare readonly code: 'ADDRESS_IN_USE';

  constructor(address: string) {
    super('ADDRESS_IN_USE', `Expected \`${address}\` to be free, but it is already registered.`, {
      componentId: address,
    });
    this.name = 'AddressInUseError';
  }
}

/** Thrown by `register` after `close` (code `BROKER_CLOSED`); messages get a `cancelled` result instead. */
export class BrokerClosedError extends AirssysError {
  declare readonly code: 'BROKER_CLOSED';

  constructor(address: string) {
    super('BROKER_CLOSED', `Expected an open broker to register \`${address}\`, but it is closed.`, {
      componentId: address,
    });
    this.name = 'BrokerClosedError';
  }
}
