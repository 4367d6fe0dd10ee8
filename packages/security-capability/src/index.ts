export type { CapabilityDeniedErrorOptions, CapabilityErrorCode, ManifestErrorOptions } from './errors.js';
export {
  CapabilityDeniedError,
  InvalidCapabilityError,
  InvalidResourceError,
  ManifestError,
} from './errors.js';
export type { ResourceRules } from './grant.js';
export {
  CAPABILITY_KINDS,
  CAPABILITY_RULES,
  canonicalCapabilities,
  formatGrant,
  parseGrant,
} from './grant.js';
export { loadManifest, MAX_MANIFEST_LENGTH, parseManifest } from './manifest.js';
export { compileComponentIdPattern, normaliseComponentTarget } from './patterns/component-id.js';
export type { CompiledPattern } from './patterns/glob.js';
export { compileHostPattern, normaliseHostPort } from './patterns/host.js';
export { compilePathPattern, MAX_PATH_LENGTH, normalisePath } from './patterns/path.js';
export {
  compileStorageKeyPattern,
  MAX_STORAGE_KEY_LENGTH,
  normaliseStorageKey,
} from './patterns/storage-key.js';
export { compileTopicPattern, MAX_TOPIC_LENGTH, normaliseTopic } from './patterns/topic.js';
export { createCapabilityRegistry } from './registry.js';
export type {
  AuditTarget,
  CapabilityAction,
  CapabilityCheck,
  CapabilityRegistry,
  CapabilityRegistryOptions,
  DataAction,
  Grant,
  Manifest,
  ManifestComponent,
  MessagingAction,
  NetworkAction,
  ParseManifestOptions,
  ProcessAction,
} from './types.js';
