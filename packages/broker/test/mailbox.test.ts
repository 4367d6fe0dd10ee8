import { describe, expect, it } from 'vitest';
import { createMailbox, MAILBOX_BATCH } from '../src/index.js';

describe('mailbox', () => {
  it('runs items in order, one at a time, and resolves idle when empty', async () => {
    const done: number[] = [];
    const mailbox = createMailbox<number>(
      10,
      (n) => {
        done.push(n);
        return n % 2 === 0 ? Promise.resolve() : undefined;
      },
      () => {},
    );
    for (let n = 0; n < 10; n++) expect(mailbox.offer(n)).toBe(true);
    expect(mailbox.offer(10)).toBe(false);
    expect(mailbox.size).toBe(10);
    await mailbox.idle();
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(mailbox.busy).toBe(false);
  });

  it('yields to the event loop after a batch of synchronous items', async () => {
    const count = MAILBOX_BATCH * 2 + 1;
    let handled = 0;
    const mailbox = createMailbox<number>(
      count,
      () => void handled++,
      () => {},
    );
    for (let n = 0; n < count; n++) mailbox.offer(n);
    await Promise.resolve();
    await Promise.resolve();
    expect(handled).toBe(MAILBOX_BATCH);
    await mailbox.idle();
    expect(handled).toBe(count);
  });

  it('reports a throwing or rejecting run and carries on', async () => {
    const errors: unknown[] = [];
    const done: number[] = [];
    const run = (n: number) => {
      if (n === 1) throw new Error('one');
      if (n === 2) return Promise.reject(new Error('two'));
      done.push(n);
      return undefined;
    };
    const mailbox = createMailbox<number>(5, run, (e) => errors.push(e));
    for (const n of [0, 1, 2, 3]) mailbox.offer(n);
    await mailbox.idle();
    expect(done).toEqual([0, 3]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['one', 'two']);
  });
});
