import {
  type CreateEnvelopeOptions,
  createEnvelope,
  createIdGenerator,
  describeValue,
  InvalidLimitsError,
  type MessageEnvelope,
  parseDuration,
  systemClock,
  systemScheduler,
} from '@airssys/core';
import { EventEmitter } from 'eventemitter3';
import {
  BrokerClosedError,
  MESSAGING_ERROR_KINDS,
  MessagingError,
  type MessagingErrorKind,
} from './errors.js';
import { createLocalMailboxes } from './local-mailboxes.js';
import { decodeReply } from './reply.js';
import { createRequestTable } from './requests.js';
import { createSubscriptionIndex } from './subscriptions.js';
import { validateTopic } from './topic-pattern.js';
import { createInProcessTransport } from './transports/in-process.js';
import type {
  BroadcastResult,
  Broker,
  BrokerEvents,
  BrokerOptions,
  DeliveryResult,
  PendingRequest,
  Rejection,
  RequestCallback,
  SendResult,
} from './types.js';

/** Default request timeout, in ms. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default number of messages a mailbox holds waiting. */
export const DEFAULT_MAILBOX_CAPACITY = 1024;
/** Default largest payload, in bytes. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

const OK: SendResult = Object.freeze({ ok: true });

function positiveInteger(key: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    const message = `Expected \`${key}\` to be a positive whole number, got \`${describeValue(value)}\`.`;
    throw new InvalidLimitsError(message, { key, value });
  }
  return value;
}

/**
 * Creates a broker over a transport (in-process by default).
 * @example const broker = createBroker(); broker.register('acme/b', (m) => m.payload); await broker.request('acme/a', 'acme/b', bytes).reply;
 */
export function createBroker(options: BrokerOptions = {}): Broker {
  const transport = options.transport ?? createInProcessTransport();
  const scheduler = options.scheduler ?? systemScheduler;
  const defaultTimeoutMs = parseDuration(options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS, {
    key: 'defaultTimeoutMs',
  });
  const defaultCapacity = positiveInteger(
    'mailboxCapacity',
    options.mailboxCapacity ?? DEFAULT_MAILBOX_CAPACITY,
  );
  const maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const envelopeOptions: CreateEnvelopeOptions = {
    clock: options.clock ?? systemClock,
    generateId: options.generateId ?? createIdGenerator(),
  };
  const events = new EventEmitter<BrokerEvents>();
  // Errors with no caller to return to (a listener or callback that threw) surface as uncaught, not lost.
  const report =
    options.onError ??
    ((error: unknown): void =>
      queueMicrotask(() => {
        throw error;
      }));
  const emit = <E extends keyof BrokerEvents>(event: E, ...args: Parameters<BrokerEvents[E]>): void => {
    try {
      (events.emit as (e: E, ...a: Parameters<BrokerEvents[E]>) => boolean)(event, ...args);
    } catch (error) {
      report(error);
    }
  };
  const rejected = Object.fromEntries(MESSAGING_ERROR_KINDS.map((k) => [k, 0])) as Record<
    MessagingErrorKind,
    number
  >;
  let accepted = 0;
  let lateReplies = 0;
  let closing: Promise<void> | undefined;

  const subscriptions = createSubscriptionIndex();
  const requests = createRequestTable(scheduler, report);
  const local = createLocalMailboxes({
    envelopeOptions,
    sendReply: (address, reply) => void transport.deliver(address, reply),
    handlerFailed: (event) => emit('handler-error', event),
    report,
  });

  transport.onMessage((address, envelope): DeliveryResult => {
    if (envelope.kind !== 'reply') return local.accept(address, envelope);
    const correlationId = envelope.correlationId ?? '';
    if (requests.settle(correlationId, decodeReply(envelope))) return OK;
    lateReplies += 1;
    emit('late-reply', envelope);
    const detail = `no request \`${correlationId}\` is waiting for a reply`;
    return { ok: false, error: new MessagingError('not-found', detail, { correlationId }) };
  });

  const refuse = (kind: MessagingErrorKind, detail: string, to?: string): SendResult => {
    rejected[kind] += 1;
    return { ok: false, error: new MessagingError(kind, detail, { componentId: to }) };
  };

  /** Refusal before an envelope is built: closed broker or oversized payload. */
  const precheck = (to: string | undefined, payload: Uint8Array): SendResult | undefined => {
    if (closing !== undefined) return refuse('cancelled', 'the broker is closed', to);
    if (payload instanceof Uint8Array && payload.byteLength > maxPayloadBytes) {
      const detail = `the payload has ${payload.byteLength} bytes, more than the ${maxPayloadBytes} allowed`;
      return refuse('invalid-payload', detail, to);
    }
    return undefined;
  };

  const deliver = (address: string, envelope: MessageEnvelope): SendResult => {
    const result = transport.deliver(address, envelope);
    if (result.ok) accepted += 1;
    else rejected[result.error.kind] += 1;
    return result;
  };

  /** Delivers one envelope to each target; a broker-wide refusal (closed, oversized) refuses every target. */
  const fanOut = (
    targets: readonly string[],
    payload: Uint8Array,
    build: () => MessageEnvelope,
  ): BroadcastResult => {
    const refused = precheck(undefined, payload);
    const envelope = refused === undefined ? build() : undefined;
    const results: SendResult[] = [];
    const rejections: Rejection[] = [];
    for (const address of targets) {
      const result = envelope === undefined ? refused! : deliver(address, envelope);
      results.push(result);
      if (!result.ok) rejections.push({ address, error: result.error });
    }
    return { delivered: targets.length - rejections.length, rejected: rejections, results };
  };

  const requestWithCallback: Broker['requestWithCallback'] = (from, to, payload, callback, opts = {}) => {
    const envelope = createEnvelope(
      { kind: 'request', from, to, payload, headers: opts.headers },
      envelopeOptions,
    );
    const correlationId = envelope.correlationId!;
    const refused = precheck(to, payload);
    if (refused?.ok === false) return { ok: false, correlationId, error: refused.error };
    if (opts.signal?.aborted) {
      const error = new MessagingError('cancelled', `request to \`${to}\` was aborted before it was sent`);
      return { ok: false, correlationId, error };
    }
    const timeoutMs = parseDuration(opts.timeoutMs ?? defaultTimeoutMs, { key: 'timeoutMs' });
    requests.open(correlationId, to, timeoutMs, callback, opts.signal);
    const result = deliver(to, envelope);
    if (result.ok) return { ok: true, correlationId };
    requests.discard(correlationId);
    return { ok: false, correlationId, error: result.error };
  };

  return {
    register(address, handler, opts = {}) {
      if (closing !== undefined) throw new BrokerClosedError(address);
      const capacity = positiveInteger('capacity', opts.capacity ?? defaultCapacity);
      const { address: canonical, mailbox } = local.add(address, handler, capacity);
      let done: Promise<void> | undefined;
      return {
        address: canonical,
        unregister() {
          if (done === undefined) {
            if (local.remove(canonical, mailbox)) subscriptions.removeAll(canonical);
            done = mailbox.idle();
          }
          return done;
        },
      };
    },
    has: (address) => local.has(address),
    send(from, to, payload) {
      const refused = precheck(to, payload);
      if (refused !== undefined) return refused;
      return deliver(to, createEnvelope({ kind: 'send', from, to, payload }, envelopeOptions));
    },
    request(from, to, payload, opts) {
      let resolve: (payload: Uint8Array) => void = () => {};
      let reject: (error: MessagingError) => void = () => {};
      const reply = new Promise<Uint8Array>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const settle: RequestCallback = (_id, outcome) =>
        outcome.ok ? resolve(outcome.payload) : reject(outcome.error);
      const start = requestWithCallback(from, to, payload, settle, opts);
      if (!start.ok) reject(start.error);
      return { correlationId: start.correlationId, reply } satisfies PendingRequest;
    },
    requestWithCallback,
    cancel(correlationId) {
      const error = new MessagingError('cancelled', `request \`${correlationId}\` was cancelled`, {
        correlationId,
      });
      if (requests.settle(correlationId, { ok: false, error })) return OK;
      const detail = `no request \`${correlationId}\` is pending`;
      return { ok: false, error: new MessagingError('not-found', detail, { correlationId }) };
    },
    publish(from, topic, payload) {
      validateTopic(topic);
      const build = () => createEnvelope({ kind: 'publish', from, topic, payload }, envelopeOptions);
      const { delivered, rejected: rejections } = fanOut(subscriptions.match(topic), payload, build);
      return { delivered, rejected: rejections };
    },
    subscribe: (address, pattern) => subscriptions.add(address, pattern),
    unsubscribe: (address, pattern) => subscriptions.remove(address, pattern),
    broadcast: (from, targets, payload) =>
      fanOut(targets, payload, () => createEnvelope({ kind: 'broadcast', from, payload }, envelopeOptions)),
    stats() {
      const { registrations, queued, handled, handlerErrors } = local.counters();
      return {
        registrations,
        subscriptions: subscriptions.size,
        pendingRequests: requests.size,
        queued,
        accepted,
        rejected: { ...rejected },
        handled,
        handlerErrors,
        lateReplies,
      };
    },
    on(event, listener) {
      events.on(event, listener as never);
      return () => void events.off(event, listener as never);
    },
    close() {
      closing ??= (async () => {
        requests.cancelAll('the broker is closing');
        await Promise.all(local.all().map((mailbox) => mailbox.idle()));
        await transport.dispose?.();
      })();
      return closing;
    },
  };
}
