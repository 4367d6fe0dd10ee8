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
export type { WasmErrorCode, WasmErrorOptions } from './errors.js';
export { WasmError, isWasmError } from './errors.js';
export { createRuntime } from './runtime.js';
export { capMemory, WASM_PAGE } from './memory-cap.js';
export { DEFAULT_MEMORY_BYTES } from './limits.js';
export { JCO_VERSION } from './transpile.js';
export type { WasiOptions, WasiPreopen } from './wasi/index.js';
export { createWasi, WasiExit } from './wasi/index.js';
