import { AirssysError, type AirssysErrorOptions } from '@airssys/core';

/** Stable codes of {@link HostError}. */
export type HostErrorCode =
  | 'SPAWN_DENIED'
  | 'NOT_AN_AIRSSYS_COMPONENT'
  | 'COMPONENT_SOURCE_MISSING'
  | 'COMPONENT_NOT_FOUND'
  | 'COMPONENT_EXISTS'
  | 'HOST_STOPPED'
  | 'APPROVAL_NOT_FOUND';

/** A host-level refusal: a denied approval, a wasm that is not an airssys component, a stopped host. */
export class HostError extends AirssysError {
  declare readonly code: HostErrorCode;

  constructor(code: HostErrorCode, message: string, options: AirssysErrorOptions = {}) {
    super(code, message, options);
    this.name = 'HostError';
  }
}
