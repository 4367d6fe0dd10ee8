import type { Broker, MessagingError } from '@airssys/broker';
import { type Clock, formatComponentId, type Logger, parseComponentId } from '@airssys/core';
import type { QuotaHandle } from '@airssys/quota';
import type { HostImports } from '@airssys/runtime';
import type { CapabilityRegistry } from '@airssys/security-capability';
import type { ScopedStorage } from '@airssys/storage';
import type { CallbackOutcome } from './types.js';
import { refuse, storageErrorCase, type WitVariant } from './wit-errors.js';

/** What a component can learn about the others (`list-components`, `get-component-metadata`). */
export interface ComponentDirectory {
  list(): string[];
  metadata(id: string): { name: string; version: string; description: string } | undefined;
}

/** Everything the host imports of one component are bound to; nothing is shared between components. */
export interface HostContext {
  /** The component id, `namespace/name`. */
  id: string;
  broker: Broker;
  capabilities: CapabilityRegistry;
  storage: ScopedStorage;
  quota?: QuotaHandle | undefined;
  clock: Clock;
  logger: Logger;
  directory: ComponentDirectory;
  /** Delivers a request's outcome to this component's `handle-callback`. */
  callback(correlationId: string, outcome: CallbackOutcome): void;
}

const LOG_LEVELS = { trace: 'debug', debug: 'debug', info: 'info', warn: 'warn', error: 'error' } as const;

/** Build the three host interfaces of the airssys world for one component, every call checked and bound. */
export function createHostImports(ctx: HostContext): HostImports {
  const myRequests = new Set<string>();
  let refusals = 0;
  const logger = ctx.logger.child({ component: ctx.id });

  function allow(kind: 'messaging' | 'storage', action: string, resource: string): void {
    const decision = ctx.capabilities.check(ctx.id, { kind, action, resource });
    if (!decision.allowed) refuse('denied', decision.reason);
  }
  function rate(): void {
    try {
      ctx.quota?.tryConsume('message-rate', 1);
    } catch (error) {
      refuse('rate-limited', (error as Error).message);
    }
  }
  function messaging(error: MessagingError): never {
    const wit = error.toWit() as WitVariant;
    return refuse(wit.tag, wit.val);
  }
  function store<T>(action: string, key: string, op: () => T): T {
    allow('storage', action, key);
    try {
      return op();
    } catch (error) {
      const wit = storageErrorCase(error);
      return refuse(wit.tag, wit.val);
    }
  }

  return {
    'airssys:core/host-messaging@1.0.0': {
      send(target: string, payload: Uint8Array) {
        allow('messaging', 'send', target);
        rate();
        const result = ctx.broker.send(ctx.id, target, payload);
        if (!result.ok) messaging(result.error);
      },
      request(target: string, payload: Uint8Array, timeoutMs: number) {
        // Every outcome of a request reaches the guest through `handle-callback`, refusals included
        // (DESIGN.md: the error arm carries timeouts, cancellations, a crashed target, or a denial).
        const refused = (wit: WitVariant) => {
          const correlationId = `${ctx.id}#refused-${++refusals}`;
          ctx.callback(correlationId, { tag: 'err', val: wit });
          return correlationId;
        };
        const decision = ctx.capabilities.check(ctx.id, {
          kind: 'messaging',
          action: 'request',
          resource: target,
        });
        if (!decision.allowed) return refused({ tag: 'denied', val: decision.reason });
        try {
          ctx.quota?.tryConsume('message-rate', 1);
        } catch (error) {
          return refused({ tag: 'rate-limited', val: (error as Error).message });
        }
        const started = ctx.broker.requestWithCallback(
          ctx.id,
          target,
          payload,
          (correlationId, outcome) => {
            myRequests.delete(correlationId);
            ctx.callback(
              correlationId,
              outcome.ok
                ? { tag: 'ok', val: outcome.payload }
                : { tag: 'err', val: outcome.error.toWit() as WitVariant },
            );
          },
          { timeoutMs: timeoutMs > 0 ? timeoutMs : undefined },
        );
        if (!started.ok) return refused(started.error.toWit() as WitVariant);
        myRequests.add(started.correlationId);
        return started.correlationId;
      },
      cancelRequest(correlationId: string) {
        // A component may cancel only its own requests; another's id is as good as unknown.
        if (!myRequests.has(correlationId)) refuse('not-found', `no pending request \`${correlationId}\``);
        const result = ctx.broker.cancel(correlationId);
        if (!result.ok) messaging(result.error);
      },
      broadcast(targets: string[], payload: Uint8Array) {
        for (const target of targets) allow('messaging', 'broadcast', target);
        for (let i = 0; i < targets.length; i++) rate();
        return ctx.broker.broadcast(ctx.id, targets, payload).delivered;
      },
      publish(topic: string, payload: Uint8Array) {
        allow('messaging', 'publish', topic);
        rate();
        try {
          ctx.broker.publish(ctx.id, topic, payload);
        } catch (error) {
          refuse('invalid-payload', (error as Error).message);
        }
      },
      selfId() {
        const { namespace, name, instance } = parseComponentId(ctx.id);
        return { namespace, name, instance };
      },
    },
    'airssys:core/host-services@1.0.0': {
      log(level: keyof typeof LOG_LEVELS, message: string) {
        logger[LOG_LEVELS[level] ?? 'info'](message);
      },
      currentTimeMs() {
        return BigInt(Math.floor(ctx.clock.now()));
      },
      listComponents() {
        return ctx.directory.list().map((id) => {
          const { namespace, name, instance } = parseComponentId(id);
          return { namespace, name, instance };
        });
      },
      getComponentMetadata(id: string) {
        try {
          return ctx.directory.metadata(formatComponentId(parseComponentId(id)));
        } catch {
          return undefined;
        }
      },
    },
    'airssys:core/storage@1.0.0': {
      get: (key: string) => store('read', key, () => ctx.storage.get(key)),
      set: (key: string, value: Uint8Array) => store('write', key, () => ctx.storage.set(key, value)),
      delete: (key: string) => store('delete', key, () => ctx.storage.delete(key)),
      exists: (key: string) => store('read', key, () => ctx.storage.exists(key)),
      listKeys(prefix: string) {
        const keys = store('list', prefix === '' ? '*' : prefix, () => ctx.storage.listKeys(prefix));
        return keys.filter(
          (key) => ctx.capabilities.check(ctx.id, { kind: 'storage', action: 'list', resource: key }).allowed,
        );
      },
      usage() {
        const usage = ctx.storage.usage();
        return { bytes: BigInt(usage.bytes), keys: BigInt(usage.keys) };
      },
    },
  };
}
