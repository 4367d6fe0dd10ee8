import { createManualClock, type MessageEnvelope } from '@airssys/core';
import type { BrokerOptions, HandlerErrorEvent } from '../src/index.js';
import { createBroker } from '../src/index.js';

/** Bytes from numbers. */
export const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** A broker on a manual clock that records handler errors. */
export function setup(options: BrokerOptions = {}) {
  const clock = createManualClock(1_000);
  const broker = createBroker({ clock, scheduler: clock, ...options });
  const errors: HandlerErrorEvent[] = [];
  broker.on('handler-error', (event) => void errors.push(event));
  return { clock, broker, errors };
}

/** A handler that records every envelope it gets. */
export function recorder() {
  const seen: MessageEnvelope[] = [];
  const handler = (envelope: MessageEnvelope): undefined => {
    seen.push(envelope);
    return undefined;
  };
  return { seen, handler };
}

/** Lets queued microtasks and mailbox turns run (no timers involved). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
