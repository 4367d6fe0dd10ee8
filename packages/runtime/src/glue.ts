/** The `instantiate` function jco emits in instantiation mode. */
export type GlueInstantiate = (
  getCoreModule: (name: string) => WebAssembly.Module,
  imports: Record<string, unknown>,
  instantiateCore: (module: WebAssembly.Module, imports?: WebAssembly.Imports) => WebAssembly.Instance,
) => Record<string, unknown>;

/**
 * Evaluate jco glue text into its `instantiate` function. The glue has no imports and one export, so it
 * runs as a function body: no module map entry that could never be freed, no file needed.
 */
export function evaluateGlue(glue: string): GlueInstantiate {
  const body = glue.replace(/^export function instantiate\(/m, 'function instantiate(');
  if (body === glue)
    throw new Error(
      'jco glue without `export function instantiate(`: was it transpiled in instantiation mode?',
    );
  return new Function(`${body}\nreturn instantiate;`)() as GlueInstantiate;
}
