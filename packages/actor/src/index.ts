export { ComponentActor, createComponentActor } from './component-actor.js';
export type { ActorErrorCode } from './errors.js';
export { ActorError } from './errors.js';
export type { GuestMessage } from './lifecycle.js';
export { configEntries, LIFECYCLE, toGuestMessage } from './lifecycle.js';
export type {
  ActorEvents,
  ActorHooks,
  ActorInfo,
  ActorState,
  CallbackOutcome,
  ComponentActorOptions,
  HealthAnswer,
} from './types.js';
