import type { MessageEnvelope } from '@airssys/core';
import { MessagingError } from '../errors.js';
import type { DeliveryResult, Transport, TransportReceiver } from '../types.js';

/**
 * Creates the default transport: `deliver` calls the receiver synchronously in the same process, so the
 * sender learns at once whether the mailbox accepted the message.
 */
export function createInProcessTransport(): Transport {
  let receiver: TransportReceiver | undefined;
  let disposed = false;

  const refuse = (address: string, why: string): DeliveryResult => ({
    ok: false,
    error: new MessagingError('not-found', `no receiver for \`${address}\`: ${why}`, {
      componentId: address,
    }),
  });

  return {
    name: 'in-process',
    deliver(address: string, envelope: MessageEnvelope): DeliveryResult {
      if (disposed) return refuse(address, 'the in-process transport is disposed');
      if (receiver === undefined) return refuse(address, 'nothing listens on the in-process transport');
      return receiver(address, envelope);
    },
    onMessage(next) {
      receiver = next;
    },
    dispose() {
      disposed = true;
      receiver = undefined;
    },
  };
}
