export type { ActorSystemEvents, ActorSystemOptions, HealthOptions, SpawnOptions } from './actor-system.js';
export { ActorSystem, createActorSystem } from './actor-system.js';
export { ComponentActor, createComponentActor } from './component-actor.js';
export type { ActorErrorCode } from './errors.js';
export { ActorError } from './errors.js';
export type { ComponentDirectory, HostContext } from './host-imports.js';
export { createHostImports } from './host-imports.js';
export type { GuestMessage } from './lifecycle.js';
export { configEntries, LIFECYCLE, LIFECYCLE_INTERFACE, toGuestMessage } from './lifecycle.js';
export * from './supervision/index.js';
export type {
  ActorEvents,
  ActorHooks,
  ActorInfo,
  ActorState,
  CallbackOutcome,
  ComponentActorOptions,
  HealthAnswer,
  HealthChange,
} from './types.js';
export type { WitVariant } from './wit-errors.js';
export { refuse, storageErrorCase } from './wit-errors.js';
