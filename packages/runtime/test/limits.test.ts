import { guestPath } from '@airssys/test-guests';
import { describe, expect, it } from 'vitest';
import { classifyCallError } from '../src/call-errors.js';
import { testRuntime } from './helpers/runtime.js';

const { runtime } = testRuntime();

describe('limits', () => {
  it.each([
    [{ memory: 'lots' }, 'limits.memory', 'lots'],
    [{ memory: -1 }, 'limits.memory', '-1'],
    [{ memory: '1KiB' }, 'limits.memory', '1KiB'],
    [{ memory: '8GiB' }, 'limits.memory', '8GiB'],
    [{ timeoutMs: 0 }, 'limits.timeoutMs', '0'],
    [{ timeoutMs: Number.NaN }, 'limits.timeoutMs', 'NaN'],
    [{ timeoutMs: 1.5 }, 'limits.timeoutMs', '1.5'],
  ])('rejects %o naming the key and the value', async (limits, key, value) => {
    const tiny = await runtime.load(guestPath('tiny'));
    const failure = await tiny.instantiate({ limits: limits as never }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'INVALID_LIMITS' });
    expect((failure as Error).message).toContain(`\`${key}\``);
    expect((failure as Error).message).toContain(value);
  });

  it('rejects an unknown isolation mode', async () => {
    const tiny = await runtime.load(guestPath('tiny'));
    await expect(tiny.instantiate({ isolation: 'thread' as never })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringContaining('`thread`'),
    });
  });

  it('refuses a cap below the memory a guest starts with', async () => {
    const ts = await runtime.load(guestPath('ts-echo'));
    await expect(ts.instantiate({ limits: { memory: '1MiB' } })).rejects.toMatchObject({
      code: 'MEMORY_LIMIT',
    });
  });

  it('says when the process has no address space left for a memory, instead of blaming the cap', () => {
    const failure = classifyCallError(new RangeError('WebAssembly.Memory(): could not allocate memory'), {
      memories: [],
      capBytes: 65_536,
    });
    expect(failure).toMatchObject({ code: 'MEMORY_LIMIT', detail: expect.stringContaining('address space') });
  });
});
