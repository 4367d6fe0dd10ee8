import { describe, expect, it } from 'vitest';
import { createEmitter } from '../src/emitter.js';

describe('emitter', () => {
  it('delivers payloads in order and stops after unsubscribe', () => {
    const seen: number[] = [];
    const emitter = createEmitter<{ tick: number }>(() => {});
    const off = emitter.on('tick', (n) => seen.push(n));
    emitter.on('tick', (n) => seen.push(n * 10));
    emitter.emit('tick', 1);
    off();
    off();
    emitter.emit('tick', 2);
    expect(seen).toEqual([1, 10, 20]);
  });

  it('reports a throwing listener and still calls the others', () => {
    const errors: unknown[] = [];
    const emitter = createEmitter<{ tick: number }>((error) => errors.push(error));
    let called = false;
    emitter.on('tick', () => {
      throw new Error('boom');
    });
    emitter.on('tick', () => {
      called = true;
    });
    emitter.emit('tick', 1);
    expect(called).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
