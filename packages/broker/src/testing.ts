import { createEnvelope, type EnvelopeInput, type MessageEnvelope } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { createBroker } from './broker.js';
import { MessagingError } from './errors.js';
import { ERROR_DETAIL_HEADER, ERROR_KIND_HEADER } from './reply.js';
import type { DeliveryResult, Transport } from './types.js';

/** Options of {@link testTransport}. */
export interface TestTransportOptions {
  /** Waits until deliveries made so far have arrived. @default a few event-loop turns */
  settle?: () => Promise<void>;
  /** False for a transport whose `deliver` cannot know the receiver's answer (it reports only hand-off). @default true */
  relaysRefusals?: boolean;
}

const turns = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** A distinct envelope for conformance tests; `n` makes it unique. */
export function sampleEnvelope(n: number, input: Partial<EnvelopeInput> = {}): MessageEnvelope {
  return createEnvelope({
    kind: 'send',
    from: 'test/sender',
    to: 'test/receiver',
    payload: Uint8Array.from([n & 0xff, (n >> 8) & 0xff, 7]),
    headers: { n: String(n) },
    ...input,
  } as EnvelopeInput);
}

const plain = (e: MessageEnvelope) => ({ ...e, payload: Array.from(e.payload) });

/**
 * The conformance suite every broker transport passes: loopback delivery with the address beside the
 * envelope, every kind and header intact, order, refusals, replacement of the receiver, dispose, and a broker
 * round trip over it. `create` is called once per test and must return a fresh transport.
 * @example testTransport('in-process', () => createInProcessTransport());
 */
export function testTransport(
  name: string,
  create: () => Transport | Promise<Transport>,
  options: TestTransportOptions = {},
): void {
  const settle = options.settle ?? turns;

  const listen = async () => {
    const transport = await create();
    const seen: [string, MessageEnvelope][] = [];
    transport.onMessage((address, envelope) => {
      seen.push([address, envelope]);
      return { ok: true };
    });
    return { transport, seen };
  };

  describe(`transport conformance: ${name}`, () => {
    it('has a name', async () => {
      const transport = await create();
      expect(transport.name).toMatch(/\S/);
      await transport.dispose?.();
    });

    it('delivers each envelope with its address and every field intact', async () => {
      const { transport, seen } = await listen();
      const envelopes = [
        sampleEnvelope(1),
        sampleEnvelope(2, { kind: 'request', correlationId: 'c-2' }),
        sampleEnvelope(3, { kind: 'publish', to: undefined, topic: 'orders.eu.created' }),
        sampleEnvelope(4, { kind: 'broadcast', to: undefined }),
        sampleEnvelope(5, {
          kind: 'reply',
          correlationId: 'c-2',
          headers: { [ERROR_KIND_HEADER]: 'target-crashed', [ERROR_DETAIL_HEADER]: 'boom' },
        }),
      ];
      for (const envelope of envelopes) expect(transport.deliver('test/receiver', envelope).ok).toBe(true);
      await settle();
      expect(seen.map(([address]) => address)).toEqual(envelopes.map(() => 'test/receiver'));
      expect(seen.map(([, e]) => plain(e))).toEqual(envelopes.map(plain));
      await transport.dispose?.();
    });

    it('keeps the order of many deliveries to one address', async () => {
      const { transport, seen } = await listen();
      for (let n = 0; n < 1000; n++) transport.deliver('test/receiver', sampleEnvelope(n));
      await settle();
      expect(seen.map(([, e]) => e.headers?.n)).toEqual(Array.from({ length: 1000 }, (_, n) => String(n)));
      await transport.dispose?.();
    });

    it.skipIf(options.relaysRefusals === false)('returns the receiver refusal to the sender', async () => {
      const transport = await create();
      const refusal: DeliveryResult = { ok: false, error: new MessagingError('queue-full', 'full') };
      transport.onMessage(() => refusal);
      const result = transport.deliver('test/receiver', sampleEnvelope(1));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe('queue-full');
      await transport.dispose?.();
    });

    it('gives envelopes to the latest receiver only', async () => {
      const { transport, seen } = await listen();
      const second: MessageEnvelope[] = [];
      transport.onMessage((_address, envelope) => {
        second.push(envelope);
        return { ok: true };
      });
      transport.deliver('test/receiver', sampleEnvelope(1));
      await settle();
      expect(seen).toEqual([]);
      expect(second).toHaveLength(1);
      await transport.dispose?.();
    });

    it('refuses deliveries after dispose', async () => {
      const { transport, seen } = await listen();
      if (transport.dispose === undefined) return;
      await transport.dispose();
      expect(transport.deliver('test/receiver', sampleEnvelope(1)).ok).toBe(false);
      await settle();
      expect(seen).toEqual([]);
    });

    it('carries a broker request and its reply', async () => {
      const broker = createBroker({ transport: await create() });
      broker.register('test/echo', (m) => Uint8Array.from([...m.payload, 42]));
      const { reply } = broker.request('test/asker', 'test/echo', Uint8Array.from([1]), { timeoutMs: 5000 });
      expect(Array.from(await reply)).toEqual([1, 42]);
      await broker.close();
    });
  });
}
