// Typed access to the parts of jco's tooling this package uses; jco 1.13 declares them with `any`.
import * as jco from '@bytecodealliance/jco';

/** Options of jco's `componentEmbed` (wasm-tools `component embed`). */
export interface EmbedOptions {
  /** Build a dummy core module for the world instead of embedding into `binary`. */
  dummy?: boolean;
  witSource?: string;
  /** Must be absolute: jco's WASI layer cannot resolve relative paths. */
  witPath?: string;
  /** A plain world name or a fully qualified one (`airssys:core/component`). */
  world?: string;
}

/** Prints the world of a component as WIT text. */
export const componentWit: (bytes: Uint8Array) => Promise<string> = jco.componentWit;
/** Embeds WIT metadata into a core module (or a dummy one). */
export const componentEmbed: (options: EmbedOptions) => Promise<Uint8Array> = jco.componentEmbed;
/** Turns a core module with embedded WIT metadata into a component. */
export const componentNew: (bytes: Uint8Array, adapters: Array<[string, Uint8Array]>) => Promise<Uint8Array> =
  jco.componentNew;

/**
 * The message of an error thrown by jco's tooling, on one line: a WIT error keeps its first line and its
 * `file:line:column`; a decoding error joins its lines with `: `.
 */
export function jcoMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const [head = '', ...rest] = text.trim().split(/\s*\n\s*/);
  const location = /-->\s*(\S+:\d+:\d+)/.exec(text)?.[1];
  if (location) return `${head} (at ${location}).`;
  return rest.length > 0 ? `${head}: ${rest.join(' ')}` : head;
}

/** Builds a dummy component for one world of the WIT at an absolute path or in a source string. */
export async function dummyComponent(
  wit: { path: string } | { source: string },
  world: string,
): Promise<Uint8Array> {
  const where = 'path' in wit ? { witPath: wit.path } : { witSource: wit.source };
  const core = await componentEmbed({ dummy: true, ...where, world });
  return componentNew(core, []);
}
