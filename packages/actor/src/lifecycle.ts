import type { MessageEnvelope } from '@airssys/core';

/** The interface every airssys component exports, without its version. */
export const LIFECYCLE_INTERFACE = 'airssys:core/component-lifecycle';

/** The guest exports of `airssys:core/component-lifecycle` (the version is resolved by the runtime). */
export const LIFECYCLE = {
  initialize: 'airssys:core/component-lifecycle#initialize',
  handleMessage: 'airssys:core/component-lifecycle#handle-message',
  handleCallback: 'airssys:core/component-lifecycle#handle-callback',
  metadata: 'airssys:core/component-lifecycle#metadata',
  health: 'airssys:core/component-lifecycle#health',
  shutdown: 'airssys:core/component-lifecycle#shutdown',
} as const;

/** The WIT `message` record a guest's `handle-message` receives for an envelope. */
export interface GuestMessage {
  sender: string;
  payload: Uint8Array;
  correlationId: string | undefined;
  topic: string | undefined;
}

/** Lower an envelope to the guest's `message`; only a request carries its correlation id (a reply is due). */
export function toGuestMessage(envelope: MessageEnvelope): GuestMessage {
  return {
    sender: envelope.from,
    payload: envelope.payload,
    correlationId: envelope.kind === 'request' ? envelope.correlationId : undefined,
    topic: envelope.topic,
  };
}

/** `{ a: 'b' }` → `[['a', 'b']]`, sorted, as `initialize` takes it. */
export function configEntries(config: Readonly<Record<string, string>> | undefined): [string, string][] {
  return Object.entries(config ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
