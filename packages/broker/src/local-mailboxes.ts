import {
  type CreateEnvelopeOptions,
  describeValue,
  formatComponentId,
  type MessageEnvelope,
  parseComponentId,
} from '@airssys/core';
import { AddressInUseError, MessagingError } from './errors.js';
import { createMailbox, type Mailbox } from './mailbox.js';
import { encodeReply } from './reply.js';
import type { DeliveryResult, HandlerErrorEvent, MessageHandler, RequestOutcome } from './types.js';

/** What the local mailboxes need from the broker around them. */
export interface LocalContext {
  readonly envelopeOptions: CreateEnvelopeOptions;
  /** Sends a reply envelope back toward the requester. */
  sendReply(address: string, reply: MessageEnvelope): void;
  handlerFailed(event: HandlerErrorEvent): void;
  /** An internal error with nowhere else to go. */
  report(error: unknown): void;
}

interface Entry {
  readonly mailbox: Mailbox<MessageEnvelope>;
}

/** The mailboxes registered on this broker, keyed by canonical address. */
export interface LocalMailboxes {
  add(
    address: string,
    handler: MessageHandler,
    capacity: number,
  ): { address: string; mailbox: Mailbox<MessageEnvelope> };
  /** Removes the mailbox at `address` if it is `mailbox`; false when another (or none) is there. */
  remove(address: string, mailbox: Mailbox<MessageEnvelope>): boolean;
  has(address: string): boolean;
  /** Offers an arriving envelope to the mailbox at `address`. */
  accept(address: string, envelope: MessageEnvelope): DeliveryResult;
  counters(): { registrations: number; queued: number; handled: number; handlerErrors: number };
  all(): Mailbox<MessageEnvelope>[];
}

/** `namespace/name` for any spelling of a component id, or undefined when it is not one. */
export function canonicalAddress(address: string): string | undefined {
  try {
    return formatComponentId(parseComponentId(address));
  } catch {
    return undefined;
  }
}

/** Creates the table of local mailboxes; each runs its handler one message at a time. */
export function createLocalMailboxes(context: LocalContext): LocalMailboxes {
  const entries = new Map<string, Entry>();
  let handled = 0;
  let handlerErrors = 0;

  const answer = (address: string, request: MessageEnvelope, outcome: RequestOutcome): void => {
    const reply = encodeReply(request, address, outcome, context.envelopeOptions);
    context.sendReply(request.replyTo ?? request.from, reply);
  };

  const crash = (address: string, envelope: MessageEnvelope, error: unknown): undefined => {
    handled += 1;
    handlerErrors += 1;
    context.handlerFailed({ address, envelope, error });
    if (envelope.kind === 'request') {
      const why = error instanceof Error ? error.message : describeValue(error);
      const detail = `\`${address}\` failed while handling the request: ${why}`;
      answer(address, envelope, { ok: false, error: new MessagingError('target-crashed', detail) });
    }
    return undefined;
  };

  const finish = (address: string, envelope: MessageEnvelope, value: unknown): undefined => {
    handled += 1;
    if (envelope.kind !== 'request') return undefined;
    if (value instanceof Uint8Array) {
      answer(address, envelope, { ok: true, payload: value });
      return undefined;
    }
    const error =
      value === undefined
        ? new MessagingError('target-crashed', `\`${address}\` handled the request without a reply`)
        : new MessagingError(
            'invalid-payload',
            `\`${address}\` replied with \`${describeValue(value)}\` instead of a Uint8Array`,
          );
    answer(address, envelope, { ok: false, error });
    return undefined;
  };

  const runner = (address: string, handler: MessageHandler) => (envelope: MessageEnvelope) => {
    let result: unknown;
    try {
      result = handler(envelope);
    } catch (error) {
      return crash(address, envelope, error);
    }
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => finish(address, envelope, value),
        (error: unknown) => crash(address, envelope, error),
      );
    }
    return finish(address, envelope, result);
  };

  const lookup = (address: string): Entry | undefined => {
    const entry = entries.get(address);
    if (entry !== undefined) return entry;
    const canonical = canonicalAddress(address);
    return canonical === undefined ? undefined : entries.get(canonical);
  };

  return {
    add(address, handler, capacity) {
      const canonical = formatComponentId(parseComponentId(address));
      if (entries.has(canonical)) throw new AddressInUseError(canonical);
      const mailbox = createMailbox(capacity, runner(canonical, handler), context.report);
      entries.set(canonical, { mailbox });
      return { address: canonical, mailbox };
    },
    remove(address, mailbox) {
      if (entries.get(address)?.mailbox !== mailbox) return false;
      return entries.delete(address);
    },
    has: (address) => lookup(address) !== undefined,
    accept(address, envelope) {
      const entry = lookup(address);
      if (entry === undefined) {
        const error = new MessagingError('not-found', `no component is registered at \`${address}\``, {
          componentId: address,
        });
        return { ok: false, error };
      }
      if (!entry.mailbox.offer(envelope)) {
        const detail = `the mailbox of \`${address}\` is full (${entry.mailbox.capacity} waiting)`;
        return { ok: false, error: new MessagingError('queue-full', detail, { componentId: address }) };
      }
      return { ok: true };
    },
    counters() {
      let queued = 0;
      for (const { mailbox } of entries.values()) queued += mailbox.size;
      return { registrations: entries.size, queued, handled, handlerErrors };
    },
    all: () => [...entries.values()].map((e) => e.mailbox),
  };
}
