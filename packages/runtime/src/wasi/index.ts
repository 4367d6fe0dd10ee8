// Our own WASI 0.2 host for jco 1.13 glue: capability-gated, no dependency on preview2-shim.

export {
  createWasi,
  isWasiInterface,
  unversionedName,
  WASI_INTERFACES,
  type WasiInterfaceName,
} from './create-wasi.js';
export { WasiExit } from './errors.js';
export type { WasiHost, WasiOptions, WasiPreopen } from './types.js';
