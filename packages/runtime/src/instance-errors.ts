import { type CallFailure, classifyCallError } from './call-errors.js';
import { isWasmError, shortHash, WasmError } from './errors.js';

/** Who failed: enough to name the component in a message. */
export interface InstanceContext {
  hash: string;
  componentId: string | undefined;
  label: string;
}

function who(context: InstanceContext): string {
  return context.componentId ?? shortHash(context.hash);
}

/** Build the error for a failed call, naming the component and the export. */
export function instanceError(
  context: InstanceContext,
  exportName: string,
  error: unknown,
  failure?: CallFailure,
): WasmError {
  const base = { componentHash: context.hash, componentId: context.componentId, exportName };
  if (isWasmError(error)) {
    return new WasmError(error.code, error.message, { ...base, cause: error.cause, payload: error.payload });
  }
  const f = failure ?? classifyCallError(error, { memories: [], capBytes: Number.POSITIVE_INFINITY });
  return new WasmError(
    f.code,
    `Call to \`${exportName}\` of component \`${who(context)}\` failed: ${f.detail}.`,
    {
      ...base,
      cause: error,
      payload: f.payload,
      exitCode: f.exitCode,
      poisoned: f.poisoned,
    },
  );
}

/** The error for any call after dispose. */
export function disposedError(context: InstanceContext, exportName: string): WasmError {
  return new WasmError(
    'INSTANCE_DISPOSED',
    `Cannot call \`${exportName}\`: the instance of component \`${who(context)}\` was disposed.`,
    { componentHash: context.hash, componentId: context.componentId, exportName },
  );
}

/** The error for any call after a trap, timeout or exit: fails fast instead of entering the guest again. */
export function poisonedError(context: InstanceContext, exportName: string, first: WasmError): WasmError {
  return new WasmError(
    first.code,
    `Cannot call \`${exportName}\`: the instance of component \`${who(context)}\` is unusable since \`${first.exportName}\` failed (${first.code}); create a new instance.`,
    {
      componentHash: context.hash,
      componentId: context.componentId,
      exportName,
      cause: first,
      poisoned: true,
    },
  );
}
