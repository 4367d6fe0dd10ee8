import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createActorSystem, createHostImports } from '@airssys/actor';
import { createAuditLogger, createJsonlSink, createMemorySink } from '@airssys/audit';
import { createBroker } from '@airssys/broker';
import { createConsoleLogger, systemClock, type TrustLevel } from '@airssys/core';
import { createQuotaLedger } from '@airssys/quota';
import { createRuntime } from '@airssys/runtime';
import { canonicalCapabilities, createCapabilityRegistry } from '@airssys/security-capability';
import {
  createApprovalWorkflow,
  createSqliteApprovalStore,
  createTrustEvaluator,
  loadTrustConfig,
} from '@airssys/security-trust';
import { createSqliteStorage, scopeStorage } from '@airssys/storage';
import { EventEmitter } from 'eventemitter3';
import { HostError } from './errors.js';
import {
  assertAirssysComponent,
  awaitDecision,
  denied,
  grantsFromCanonical,
  readSpawnInput,
  type SpawnRequest,
} from './spawn.js';
import type { ComponentSummary, Host, HostEvents, HostOptions, SpawnInput, SpawnOptions } from './types.js';

interface Running {
  trust: TrustLevel;
  isolation: 'inline' | 'worker';
  granted: readonly string[];
  metadata?: { name: string; version: string; description: string };
}

/** Create a host with embedded defaults: everything lives under `dataDir` (default `./.airssys`). */
export async function createHost(options: HostOptions = {}): Promise<Host> {
  const dataDir = resolve(options.dataDir ?? '.airssys');
  mkdirSync(dataDir, { recursive: true });
  const logger = options.logger ?? createConsoleLogger({ name: 'airssys' });
  // First, so bad runtime options fail before any file or database is opened.
  const runtime = createRuntime({
    cacheDir: options.cacheDir ?? join(dataDir, 'cache'),
    warmWorkers: options.warmWorkers,
    memoryPoolBytes: options.memoryPoolBytes,
    log: (line) => logger.info(line),
  });
  const clock = systemClock;
  const events = new EventEmitter<HostEvents>();

  const memory = createMemorySink({ capacity: options.auditMemory ?? 10_000 });
  const auditPath = join(dataDir, 'audit', 'audit.jsonl');
  const audit = createAuditLogger({ sinks: [memory, createJsonlSink({ path: auditPath })] });
  const trustConfig =
    typeof options.trust === 'object'
      ? options.trust
      : loadTrustConfig(options.trust ?? join(dataDir, 'trust.toml'));
  const trust = createTrustEvaluator({ config: trustConfig, audit, logger });
  const approvalStore = createSqliteApprovalStore({ dataDir });
  const workflow = createApprovalWorkflow({ store: approvalStore, audit, logger });
  const capabilities = createCapabilityRegistry({
    audit,
    auditAllowed: options.auditAllowed === 'all' ? true : 'first',
  });
  const ledger = createQuotaLedger({ audit });
  const storage = createSqliteStorage({ dataDir });
  const broker = createBroker();
  const system = createActorSystem({
    broker,
    logger,
    supervisor: { strategy: 'one-for-one', intensity: options.restarts },
  });
  system.on('state-changed', (e) => events.emit('component-state', e));
  system.on('failed', (e) => {
    audit.append({
      component: e.id,
      category: 'lifecycle',
      action: 'fail',
      decision: 'info',
      reason: String(e.error),
    });
    events.emit('component-failed', e);
  });
  system.on('restarted', (e) => {
    audit.append({ component: e.id, category: 'lifecycle', action: 'restart', decision: 'info' });
    events.emit('component-restarted', e);
  });
  system.on('escalated', (e) => events.emit('escalated', e));
  system.on('given-up', ({ id }) => {
    audit.append({
      component: id,
      category: 'lifecycle',
      action: 'give-up',
      decision: 'info',
      reason: 'its supervisor gave up on it; its mailbox is closed until it is stopped and spawned again',
    });
    events.emit('component-given-up', { id });
  });
  system.on('health-changed', ({ id, previous, current }) => {
    audit.append({
      component: id,
      category: 'lifecycle',
      action: 'health',
      decision: 'info',
      reason: `${previous} → ${current}`,
    });
    events.emit('component-health', { id, previous, current });
  });

  const running = new Map<string, Running>();
  const charged = new Set<string>();
  const spawning = new Set<string>();
  let stopped = false;
  // Settles (rejecting) when the host stops, so spawns still waiting for a person end with `HOST_STOPPED`.
  const stopping = (() => {
    let reject!: (error: unknown) => void;
    const promise = new Promise<never>((_, rej) => {
      reject = rej;
    });
    promise.catch(() => {});
    return { promise, reject };
  })();
  const directory = {
    list: () => [...running.keys()],
    metadata: (id: string) => running.get(id)?.metadata,
  };

  function alive(): void {
    if (stopped) throw new HostError('HOST_STOPPED', 'The host is stopping; it accepts no new components.');
  }

  async function spawn(input: SpawnInput, spawnOptions: SpawnOptions = {}): Promise<ComponentSummary> {
    alive();
    const request = await readSpawnInput(input);
    alive();
    const { manifest } = request;
    const id = manifest.component.id;
    // One spawn per id at a time, and none over a running component: its grants and quota must stay untouched.
    if (running.has(id) || spawning.has(id)) {
      throw new HostError(
        'COMPONENT_EXISTS',
        running.has(id) && system.lookup(id)?.state === 'terminated'
          ? `Component \`${id}\` was given up by its supervisor; \`stopComponent\` it before spawning it again.`
          : `Component \`${id}\` is already ${running.has(id) ? 'running' : 'being spawned'}; stop it first.`,
        { componentId: id },
      );
    }
    spawning.add(id);
    try {
      return await spawnClaimed(request, id, spawnOptions);
    } finally {
      spawning.delete(id);
    }
  }

  async function spawnClaimed(
    request: SpawnRequest,
    id: string,
    spawnOptions: SpawnOptions,
  ): Promise<ComponentSummary> {
    const { manifest } = request;
    const hash = createHash('sha256').update(request.wasm).digest('hex');
    const decision = trust.determine({
      componentId: id,
      hash,
      manifest: request.manifestText,
      source: request.source,
      signature: request.signature,
    });
    let record = workflow.request({
      componentId: id,
      name: id,
      version: manifest.component.version,
      wasmHash: hash,
      capabilities: canonicalCapabilities(manifest),
      trustLevel: decision.level,
      reason: decision.reason,
    });
    if (record.state === 'denied') throw denied(record);
    if (record.state === 'pending' || record.state === 'reviewing') {
      // Listen before telling anyone: a listener may approve or deny right inside the event.
      const decided = awaitDecision(workflow, record);
      events.emit('approval-pending', { record });
      record = await Promise.race([decided, stopping.promise]);
    }
    const granted =
      record.state === 'approved' || record.granted.length > 0 ? record.granted : record.requested;
    const trusted = decision.level === 'trusted';
    const wanted = manifest.limits.isolation ?? 'auto';
    const isolation = wanted === 'worker' || !trusted ? 'worker' : 'inline';
    if (wanted === 'inline' && !trusted) {
      audit.append({
        component: id,
        category: 'lifecycle',
        action: 'isolation',
        decision: 'denied',
        trustLevel: decision.level,
        reason: 'only trusted components run inline; this one runs in a worker',
      });
    }
    capabilities.register(id, grantsFromCanonical(granted));
    ledger.register(id, manifest.quotas);
    const quota = ledger.for(id);
    const scoped = scopeStorage(storage, id, { quota, chargeExisting: !charged.has(id) });
    try {
      const component = await runtime.load(request.wasm);
      alive();
      assertAirssysComponent(component, id);
      const actor = await system.spawn({
        id,
        component,
        instance: {
          isolation,
          limits: { memory: manifest.limits.memoryBytes, timeoutMs: manifest.limits.timeoutMs },
        },
        health: options.health,
        group: spawnOptions.group,
        policy: spawnOptions.policy,
        mailboxCapacity: options.mailboxCapacity,
        imports: () =>
          createHostImports({
            id,
            broker,
            capabilities,
            storage: scoped,
            quota,
            clock,
            logger,
            directory,
            callback: (correlationId, outcome) => {
              system
                .lookup(id)
                ?.callback(correlationId, outcome)
                .catch(() => {});
            },
          }),
      });
      // `subscribe:<pattern>` grants are subscriptions: the guest has no subscribe import, its manifest says it.
      for (const grant of granted) {
        if (grant.startsWith('messaging:subscribe:'))
          broker.subscribe(id, grant.slice('messaging:subscribe:'.length));
      }
      const entry: Running = { trust: decision.level, isolation, granted };
      running.set(id, entry);
      charged.add(id);
      entry.metadata = await actor.metadata().catch(() => undefined);
      audit.append({
        component: id,
        category: 'lifecycle',
        action: 'spawn',
        decision: 'allowed',
        trustLevel: decision.level,
        reason: `${isolation}; ${decision.reason}`,
      });
      return summary(id)!;
    } catch (error) {
      // Anything that failed after the actor came up (a subscription, the metadata call) takes it down again.
      if (system.lookup(id)) await system.stop(id).catch(() => {});
      running.delete(id);
      capabilities.revoke(id);
      ledger.unregister(id);
      audit.append({
        component: id,
        category: 'lifecycle',
        action: 'spawn',
        decision: 'denied',
        trustLevel: decision.level,
        reason: String(error),
      });
      throw error;
    }
  }

  function summary(id: string): ComponentSummary | undefined {
    const actor = system.lookup(id);
    const entry = running.get(id);
    if (!actor || !entry) return undefined;
    return {
      id,
      state: actor.state,
      trust: entry.trust,
      isolation: entry.isolation,
      restarts: actor.restarts,
      granted: entry.granted,
    };
  }

  return {
    dataDir,
    spawn,
    createGroup: (name, group) =>
      system.createGroup(name, {
        strategy: group.strategy,
        intensity: { maxRestarts: group.maxRestarts ?? 3, windowMs: group.windowMs ?? 5000 },
      }),
    approvals: {
      list: (filter) => workflow.list(filter),
      approve: (id, decision = {}) =>
        workflow.approve(id, {
          by: decision.by ?? 'operator',
          reason: decision.reason,
          narrow: decision.narrow,
        }),
      deny: (id, reason, by = 'operator') => workflow.deny(id, { by, reason }),
    },
    send(id, payload) {
      alive();
      const result = broker.send('host', id, payload);
      if (!result.ok) throw result.error;
    },
    request: (id, payload, opts = {}) => {
      try {
        alive();
      } catch (error) {
        return Promise.reject(error);
      }
      return broker.request('host', id, payload, { timeoutMs: opts.timeoutMs }).reply;
    },
    publish: (topic, payload) => {
      alive();
      return broker.publish('host', topic, payload);
    },
    components: () =>
      [...running.keys()].map((id) => summary(id)).filter((s): s is ComponentSummary => s !== undefined),
    async stopComponent(id) {
      if (!running.has(id))
        throw new HostError('COMPONENT_NOT_FOUND', `No component with id \`${id}\` is running.`, {
          componentId: id,
        });
      await system.stop(id);
      running.delete(id);
      capabilities.revoke(id);
      ledger.unregister(id);
      // A later spawn of the same id starts a fresh quota account: it must count what is stored again.
      charged.delete(id);
      audit.append({ component: id, category: 'lifecycle', action: 'stop', decision: 'info' });
    },
    audit: { query: (filter) => memory.query(filter), flush: () => audit.flush(), path: auditPath },
    on(event, listener) {
      events.on(event, listener as never);
      return () => void events.off(event, listener as never);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      stopping.reject(
        new HostError('HOST_STOPPED', 'The host stopped while the component waited for approval.'),
      );
      await system.shutdown();
      await broker.close();
      storage.dispose();
      approvalStore.dispose?.();
      audit.append({ component: 'host', category: 'lifecycle', action: 'stop', decision: 'info' });
      await audit.close();
    },
  };
}
