import { describe, expect, it } from 'vitest';
import {
  createEnvelope,
  createIdGenerator,
  createManualClock,
  createReply,
  InvalidEnvelopeError,
  isMessageEnvelope,
  nextMessageId,
} from '../src/index.js';

function thrown(fn: () => unknown): InvalidEnvelopeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvelopeError);
    expect((error as InvalidEnvelopeError).code).toBe('INVALID_ENVELOPE');
    return error as InvalidEnvelopeError;
  }
  throw new Error('expected a throw');
}

const bytes = new Uint8Array([1, 2, 3]);

describe('createIdGenerator', () => {
  it('yields distinct, increasing ids under one prefix', () => {
    const next = createIdGenerator('host1');
    expect([next(), next(), next()]).toEqual(['host1-1', 'host1-2', 'host1-3']);
  });

  it('gives separate generators separate random prefixes', () => {
    const a = createIdGenerator()();
    const b = createIdGenerator()();
    expect(a).toMatch(/^[a-z0-9]{8}-1$/);
    expect(a).not.toBe(b);
  });

  it('never repeats the default id within a process', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => nextMessageId()));
    expect(ids.size).toBe(10_000);
  });
});

describe('createEnvelope', () => {
  const options = { clock: createManualClock(1_700_000_000_000), generateId: createIdGenerator('t') };

  it('builds a send with an id and a timestamp from the clock', () => {
    const envelope = createEnvelope({ kind: 'send', from: 'acme/a', to: 'acme/b', payload: bytes }, options);
    expect(envelope).toMatchObject({
      kind: 'send',
      from: 'acme/a',
      to: 'acme/b',
      timestamp: 1_700_000_000_000,
    });
    expect(envelope.payload).toBe(bytes);
    expect(envelope.id).toMatch(/^t-/);
    expect(Object.isFrozen(envelope)).toBe(true);
  });

  it('gives a request a fresh correlation id and replies to the sender by default', () => {
    const request = createEnvelope({ kind: 'request', from: 'acme/a', to: 'acme/b' }, options);
    expect(request.correlationId).toMatch(/^t-/);
    expect(request.correlationId).not.toBe(request.id);
    expect(request.replyTo).toBe('acme/a');
    expect(request.payload.byteLength).toBe(0);
  });

  it('keeps a given correlation id and replyTo on a request', () => {
    const request = createEnvelope(
      { kind: 'request', from: 'acme/a', to: 'acme/b', correlationId: 'c1', replyTo: 'acme/inbox' },
      options,
    );
    expect(request).toMatchObject({ correlationId: 'c1', replyTo: 'acme/inbox' });
  });

  it('builds publishes and broadcasts without a receiver', () => {
    expect(createEnvelope({ kind: 'publish', from: 'acme/a', topic: 'orders.created' }).topic).toBe(
      'orders.created',
    );
    expect(createEnvelope({ kind: 'broadcast', from: 'host' }).to).toBeUndefined();
  });

  it('closes the loop with createReply', () => {
    const request = createEnvelope({ kind: 'request', from: 'acme/a', to: 'acme/b' }, options);
    const reply = createReply(request, { from: 'acme/b', payload: bytes }, options);
    expect(reply).toMatchObject({
      kind: 'reply',
      from: 'acme/b',
      to: 'acme/a',
      correlationId: request.correlationId,
    });
  });

  it('refuses to reply to something that is not a request', () => {
    const send = createEnvelope({ kind: 'send', from: 'acme/a', to: 'acme/b' });
    expect(thrown(() => createReply(send, { from: 'acme/b' })).message).toBe(
      'Expected envelope `kind` to be a `request` to reply to, got `send`.',
    );
  });

  it.each([
    [
      { kind: 'send', from: 'acme/a' },
      'Expected envelope `to` to be a non-empty string for a `send`, got `undefined`.',
    ],
    [
      { kind: 'request', from: '', to: 'x' },
      'Expected envelope `from` to be a non-empty string for a `request`, got ``.',
    ],
    [
      { kind: 'reply', from: 'a', to: 'b' },
      'Expected envelope `correlationId` to be a non-empty string for a `reply`, got `undefined`.',
    ],
    [
      { kind: 'publish', from: 'a' },
      'Expected envelope `topic` to be a non-empty string for a `publish`, got `undefined`.',
    ],
    [
      { kind: 'publish', from: 'a', topic: 't', to: 'b' },
      'Expected envelope `to` to be absent for a `publish`, got `b`.',
    ],
    [
      { kind: 'send', from: 'a', to: 'b', topic: 't' },
      'Expected envelope `topic` to be absent for a `send`, got `t`.',
    ],
    [
      { kind: 'send', from: 'a', to: 'b', replyTo: 'c' },
      'Expected envelope `replyTo` to be absent for a `send`, got `c`.',
    ],
    [
      { kind: 'shout', from: 'a' },
      'Expected envelope `kind` to be one of `send`, `request`, `reply`, `publish`, `broadcast`, got `shout`.',
    ],
    [
      { kind: 'send', from: 'a', to: 'b', payload: 'hi' },
      'Expected envelope `payload` to be a Uint8Array, got `hi`.',
    ],
    [
      { kind: 'send', from: 'a', to: 'b', timestamp: Number.NaN },
      'Expected envelope `timestamp` to be a finite number of milliseconds, got `NaN`.',
    ],
  ])('rejects %j', (input, message) => {
    expect(thrown(() => createEnvelope(input as never)).message).toBe(message);
  });
});

describe('isMessageEnvelope', () => {
  it('recognises envelopes and rejects look-alikes', () => {
    expect(isMessageEnvelope(createEnvelope({ kind: 'broadcast', from: 'host' }))).toBe(true);
    expect(isMessageEnvelope({ id: 'x', kind: 'send', from: 'a', payload: [1], timestamp: 0 })).toBe(false);
    expect(isMessageEnvelope(null)).toBe(false);
  });
});
