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
  type BucketProbe,
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

/** The grants of one action slot, indexed by bucket. */
interface SlotIndex {
  readonly probe: BucketProbe;
  readonly buckets: (resource: string) => string[];
  /** Index key → grants of that bucket, in registration order (`host`: a `*.suffix` bucket is keyed `.suffix`). */
  readonly keys: Map<string, CompiledGrant[]>;
  /**
   * `lengths[n]` has the {@link signature} bit of each key of `n` characters set (bit 0 for ``): a candidate key
   * that no key shares length and first and last characters with is never sliced or looked up.
   */
  lengths: Int32Array;
  /**
   * For each grant pattern that its kind's normaliser returns unchanged (a literal like `api.example.com:443` or
   * `/etc/hosts`), the decision {@link find} gives for it, computed at registration. A resource equal to such a
   * pattern is already normal, so its decision is one lookup: exact, since `find` depends only on the normalised
   * resource and the slot's grants, which never change after registration.
   */
  readonly literals: Map<string, CapabilityCheck>;
}

interface Entry {
  readonly id: string;
  readonly grants: readonly Grant[];
  /** Action slot → its indexed grants. */
  readonly index: (SlotIndex | undefined)[];
  readonly cache: DecisionCache<CapabilityCheck>;
}

/** Longest text `showValue` returns unchanged when it holds no control character (`describeValue` shortens longer text). */
const SHOWN_AS_IS = 80;

const deny = (reason: string): CapabilityCheck => Object.freeze({ allowed: false, reason });

/** `kind:action:pattern` of the grant behind each allow decision, formatted once for audit events. */
const FORMATTED = new WeakMap<CapabilityCheck, string>();

function indexKey(probe: BucketProbe, bucket: string): string {
  return probe.kind === 'host' && bucket.startsWith('*') ? bucket.slice(1) : bucket;
}

function buildEntry(id: string, grants: readonly Grant[], cacheSize: number): Entry {
  if (!Array.isArray(grants)) throw new TypeError('Expected `grants` to be an array of grants.');
  const index: (SlotIndex | undefined)[] = [];
  const kept: Grant[] = [];
  for (const input of grants as readonly Grant[]) {
    const original = typeof input.original === 'string' ? input.original : `${input.action}:${input.pattern}`;
    const { grant, compiled, rules } = compileGrant(input.kind, input.action, input.pattern, original);
    kept.push(grant);
    let slot = index[rules.slot];
    if (slot === undefined) {
      slot = {
        probe: rules.probe,
        buckets: rules.buckets,
        keys: new Map(),
        lengths: new Int32Array(0),
        literals: new Map(),
      };
      index[rules.slot] = slot;
    }
    const key = indexKey(rules.probe, compiled.bucket);
    const list = slot.keys.get(key);
    const reason = `Granted by \`${grant.kind}\` capability \`${grant.original}\`.`;
    const allow: CapabilityCheck = Object.freeze({ allowed: true, reason, grant });
    FORMATTED.set(allow, formatGrant(grant));
    const entry = { match: compiled.match, allow };
    if (list === undefined) slot.keys.set(key, [entry]);
    else list.push(entry);
  }
  for (const slot of index) {
    if (slot === undefined) continue;
    let longest = 0;
    for (const key of slot.keys.keys()) longest = Math.max(longest, key.length);
    slot.lengths = new Int32Array(longest + 1);
    for (const key of slot.keys.keys()) slot.lengths[key.length]! |= signature(key, 0, key.length);
  }
  for (const grant of kept) {
    const rules = rulesOf(grant.kind, grant.action) as ActionRules;
    const slot = index[rules.slot] as SlotIndex;
    if (slot.literals.has(grant.pattern) || !normalisesToItself(rules, grant.pattern)) continue;
    const decision = find(slot, grant.pattern);
    if (decision !== undefined) slot.literals.set(grant.pattern, decision);
  }
  return { id, grants: Object.freeze(kept), index, cache: new DecisionCache(cacheSize) };
}

/** The bit of the key `text.slice(start, end)` in its length's mask: from its first and last character codes. */
function signature(text: string, start: number, end: number): number {
  return end === start ? 1 : 1 << ((text.charCodeAt(start) * 7 + text.charCodeAt(end - 1)) & 31);
}

/** The allow decision of the first grant of `list` that matches, in registration order. */
function firstMatch(
  list: readonly CompiledGrant[] | undefined,
  resource: string,
): CapabilityCheck | undefined {
  if (list === undefined) return undefined;
  for (let i = 0; i < list.length; i++) {
    const candidate = list[i]!;
    if (candidate.match(resource)) return candidate.allow;
  }
  return undefined;
}

/**
 * The first grant matching a normalised resource, visiting its buckets most specific first (the order of
 * `rules.buckets`) without building the list. Candidate keys are walked by length, longest first, reading
 * `lengths` and a few characters per length: a key is sliced and looked up only when some grant is indexed
 * under a key of that length, first and last character. (No `lastIndexOf`: V8 runs it as a slow runtime call.)
 */
function find(slot: SlotIndex, resource: string): CapabilityCheck | undefined {
  const { keys, lengths, probe } = slot;
  const size = lengths.length;
  const length = resource.length;
  let found: CapabilityCheck | undefined;
  if (probe.kind === 'ancestors') {
    // Buckets: the resource, each prefix ending just before a separator (but not empty), then ``.
    if (length < size && (lengths[length]! & signature(resource, 0, length)) !== 0) {
      found = firstMatch(keys.get(resource), resource);
      if (found !== undefined) return found;
    }
    const separator = probe.separator;
    for (let end = Math.min(length, size) - 1; end > 0; end--) {
      const mask = lengths[end]!;
      if (
        mask !== 0 &&
        resource.charCodeAt(end) === separator &&
        (mask & signature(resource, 0, end)) !== 0
      ) {
        found = firstMatch(keys.get(resource.slice(0, end)), resource);
        if (found !== undefined) return found;
      }
    }
    return length > 0 && lengths[0] !== 0 ? firstMatch(keys.get(''), resource) : undefined;
  }
  if (probe.kind === 'host') {
    // Buckets: the host, then each parent domain from its first `.` (keyed `.suffix` for `*.suffix`).
    let colon = length - 1;
    while (colon >= 0 && resource.charCodeAt(colon) !== 58) colon--;
    if (colon >= 0 && colon < size && (lengths[colon]! & signature(resource, 0, colon)) !== 0) {
      found = firstMatch(keys.get(resource.slice(0, colon)), resource);
      if (found !== undefined) return found;
    }
    if (resource.charCodeAt(0) === 91) return undefined; // `[`: IPv6 literals have no parent domains
    for (let suffix = Math.min(colon, size - 1); suffix > 0; suffix--) {
      const mask = lengths[suffix]!;
      const dot = colon - suffix;
      if (mask !== 0 && resource.charCodeAt(dot) === 46 && (mask & signature(resource, dot, colon)) !== 0) {
        found = firstMatch(keys.get(resource.slice(dot, colon)), resource);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }
  for (const bucket of slot.buckets(resource)) {
    if (bucket.length < size && (lengths[bucket.length]! & signature(bucket, 0, bucket.length)) !== 0) {
      found = firstMatch(keys.get(bucket), resource);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const WILDCARD = /[*?[\]{}#]/;

function normalisesToItself(rules: ActionRules, text: string): boolean {
  // A wildcard is never a concrete resource; skipping it saves two thrown errors per grant on every register.
  if (WILDCARD.test(text)) return false;
  try {
    return rules.normalise(text) === text;
  } catch {
    return false;
  }
}

function decide(entry: Entry, rules: ActionRules, resource: string): CapabilityCheck {
  const slot = entry.index[rules.slot];
  const literal = slot?.literals.get(resource);
  if (literal !== undefined) return literal;
  let normalised: string;
  try {
    normalised = rules.normalise(resource);
  } catch (error) {
    return deny(isAirssysError(error) ? error.message : `Resource \`${showValue(resource)}\` is refused.`);
  }
  const found = slot === undefined ? undefined : find(slot, normalised);
  if (found !== undefined) return found;
  // Normalised resources never hold control characters (every normaliser refuses them), so `showValue` can only
  // change a long one (it shortens past 80 characters); a short one is shown as is without scanning it again.
  const shown = normalised.length > SHOWN_AS_IS ? showValue(normalised) : normalised;
  return deny(`${rules.missPrefix}${shown}\`.`);
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

  const record = (
    component: string,
    request: CapabilityRequest,
    decision: CapabilityCheck,
    rules?: ActionRules,
  ): void => {
    if (audit === undefined || (decision.allowed && !auditAllowed)) return;
    const kind = rules === undefined ? String(request?.kind) : (request.kind as string);
    const grant = decision.grant;
    emit({
      time: clock.now(),
      component,
      category: 'capability',
      action: rules === undefined ? `${kind}:${String(request?.action)}` : rules.auditAction,
      resource: typeof request?.resource === 'string' ? request.resource : showValue(request?.resource),
      decision: decision.allowed ? 'allowed' : 'denied',
      reason: decision.reason,
      details:
        grant === undefined ? { kind } : { kind, grant: FORMATTED.get(decision) ?? formatGrant(grant) },
    });
  };

  // The entry of the last component looked up directly; forgotten whenever `entries` changes.
  let lastId: unknown;
  let lastEntry: Entry | undefined;
  const forget = () => {
    lastId = undefined;
    lastEntry = undefined;
  };

  const lookup = (componentId: string): Entry | undefined => {
    if (componentId === lastId && lastEntry !== undefined) return lastEntry;
    const direct = entries.get(componentId);
    if (direct !== undefined) {
      lastId = componentId;
      lastEntry = direct;
      return direct;
    }
    if (typeof componentId !== 'string') return undefined;
    try {
      return entries.get(componentKey(parseComponentId(componentId)));
    } catch {
      return undefined;
    }
  };

  const check = (componentId: string, request: CapabilityRequest): CapabilityCheck => {
    const entry = lookup(componentId);
    if (entry === undefined) {
      const shown = typeof componentId === 'string' ? componentId : showValue(componentId);
      const decision = deny(`Component \`${showValue(componentId)}\` has no registered capabilities.`);
      record(shown, request, decision);
      return decision;
    }
    // Only a string id is ever registered, so from here on `componentId` is a string.
    const shown = componentId;
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
    let decision = cacheSize === 0 ? undefined : entry.cache.get(resource, rules.slot);
    let fresh = false;
    if (decision === undefined) {
      decision = decide(entry, rules, resource);
      fresh = true;
      if (cacheSize !== 0 && resource.length <= MAX_CACHED_RESOURCE) {
        entry.cache.set(resource, rules.slot, decision);
      }
    }
    // With `auditAllowed: 'first'` an allowance served again from the decision cache is not recorded again.
    if (audit !== undefined && (fresh || auditAllowed !== 'first' || !decision.allowed)) {
      record(shown, request, decision, rules);
    }
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
      forget();
      registered(id, 'register', entry.grants);
    },
    revoke(componentId) {
      const entry = lookup(componentId);
      if (entry === undefined) return false;
      entries.delete(entry.id);
      forget();
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
      forget();
    },
  };
}
