import { AirssysError, type AirssysErrorOptions } from '@airssys/core';

/** Stable codes of {@link ActorError}. */
export type ActorErrorCode =
  | 'ACTOR_STOPPED'
  | 'ACTOR_FAILED'
  | 'INVALID_ACTOR_OPTIONS'
  | 'ACTOR_EXISTS'
  | 'ACTOR_NOT_FOUND';

/** A component actor cannot do what was asked: it is stopped, failed for good, or misconfigured. */
export class ActorError extends AirssysError {
  declare readonly code: ActorErrorCode;

  constructor(code: ActorErrorCode, message: string, options: AirssysErrorOptions = {}) {
    super(code, message, options);
    this.name = 'ActorError';
  }
}
