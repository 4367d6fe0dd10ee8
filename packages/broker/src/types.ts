import type { Clock, MessageEnvelope, Scheduler } from '@airssys/core';
import type { MessagingError, MessagingErrorKind } from './errors.js';

/** What a handler may return; for a `request` the bytes are the reply (WIT: `some(payload)`). */
// biome-ignore lint/suspicious/noConfusingVoidType: handlers written as statements return `void`.
export type HandlerResult = Uint8Array | undefined | void;

/** Handles one message of a mailbox; the next waits until it returns or its promise settles. */
export type MessageHandler = (envelope: MessageEnvelope) => HandlerResult | Promise<HandlerResult>;

/** Outcome of handing a message to a mailbox: accepted, or refused with the reason. Never a silent drop. */
export type SendResult = { readonly ok: true } | { readonly ok: false; readonly error: MessagingError };

/** What a transport says about one delivery; the same shape as {@link SendResult}. */
export type DeliveryResult = SendResult;

/** Called by a transport for each envelope that arrives for `address`; its result goes back to the sender. */
export type TransportReceiver = (address: string, envelope: MessageEnvelope) => DeliveryResult;

/**
 * The seam between the broker and delivery. The broker routes (mailboxes, subscriptions, pending requests) and
 * hands each envelope with its destination address to `deliver`; whatever arrives goes to the one receiver.
 * The address travels beside the envelope because `publish` and `broadcast` envelopes carry no `to`.
 * Replies travel as `reply` envelopes to the requester's address, so a transport between hosts carries them too.
 */
export interface Transport {
  readonly name: string;
  /** Sends one envelope toward `address`; returns synchronously whether it was accepted. */
  deliver(address: string, envelope: MessageEnvelope): DeliveryResult;
  /** Sets the receiver of arriving envelopes (one per transport; a second call replaces it). */
  onMessage(receiver: TransportReceiver): void;
  /** Stops delivering; later `deliver` calls are refused. */
  dispose?(): void | Promise<void>;
}

/** Options of `createBroker`. */
export interface BrokerOptions {
  /** @default createInProcessTransport() */
  transport?: Transport | undefined;
  /** Source of envelope timestamps. @default systemClock */
  clock?: Clock | undefined;
  /** Timers for request timeouts. @default systemScheduler */
  scheduler?: Scheduler | undefined;
  /** Timeout of a request that names none, in ms. @default 30000 */
  defaultTimeoutMs?: number | undefined;
  /** Messages a mailbox holds waiting when `register` names no capacity. @default 1024 */
  mailboxCapacity?: number | undefined;
  /** Larger payloads are refused with `invalid-payload`. @default 1048576 (1 MiB) */
  maxPayloadBytes?: number | undefined;
  /** Gets what a request callback or event listener throws. @default re-thrown in a microtask */
  onError?: ((error: unknown) => void) | undefined;
  /** Source of envelope and correlation ids. @default createIdGenerator() */
  generateId?: (() => string) | undefined;
}

/** Options of `Broker.register`. */
export interface RegisterOptions {
  /** Messages the mailbox holds waiting (the one being handled is not counted). */
  capacity?: number | undefined;
}

/** A registered mailbox. */
export interface Registration {
  /** The canonical address (`namespace/name`). */
  readonly address: string;
  /** Stops accepting messages and subscriptions; resolves when the messages already accepted are handled. */
  unregister(): Promise<void>;
}

/** Options of `Broker.request`. */
export interface RequestOptions {
  /** @default the broker's `defaultTimeoutMs` */
  timeoutMs?: number | undefined;
  /** Aborting it cancels the request. */
  signal?: AbortSignal | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
}

/** How a request ended: the reply's bytes or why there is none. */
export type RequestOutcome =
  | { readonly ok: true; readonly payload: Uint8Array }
  | { readonly ok: false; readonly error: MessagingError };

/** Receives a request's outcome exactly once (the WIT `handle-callback`). */
export type RequestCallback = (correlationId: string, outcome: RequestOutcome) => void;

/** Result of `Broker.requestWithCallback`: the correlation id, and the error when the request was refused. */
export type RequestStart =
  | { readonly ok: true; readonly correlationId: string }
  | { readonly ok: false; readonly correlationId: string; readonly error: MessagingError };

/** A request in flight; `reply` rejects with a `MessagingError`. */
export interface PendingRequest {
  readonly correlationId: string;
  readonly reply: Promise<Uint8Array>;
}

/** One receiver that refused a message of a publish or broadcast. */
export interface Rejection {
  readonly address: string;
  readonly error: MessagingError;
}

/** Result of `Broker.publish`: how many subscribers accepted, and who refused. */
export interface PublishResult {
  readonly delivered: number;
  readonly rejected: readonly Rejection[];
}

/** Result of `Broker.broadcast`: the totals plus one result per target, in the order given. */
export interface BroadcastResult extends PublishResult {
  readonly results: readonly SendResult[];
}

/** Counters since the broker was created, plus current sizes. */
export interface BrokerStats {
  readonly registrations: number;
  readonly subscriptions: number;
  readonly pendingRequests: number;
  /** Messages accepted and waiting in mailboxes now. */
  readonly queued: number;
  /** Deliveries accepted (a publish to three subscribers counts three). */
  readonly accepted: number;
  /** Deliveries refused, by reason. */
  readonly rejected: Readonly<Record<MessagingErrorKind, number>>;
  readonly handled: number;
  readonly handlerErrors: number;
  /** Replies that arrived after their request timed out or was cancelled. */
  readonly lateReplies: number;
}

/** A handler threw or rejected; for a request the requester also gets `target-crashed`. */
export interface HandlerErrorEvent {
  readonly address: string;
  readonly envelope: MessageEnvelope;
  readonly error: unknown;
}

/** Events of a broker. */
export interface BrokerEvents {
  'handler-error': (event: HandlerErrorEvent) => void;
  /** A reply whose request was already settled (timed out, cancelled). */
  'late-reply': (envelope: MessageEnvelope) => void;
}

/** Topics, direct send, request/response and broadcast between registered addresses. */
export interface Broker {
  /** Opens a bounded mailbox at `address` (a component id); throws `ADDRESS_IN_USE` when taken. */
  register(address: string, handler: MessageHandler, options?: RegisterOptions): Registration;
  /** True when `address` has a mailbox. */
  has(address: string): boolean;
  /** Fire-and-forget to one address; refused with `not-found`, `queue-full` or `invalid-payload`. */
  send(from: string, to: string, payload: Uint8Array): SendResult;
  /** Asks one address; `reply` settles with the handler's return value or a `MessagingError`. */
  request(from: string, to: string, payload: Uint8Array, options?: RequestOptions): PendingRequest;
  /** Like `request`, refusals returned at once and the outcome given to `callback` (never for a refusal). */
  requestWithCallback(
    from: string,
    to: string,
    payload: Uint8Array,
    callback: RequestCallback,
    options?: RequestOptions,
  ): RequestStart;
  /** Gives up on a pending request (its outcome becomes `cancelled`); `not-found` when none is pending. */
  cancel(correlationId: string): SendResult;
  /** Sends to every subscriber whose pattern matches `topic`; throws `INVALID_TOPIC` for a bad topic. */
  publish(from: string, topic: string, payload: Uint8Array): PublishResult;
  /** Subscribes `address` to a pattern; false when it already was. Throws `INVALID_TOPIC`. */
  subscribe(address: string, pattern: string): boolean;
  /** Removes one subscription; false when there was none. */
  unsubscribe(address: string, pattern: string): boolean;
  /** Sends to each target in turn. */
  broadcast(from: string, targets: readonly string[], payload: Uint8Array): BroadcastResult;
  stats(): BrokerStats;
  /** Listens to an event; returns a function that stops listening. */
  on<E extends keyof BrokerEvents>(event: E, listener: BrokerEvents[E]): () => void;
  /** Refuses new messages, rejects pending requests with `cancelled`, waits for mailboxes to drain. */
  close(): Promise<void>;
}
