import { systemClock } from './clock.js';
import type { Clock } from './contracts.js';
import { describeValue, InvalidEnvelopeError } from './errors.js';

/** How a message travels: to one component, as a request or its reply, to a topic, or to everyone. */
export type MessageKind = 'send' | 'request' | 'reply' | 'publish' | 'broadcast';

/** Every message kind. */
export const MESSAGE_KINDS: readonly MessageKind[] = Object.freeze([
  'send',
  'request',
  'reply',
  'publish',
  'broadcast',
]);

/**
 * One message between components. `send`, `request` and `reply` have `to`; `publish` has `topic`;
 * `request` and `reply` share a `correlationId`; `broadcast` goes to every component.
 */
export interface MessageEnvelope {
  /** Unique per process, see {@link createIdGenerator}. */
  readonly id: string;
  readonly kind: MessageKind;
  /** Sender's component id in string form, or `host`. */
  readonly from: string;
  /** Receiver's component id in string form. */
  readonly to?: string | undefined;
  /** `.`-separated topic of a `publish`. */
  readonly topic?: string | undefined;
  readonly payload: Uint8Array;
  /** Ties a `reply` to its `request`. */
  readonly correlationId?: string | undefined;
  /** Where the reply to a `request` goes; defaults to `from`. */
  readonly replyTo?: string | undefined;
  /** Small string metadata such as a trace id or content type. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Milliseconds since the Unix epoch when the envelope was created. */
  readonly timestamp: number;
}

/** Fields of {@link createEnvelope}; `id`, `timestamp`, `payload` and a request's `correlationId` are filled in. */
export interface EnvelopeInput {
  kind: MessageKind;
  from: string;
  to?: string | undefined;
  topic?: string | undefined;
  /** @default an empty payload */
  payload?: Uint8Array | undefined;
  correlationId?: string | undefined;
  replyTo?: string | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  id?: string | undefined;
  timestamp?: number | undefined;
}

/** Options of {@link createEnvelope}. */
export interface CreateEnvelopeOptions {
  /** Source of `timestamp`. @default systemClock */
  clock?: Pick<Clock, 'now'>;
  /** Source of `id` and of a request's `correlationId`. @default nextMessageId */
  generateId?: () => string;
}

/**
 * Creates a cheap id generator: one random prefix per generator plus a base-36 counter (`k3x9q2ab-1f`).
 * Ids are unique within a process; give each host its own prefix when messages cross hosts.
 */
export function createIdGenerator(prefix?: string): () => string {
  const head = prefix ?? Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  let counter = 0;
  return () => {
    counter += 1;
    return `${head}-${counter.toString(36)}`;
  };
}

/** The process-wide default id generator. */
export const nextMessageId: () => string = createIdGenerator();

const EMPTY = new Uint8Array(0);

function fail(key: string, value: unknown, expected: string): never {
  const message = `Expected envelope \`${key}\` to be ${expected}, got \`${describeValue(value)}\`.`;
  throw new InvalidEnvelopeError(message, { key, value });
}

function checkText(key: string, value: unknown, required: boolean, kind: MessageKind): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || value.length === 0) {
    fail(key, value, required ? `a non-empty string for a \`${kind}\`` : 'a non-empty string when given');
  }
}

function checkAbsent(key: string, value: unknown, kind: MessageKind): void {
  if (value !== undefined) fail(key, value, `absent for a \`${kind}\``);
}

/**
 * Builds a {@link MessageEnvelope}, checking the fields its kind requires; throws {@link InvalidEnvelopeError}.
 * @example createEnvelope({ kind: 'send', from: 'acme/a', to: 'acme/b', payload: bytes })
 */
export function createEnvelope(input: EnvelopeInput, options: CreateEnvelopeOptions = {}): MessageEnvelope {
  const { kind } = input;
  if (!MESSAGE_KINDS.includes(kind))
    fail('kind', kind, 'one of `send`, `request`, `reply`, `publish`, `broadcast`');
  const generateId = options.generateId ?? nextMessageId;
  const direct = kind === 'send' || kind === 'request' || kind === 'reply';
  checkText('from', input.from, true, kind);
  checkText('to', input.to, direct, kind);
  if (!direct) checkAbsent('to', input.to, kind);
  checkText('topic', input.topic, kind === 'publish', kind);
  if (kind !== 'publish') checkAbsent('topic', input.topic, kind);
  checkText('correlationId', input.correlationId, kind === 'reply', kind);
  checkText('replyTo', input.replyTo, false, kind);
  if (kind !== 'request') checkAbsent('replyTo', input.replyTo, kind);
  if (input.payload !== undefined && !(input.payload instanceof Uint8Array)) {
    fail('payload', input.payload, 'a Uint8Array');
  }
  const timestamp = input.timestamp ?? (options.clock ?? systemClock).now();
  if (!Number.isFinite(timestamp)) fail('timestamp', timestamp, 'a finite number of milliseconds');

  return Object.freeze({
    id: input.id ?? generateId(),
    kind,
    from: input.from,
    to: input.to,
    topic: input.topic,
    payload: input.payload ?? EMPTY,
    correlationId: kind === 'request' ? (input.correlationId ?? generateId()) : input.correlationId,
    replyTo: kind === 'request' ? (input.replyTo ?? input.from) : undefined,
    headers: input.headers,
    timestamp,
  });
}

/** Builds the `reply` to a `request`: addressed to its `replyTo` with the same `correlationId`. */
export function createReply(
  request: MessageEnvelope,
  reply: { from: string; payload?: Uint8Array | undefined; headers?: Readonly<Record<string, string>> },
  options: CreateEnvelopeOptions = {},
): MessageEnvelope {
  if (request.kind !== 'request') fail('kind', request.kind, 'a `request` to reply to');
  return createEnvelope(
    {
      kind: 'reply',
      from: reply.from,
      to: request.replyTo ?? request.from,
      correlationId: request.correlationId,
      payload: reply.payload,
      headers: reply.headers,
    },
    options,
  );
}

/** True when `value` has the shape of a {@link MessageEnvelope}. */
export function isMessageEnvelope(value: unknown): value is MessageEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.id === 'string' &&
    MESSAGE_KINDS.includes(e.kind as MessageKind) &&
    typeof e.from === 'string' &&
    e.payload instanceof Uint8Array &&
    typeof e.timestamp === 'number'
  );
}
