// What a role is, and the default role every other role falls back to for messages it does not know.
import type { MessagingError } from 'airssys:core/errors@1.0.0';
import type { HealthStatus, Message } from 'airssys:core/types@1.0.0';
import { text, utf8 } from './host.js';

/** The `outcome` of `handle-callback`. */
export type Outcome = { tag: 'ok'; val: Uint8Array } | { tag: 'err'; val: MessagingError };

/** One behaviour of the `ts-actor` binary; its state lives as long as the instance. */
export interface Role {
  /** Reported by `metadata` as the component's name. */
  name: string;
  description: string;
  /** `handle-message`: the reply, or undefined for none. */
  message(msg: Message): Uint8Array | undefined;
  /** `handle-callback`; ignored when absent. */
  callback?(correlationId: string, outcome: Outcome): void;
  /** `health`; `healthy` when absent. */
  health?(): HealthStatus;
}

/** `ping` → `pong`; anything else comes back reversed (by code point). */
export function fallback(msg: Message): Uint8Array {
  const body = text(msg.payload);
  return utf8(body === 'ping' ? 'pong' : [...body].reverse().join(''));
}

/** The role of a component whose name matches no other role. */
export function createDefault(): Role {
  return {
    name: 'default',
    description: 'Answers ping with pong and echoes anything else reversed',
    message: fallback,
  };
}

/** Splits `<head>:<rest>` at the first `:`; undefined when there is none. */
export function splitOnce(body: string): [string, string] | undefined {
  const at = body.indexOf(':');
  return at < 0 ? undefined : [body.slice(0, at), body.slice(at + 1)];
}
