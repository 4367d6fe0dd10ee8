export { createHost } from './create-host.js';
export type { HostErrorCode } from './errors.js';
export { HostError } from './errors.js';
export type {
  AuditQuery,
  ComponentSummary,
  Host,
  HostApprovals,
  HostEvents,
  HostOptions,
  SpawnInput,
  SpawnOptions,
} from './types.js';
