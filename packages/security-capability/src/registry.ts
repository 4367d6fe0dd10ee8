import {
  type AuditEvent,
  type CapabilityKind,
  type CapabilityRequest,
  componentKey,
  isAirssysError,
  parseComponentId,
  systemClock,
} from '@airssys/core';
import { DecisionCache } from './decision-cache.js';
import { CapabilityDeniedError, showValue } from './errors.js';
import {
  type ActionRules,
  actionList,
  CAPABILITY_KINDS,
  compileGrant,
  formatGrant,
  rulesOf,
} from './grant.js';
import type { CapabilityCheck, CapabilityRegistry, CapabilityRegistryOptions, Grant } from './types.js';

/** Resources longer than this are decided but not cached, so the cache's memory stays bounded. */
const MAX_CACHED_RESOURCE = 512;

interface CompiledGrant {
  readonly match: (resource: string) => boolean;
  /** The decision returned whenever this grant matches, built once. */
  readonly allow: CapabilityCheck;
}

interface Entry {
  readonly id: string;
  readonly grants: readonly Grant[];
  /** Action slot → bucket → grants indexed under that bucket. */
  readonly index: (Map<string, CompiledGrant[]> | undefined)[];
  readonly cache: DecisionCache<CapabilityCheck>;
}

const deny = (reason: string): CapabilityCheck => Object.freeze({ allowed: false, reason });

function buildEntry(id: string, grants: readonly Grant[], cacheSize: number): Entry {
  if (!Array.isArray(grants)) throw new TypeError('Expected `grants` to be an array of grants.');
  const index: (Map<string, CompiledGrant[]> | undefined)[] = [];
  const kept: Grant[] = [];
  for (const input of grants as readonly Grant[]) {
    const original = typeof input.original === 'string' ? input.original : `${input.action}:${input.pattern}`;
    const { grant, compiled, rules } = compileGrant(input.kind, input.action, input.pattern, original);
    kept.push(grant);
    let buckets = index[rules.slot];
    if (buckets === undefined) {
      buckets = new Map();
      index[rules.slot] = buckets;
    }
    const list = buckets.get(compiled.bucket);
    const reason = `Granted by \`${grant.kind}\` capability \`${grant.original}\`.`;
    const entry = { match: compiled.match, allow: Object.freeze({ allowed: true, reason, grant }) };
    if (list === undefined) buckets.set(compiled.bucket, [entry]);
    else list.push(entry);
  }
  return { id, grants: Object.freeze(kept), index, cache: new DecisionCache(cacheSize) };
}

function decide(entry: Entry, kind: string, action: string, rules: ActionRules, resource: string) {
  let normalised: string;
  try {
    normalised = rules.normalise(resource);
  } catch (error) {
    return deny(isAirssysError(error) ? error.message : `Resource \`${showValue(resource)}\` is refused.`);
  }
  const buckets = entry.index[rules.slot];
  if (buckets !== undefined) {
    for (const bucket of rules.buckets(normalised)) {
      const list = buckets.get(bucket);
      if (list === undefined) continue;
      for (const candidate of list) {
        if (candidate.match(normalised)) return candidate.allow;
      }
    }
  }
  return deny(`No \`${kind}\` grant for \`${action}\` matches \`${showValue(normalised)}\`.`);
}

function badRequest(kind: unknown, action: unknown): CapabilityCheck {
  if (typeof kind !== 'string' || !CAPABILITY_KINDS.includes(kind as CapabilityKind)) {
    return deny(`\`${showValue(kind)}\` is not a capability kind (${CAPABILITY_KINDS.join(', ')}).`);
  }
  const actions = actionList(kind as CapabilityKind);
  return deny(`\`${showValue(action)}\` is not a \`${kind}\` action (${actions}); it grants nothing.`);
}

/**
 * Creates the capability registry: compiled grants per component, deny by default, a bounded decision cache
 * per component, and an audit record for every check.
 * @example createCapabilityRegistry().check('acme/intake', { kind: 'network', action: 'outbound', resource: 'api.example.com:443' })
 */
export function createCapabilityRegistry(options: CapabilityRegistryOptions = {}): CapabilityRegistry {
  const entries = new Map<string, Entry>();
  const { audit, clock = systemClock } = options;
  const auditAllowed = options.auditAllowed ?? true;
  const cacheSize = Math.max(0, Math.floor(options.cacheSize ?? 1024));
  const onAuditError =
    options.onAuditError ??
    ((error: unknown) =>
      process.emitWarning(`Capability audit failed: ${String(error)}`, 'AirssysAuditWarning'));

  const emit = (event: AuditEvent): void => {
    if (audit === undefined) return;
    try {
      const result = typeof audit === 'function' ? audit(event) : audit.write([event]);
      if (result instanceof Promise) result.catch((error: unknown) => onAuditError(error, event));
    } catch (error) {
      onAuditError(error, event);
    }
  };

  const record = (component: string, request: CapabilityRequest, decision: CapabilityCheck): void => {
    if (audit === undefined || (decision.allowed && !auditAllowed)) return;
    const kind = String(request?.kind);
    emit({
      time: clock.now(),
      component,
      category: 'capability',
      action: `${kind}:${String(request?.action)}`,
      resource: typeof request?.resource === 'string' ? request.resource : showValue(request?.resource),
      decision: decision.allowed ? 'allowed' : 'denied',
      reason: decision.reason,
      details: decision.grant === undefined ? { kind } : { kind, grant: formatGrant(decision.grant) },
    });
  };

  const lookup = (componentId: string): Entry | undefined => {
    const direct = entries.get(componentId);
    if (direct !== undefined || typeof componentId !== 'string') return direct;
    try {
      return entries.get(componentKey(parseComponentId(componentId)));
    } catch {
      return undefined;
    }
  };

  const check = (componentId: string, request: CapabilityRequest): CapabilityCheck => {
    const entry = lookup(componentId);
    const shown = typeof componentId === 'string' ? componentId : showValue(componentId);
    if (entry === undefined) {
      const decision = deny(`Component \`${showValue(componentId)}\` has no registered capabilities.`);
      record(shown, request, decision);
      return decision;
    }
    const { kind, action, resource } = request ?? ({} as CapabilityRequest);
    const rules = rulesOf(kind, action);
    if (rules === undefined || typeof resource !== 'string') {
      const decision =
        rules === undefined
          ? badRequest(kind, action)
          : deny('The resource must be a string; it grants nothing.');
      record(shown, request, decision);
      return decision;
    }
    let decision = entry.cache.get(resource, rules.slot);
    if (decision === undefined) {
      decision = decide(entry, kind, action, rules, resource);
      if (resource.length <= MAX_CACHED_RESOURCE) entry.cache.set(resource, rules.slot, decision);
    }
    if (audit !== undefined) record(shown, request, decision);
    return decision;
  };

  const registered = (componentId: string, action: 'register' | 'revoke', grants: readonly Grant[]) =>
    emit({
      time: clock.now(),
      component: componentId,
      category: 'capability',
      action,
      decision: 'info',
      details: { capabilities: grants.map(formatGrant) },
    });

  return {
    name: 'capability-registry',
    register(componentId, grants) {
      const id = componentKey(parseComponentId(componentId));
      const entry = buildEntry(id, grants, cacheSize);
      entries.set(id, entry);
      registered(id, 'register', entry.grants);
    },
    revoke(componentId) {
      const entry = lookup(componentId);
      if (entry === undefined) return false;
      entries.delete(entry.id);
      registered(entry.id, 'revoke', entry.grants);
      return true;
    },
    has: (componentId) => lookup(componentId) !== undefined,
    grants: (componentId) => lookup(componentId)?.grants ?? [],
    check,
    require(componentId, request) {
      const decision = check(componentId, request);
      if (decision.grant !== undefined) return decision.grant;
      throw new CapabilityDeniedError({
        componentId: lookup(componentId)?.id ?? showValue(componentId),
        kind: showValue(request?.kind),
        action: showValue(request?.action),
        resource: showValue(request?.resource),
        reason: decision.reason,
      });
    },
    dispose() {
      entries.clear();
    },
  };
}
