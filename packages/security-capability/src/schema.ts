import { ISOLATION_MODES, MAX_COMPONENT_ID_SEGMENT, QUOTA_KINDS } from '@airssys/core';
import * as v from 'valibot';
import { hasControlCharacter } from './errors.js';

// The shape of `Component.toml` (DESIGN.md "Component.toml"). Every table is strict: an unknown key is an
// error, because a misspelt key would otherwise silently grant or limit nothing. Values are checked further
// in manifest.ts (limits and quotas by core, capability strings by the pattern compilers).

const SEGMENT = /^[a-z][a-z0-9-]*$/;
const SEMVER =
  /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

/** What each key should hold, as named in error messages (key paths without list indexes). */
export const EXPECTED: Readonly<Record<string, string>> = {
  '': 'a TOML document with a `[component]` table',
  component: 'a table with `name`, `version` and `source`',
  'component.namespace':
    "a namespace like `acme` (lowercase letters, digits and '-', starting with a letter)",
  'component.name': "a name like `order-intake` (lowercase letters, digits and '-', starting with a letter)",
  'component.version': 'a semantic version like `1.2.0`',
  'component.source': 'a path to the `.wasm` file like `order-intake.wasm`',
  limits: 'a table of limits',
  'limits.memory': 'a size like `16MiB`',
  'limits.timeout-ms': 'a number of milliseconds like `500`',
  'limits.isolation': 'one of `auto`, `inline`, `worker`',
  capabilities: 'a table of capability lists',
  capabilities_list: 'a list of `"action:pattern"` strings',
  capabilities_item: 'an `"action:pattern"` string',
  quotas: 'a table of quotas',
  'quotas.storage': 'a size like `100MiB`',
  'quotas.message-rate': 'a number of messages per second like `1000`',
  'quotas.network': 'a rate like `10MiB/s`',
  'quotas.cpu': 'a CPU rate like `1000ms/s`',
  'quotas.memory': 'a size like `256MiB`',
};

/** The keys each table accepts, for unknown-key errors. */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': ['component', 'limits', 'capabilities', 'quotas'],
  component: ['namespace', 'name', 'version', 'source'],
  limits: ['memory', 'timeout-ms', 'isolation'],
  capabilities: ['storage', 'messaging', 'filesystem', 'network', 'process'],
  quotas: QUOTA_KINDS,
};

const e = (key: string): string => EXPECTED[key]!;
const segment = (key: string) =>
  v.pipe(v.string(e(key)), v.maxLength(MAX_COMPONENT_ID_SEGMENT, e(key)), v.regex(SEGMENT, e(key)));
const amount = (key: string) => v.optional(v.union([v.string(), v.number()], e(key)));
const grants = v.optional(v.array(v.string(e('capabilities_item')), e('capabilities_list')));

/** The valibot schema of a `Component.toml` document after TOML parsing. */
export const MANIFEST_SCHEMA = v.strictObject(
  {
    component: v.strictObject(
      {
        namespace: v.optional(segment('component.namespace')),
        name: segment('component.name'),
        version: v.pipe(
          v.string(e('component.version')),
          v.maxLength(256, e('component.version')),
          v.regex(SEMVER, e('component.version')),
        ),
        source: v.pipe(
          v.string(e('component.source')),
          v.maxLength(1024, e('component.source')),
          v.nonEmpty(e('component.source')),
          v.check((source) => !hasControlCharacter(source), e('component.source')),
        ),
      },
      e('component'),
    ),
    limits: v.optional(
      v.strictObject(
        {
          memory: amount('limits.memory'),
          'timeout-ms': amount('limits.timeout-ms'),
          isolation: v.optional(v.picklist(ISOLATION_MODES, e('limits.isolation'))),
        },
        e('limits'),
      ),
    ),
    capabilities: v.optional(
      v.strictObject(
        { storage: grants, messaging: grants, filesystem: grants, network: grants, process: grants },
        e('capabilities'),
      ),
    ),
    quotas: v.optional(
      v.strictObject(
        {
          storage: amount('quotas.storage'),
          'message-rate': amount('quotas.message-rate'),
          network: amount('quotas.network'),
          cpu: amount('quotas.cpu'),
          memory: amount('quotas.memory'),
        },
        e('quotas'),
      ),
    ),
  },
  e(''),
);

/** The document as valibot returns it once the shape is right. */
export type ManifestDocument = v.InferOutput<typeof MANIFEST_SCHEMA>;
