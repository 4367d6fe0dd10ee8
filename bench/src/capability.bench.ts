// Capability checks (hit and miss, 10/100/1000 grants, with and without the decision cache) and manifest
// parsing, against a plain `Set.has` and `JSON.parse` measured in the same run.
import {
  type CapabilityRegistry,
  createCapabilityRegistry,
  type Grant,
  parseGrant,
  parseManifest,
} from '@airssys/security-capability';
import { emit } from './common.js';
import { type Row, timeSync } from './harness.js';

const ITER = 200_000;
const CHECK_TARGET = '≤ 500 ns';
const SET_BASELINE = 'Set.has (string)';

const MANIFEST = `[component]
namespace = "acme"
name = "order-intake"
version = "1.2.0"
source = "order-intake.wasm"

[limits]
memory = "16MiB"
timeout-ms = 500
isolation = "auto"

[capabilities]
storage = ["read:cache/*", "write:cache/*"]
messaging = ["send:acme/billing", "request:acme/*", "publish:orders.created", "subscribe:orders.#"]
filesystem = ["read:/srv/in/**"]
network = ["outbound:api.example.com:443"]

[quotas]
storage = "100MiB"
message-rate = 1000
network = "10MiB/s"
cpu = "1000ms/s"
memory = "256MiB"
`;

/** `count` network grants: half exact hosts, half `*.` subdomain patterns with any port. */
function networkGrants(count: number): Grant[] {
  return Array.from({ length: count }, (_, i) =>
    parseGrant(
      'network',
      i % 2 === 0 ? `outbound:svc-${i}.example.com:443` : `outbound:*.zone-${i}.example.net:*`,
    ),
  );
}

/** `count` filesystem grants under distinct tenant directories. */
function pathGrants(count: number): Grant[] {
  return Array.from({ length: count }, (_, i) => parseGrant('filesystem', `read:/srv/tenant-${i}/**`));
}

function registryWith(grants: Grant[], cacheSize?: number): CapabilityRegistry {
  const registry = createCapabilityRegistry(cacheSize === undefined ? {} : { cacheSize });
  registry.register('acme/intake', grants);
  return registry;
}

/** Median ns per check, cycling through 8 `resources` that must all be `allowed` (or all denied). */
function timeChecks(
  registry: CapabilityRegistry,
  kind: 'network' | 'filesystem',
  action: string,
  resources: readonly string[],
  allowed: boolean,
): number {
  const requests = resources.map((resource) => ({ kind, action, resource }));
  for (const request of requests) {
    if (registry.check('acme/intake', request).allowed !== allowed) {
      throw new Error(`unexpected decision for ${request.resource}`);
    }
  }
  let i = 0;
  return timeSync(() => registry.check('acme/intake', requests[i++ & 7]!), ITER);
}

const rows: Row[] = [];
const set = new Set(Array.from({ length: 1000 }, (_, i) => `svc-${i}.example.com:443`));
const probes = Array.from({ length: 8 }, (_, i) => `svc-${i * 2}.example.com:443`);
let p = 0;
rows.push({
  group: 'capability-check',
  case: SET_BASELINE,
  value: timeSync(() => set.has(probes[p++ & 7]!), ITER),
  unit: 'ns',
});

const HITS = Array.from({ length: 8 }, (_, i) =>
  i % 2 === 0 ? `svc-0.example.com:443` : `a${i}.zone-1.example.net:${8000 + i}`,
);
const MISSES = Array.from({ length: 8 }, (_, i) => `evil-${i}.example.org:443`);
for (const count of [10, 100, 1000]) {
  for (const cached of [true, false]) {
    const registry = registryWith(networkGrants(count), cached ? undefined : 0);
    const suffix = `${count} grants, ${cached ? 'cached' : 'uncached'}`;
    for (const [label, resources] of [
      ['hit', HITS],
      ['miss', MISSES],
    ] as const) {
      rows.push({
        group: 'capability-check',
        case: `network ${label}, ${suffix}`,
        value: timeChecks(registry, 'network', 'outbound', resources, label === 'hit'),
        unit: 'ns',
        baseline: SET_BASELINE,
        target: CHECK_TARGET,
      });
    }
  }
}
const paths = registryWith(pathGrants(1000), 0);
const pathHits = Array.from({ length: 8 }, (_, i) => `/srv/tenant-0/in/${i}.csv`);
const pathMisses = Array.from({ length: 8 }, (_, i) => `/srv/tenant-0/../etc/${i}`);
for (const [label, resources] of [
  ['hit', pathHits],
  ['miss', pathMisses],
] as const) {
  rows.push({
    group: 'capability-check',
    case: `filesystem ${label}, 1000 grants, uncached`,
    value: timeChecks(paths, 'filesystem', 'read', resources, label === 'hit'),
    unit: 'ns',
    baseline: SET_BASELINE,
    target: CHECK_TARGET,
  });
}

const json = JSON.stringify(parseManifest(MANIFEST));
rows.push({
  group: 'manifest-parse',
  case: 'JSON.parse (same data)',
  value: timeSync(() => JSON.parse(json), 5_000) / 1e3,
  unit: 'µs',
});
rows.push({
  group: 'manifest-parse',
  case: 'parseManifest (DESIGN.md example)',
  value: timeSync(() => parseManifest(MANIFEST), 5_000) / 1e3,
  unit: 'µs',
  baseline: 'JSON.parse (same data)',
  target: '≤ 100 µs',
});

emit(rows);
