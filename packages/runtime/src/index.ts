export type { WasmErrorCode, WasmErrorOptions } from './errors.js';
export { isWasmError, WasmError } from './errors.js';
export { DEFAULT_MEMORY_BYTES } from './limits.js';
export { capMemory, WASM_PAGE } from './memory-cap.js';
export { createRuntime } from './runtime.js';
export { JCO_VERSION } from './transpile.js';
export type {
  ComponentExport,
  ComponentImport,
  ComponentInstance,
  HostImports,
  InstanceLimits,
  InstanceState,
  InstantiateOptions,
  IsolationMode,
  LoadedComponent,
  Runtime,
  RuntimeOptions,
  RuntimeStats,
} from './types.js';
export type { WasiOptions, WasiPreopen } from './wasi/index.js';
export { createWasi, WasiExit } from './wasi/index.js';
