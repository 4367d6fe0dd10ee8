import { type MemoryShape, WASM_PAGE } from './memory-cap.js';

/** Bytes of recycled memories a runtime keeps when its options name no other figure. */
export const DEFAULT_MEMORY_POOL_BYTES = 32 * 1024 * 1024;
/** Memories larger than this at their start are never kept: zeroing them would cost more than a fresh map. */
const MAX_POOLED_PAGES = 256;

/**
 * Linear memories of disposed inline instances, zeroed and kept for the next instance of the same shape.
 * A fresh `WebAssembly.Memory` costs a reservation and page faults on first touch (~100 µs on a VM, most of a
 * small guest's instantiation); a recycled one is already mapped. Only a memory still at its initial size comes
 * back, so a guest never sees more than it declared, and its contents are zeroed before it is handed out again.
 */
export interface MemoryPool {
  /** A memory of exactly this shape: recycled when one is free, fresh otherwise. */
  acquire(shape: MemoryShape): WebAssembly.Memory;
  /** Give a memory back. The caller guarantees no code of its old instance can run any more. */
  release(memory: WebAssembly.Memory, shape: MemoryShape): void;
  /** Bytes held for reuse now. */
  readonly heldBytes: number;
  /** Memories handed out again so far. */
  readonly recycled: number;
}

export function createMemoryPool(maxBytes: number): MemoryPool {
  const free = new Map<string, WebAssembly.Memory[]>();
  let held = 0;
  let recycled = 0;
  const keyOf = (shape: MemoryShape) => `${shape.initial}/${shape.maximum}`;
  return {
    acquire(shape) {
      const memory = free.get(keyOf(shape))?.pop();
      if (memory) {
        held -= shape.initial * WASM_PAGE;
        // Still exactly its initial size: nothing may have grown it while it waited.
        if (memory.buffer.byteLength === shape.initial * WASM_PAGE) {
          recycled++;
          return memory;
        }
      }
      return new WebAssembly.Memory({ initial: shape.initial, maximum: shape.maximum });
    },
    release(memory, shape) {
      const bytes = memory.buffer.byteLength;
      if (bytes !== shape.initial * WASM_PAGE || shape.initial > MAX_POOLED_PAGES) return;
      if (held + bytes > maxBytes) return;
      new Uint8Array(memory.buffer).fill(0);
      const key = keyOf(shape);
      const list = free.get(key);
      if (list) list.push(memory);
      else free.set(key, [memory]);
      held += bytes;
    },
    get heldBytes() {
      return held;
    },
    get recycled() {
      return recycled;
    },
  };
}
