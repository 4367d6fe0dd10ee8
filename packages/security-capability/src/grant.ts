import { CAPABILITY_KINDS, type CapabilityKind } from '@airssys/core';
import { InvalidCapabilityError, showValue } from './errors.js';
import {
  compileComponentIdPattern,
  componentIdBuckets,
  normaliseComponentTarget,
} from './patterns/component-id.js';
import type { CompiledPattern } from './patterns/glob.js';
import { compileHostPattern, hostBuckets, normaliseHostPort } from './patterns/host.js';
import { compilePathPattern, normalisePath, pathBuckets } from './patterns/path.js';
import { compileStorageKeyPattern, normaliseStorageKey, storageKeyBuckets } from './patterns/storage-key.js';
import { compileTopicPattern, normaliseTopic, topicBuckets } from './patterns/topic.js';
import type { CapabilityAction, Grant, Manifest } from './types.js';

/** How one action's resources are compiled, normalised and indexed. */
export interface ResourceRules {
  readonly compile: (pattern: string) => CompiledPattern;
  /** Throws an `AirssysError` for a refused resource. */
  readonly normalise: (resource: string) => string;
  readonly buckets: (resource: string) => string[];
}

const PATH: ResourceRules = { compile: compilePathPattern, normalise: normalisePath, buckets: pathBuckets };
const HOST: ResourceRules = {
  compile: compileHostPattern,
  normalise: normaliseHostPort,
  buckets: hostBuckets,
};
const KEY: ResourceRules = {
  compile: compileStorageKeyPattern,
  normalise: normaliseStorageKey,
  buckets: storageKeyBuckets,
};
const TARGET: ResourceRules = {
  compile: compileComponentIdPattern,
  normalise: normaliseComponentTarget,
  buckets: componentIdBuckets,
};
const TOPIC: ResourceRules = {
  compile: compileTopicPattern,
  normalise: normaliseTopic,
  buckets: topicBuckets,
};
const SUBSCRIPTION: ResourceRules = { ...TOPIC, normalise: (topic) => normaliseTopic(topic, true) };

/** Every kind with its actions and the rules of each action's resources. */
export const CAPABILITY_RULES: Readonly<Record<CapabilityKind, Readonly<Record<string, ResourceRules>>>> = {
  filesystem: { read: PATH, write: PATH, delete: PATH, list: PATH },
  network: { outbound: HOST, inbound: HOST },
  storage: { read: KEY, write: KEY, delete: KEY, list: KEY },
  messaging: { send: TARGET, request: TARGET, broadcast: TARGET, publish: TOPIC, subscribe: SUBSCRIPTION },
  process: { spawn: PATH },
};

/** Every capability kind, in manifest order. */
export { CAPABILITY_KINDS };

const EXAMPLES: Readonly<Record<CapabilityKind, string>> = {
  storage: 'read:cache/*',
  messaging: 'send:acme/billing',
  filesystem: 'read:/srv/in/**',
  network: 'outbound:api.example.com:443',
  process: 'spawn:/usr/bin/git',
};

/**
 * How the registry walks a normalised resource's index buckets without building the bucket list: `ancestors`
 * for text whose buckets are itself, each prefix ending before `separator` (a char code), then `` (paths,
 * storage keys, component ids and concrete topics: the same list their `buckets` return), `host` for
 * `host:port` (the host, then `*` plus each parent domain, as `hostBuckets` returns), and `list` to call
 * `buckets` (subscriptions).
 */
export type BucketProbe =
  | { readonly kind: 'ancestors'; readonly separator: number }
  | { readonly kind: 'host' }
  | { readonly kind: 'list' };

/** Rules of one kind/action pair plus its small slot number (index of the pair in {@link CAPABILITY_RULES}). */
export interface ActionRules extends ResourceRules {
  readonly slot: number;
  readonly probe: BucketProbe;
  /** `kind:action`, the audit action of a check. */
  readonly auditAction: string;
  /** Start of the denial reason when no grant matches, up to the resource: ``No `kind` grant for `action` matches ` ``. */
  readonly missPrefix: string;
}

const ANCESTORS_SLASH: BucketProbe = { kind: 'ancestors', separator: 47 };
const PROBES = new Map<ResourceRules, BucketProbe>([
  [PATH, ANCESTORS_SLASH],
  [KEY, ANCESTORS_SLASH],
  [TARGET, ANCESTORS_SLASH],
  [TOPIC, { kind: 'ancestors', separator: 46 }],
  [HOST, { kind: 'host' }],
]);

const BY_KIND = new Map<string, Map<string, ActionRules>>();
let slots = 0;
for (const [kind, actions] of Object.entries(CAPABILITY_RULES)) {
  const byAction = new Map<string, ActionRules>();
  for (const [action, rules] of Object.entries(actions)) {
    byAction.set(action, {
      ...rules,
      slot: slots++,
      probe: PROBES.get(rules) ?? { kind: 'list' },
      auditAction: `${kind}:${action}`,
      missPrefix: `No \`${kind}\` grant for \`${action}\` matches \``,
    });
  }
  BY_KIND.set(kind, byAction);
}

// The last pair `rulesOf` resolved.
let lastKind: string | undefined;
let lastAction: string | undefined;
let lastRules: ActionRules | undefined;

/** The rules of `kind`/`action`, or undefined when the pair does not exist (including `''` and unknown kinds). */
export function rulesOf(kind: unknown, action: unknown): ActionRules | undefined {
  if (typeof kind !== 'string' || typeof action !== 'string') return undefined;
  // Callers mostly repeat one pair, usually the very same string constants: compare before hashing.
  if (kind === lastKind && action === lastAction) return lastRules;
  const rules = BY_KIND.get(kind)?.get(action);
  lastKind = kind;
  lastAction = action;
  lastRules = rules;
  return rules;
}

/** The actions of a kind, quoted for messages: `` `read`, `write` ``. */
export function actionList(kind: CapabilityKind): string {
  return Object.keys(CAPABILITY_RULES[kind])
    .map((a) => `\`${a}\``)
    .join(', ');
}

/** Compiles a grant's pattern once; throws `InvalidCapabilityError` when kind, action or pattern is invalid. */
export function compileGrant(kind: CapabilityKind, action: string, pattern: string, original: string) {
  const rules = rulesOf(kind, action);
  if (!Object.hasOwn(CAPABILITY_RULES, kind)) {
    throw new InvalidCapabilityError(`one of ${CAPABILITY_KINDS.join(', ')}`, kind, showValue(kind));
  }
  if (rules === undefined) {
    throw new InvalidCapabilityError(`a \`${kind}\` action (${actionList(kind)})`, action, showValue(action));
  }
  const compiled = rules.compile(pattern);
  const grant: Grant = Object.freeze({
    kind,
    action: action as CapabilityAction,
    pattern: compiled.pattern,
    original,
  });
  return { grant, compiled, rules };
}

/**
 * Parses one `"action:pattern"` capability string of a `[capabilities]` kind. Throws `InvalidCapabilityError`.
 * @example parseGrant('network', 'outbound:*.example.com:443')
 */
export function parseGrant(kind: CapabilityKind, text: string): Grant {
  const colon = typeof text === 'string' ? text.indexOf(':') : -1;
  if (colon <= 0 || text.trim() !== text) {
    const example = Object.hasOwn(EXAMPLES, kind) ? EXAMPLES[kind] : 'action:pattern';
    throw new InvalidCapabilityError(
      `a capability like \`${example}\` (\`action:pattern\`, no surrounding spaces)`,
      text,
      showValue(text),
    );
  }
  return compileGrant(kind, text.slice(0, colon), text.slice(colon + 1), text).grant;
}

/** The `kind:action:pattern` form of a grant, as hashed for approvals. */
export function formatGrant(grant: Grant): string {
  return `${grant.kind}:${grant.action}:${grant.pattern}`;
}

/**
 * The grants of a manifest as sorted, de-duplicated `kind:action:pattern` strings (sorted by code unit, so the
 * list is stable for hashing).
 * @example canonicalCapabilities(manifest) // ['network:outbound:api.example.com:443', 'storage:read:cache/*']
 */
export function canonicalCapabilities(source: Manifest | readonly Grant[]): string[] {
  const grants = 'capabilities' in source ? source.capabilities : source;
  return [...new Set(grants.map(formatGrant))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
