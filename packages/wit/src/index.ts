export { checkWorld, DEFAULT_WORLD } from './check-world.js';
export type { WitErrorCode } from './errors.js';
export { isWitError, WitError } from './errors.js';
export { inspectComponent } from './inspect.js';
export { readWitSource, WIT_ROOT, witPackages } from './paths.js';
export type {
  ComponentInspection,
  ComponentItem,
  WitInput,
  WitPackage,
  WitValidation,
  WitWorld,
  WorldCheck,
} from './types.js';
export { validateWit } from './validate.js';
