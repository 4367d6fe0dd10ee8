export type { AirssysErrorFields, AirssysErrorOptions } from './errors.js';
export { AirssysError, isAirssysError } from './errors.js';
