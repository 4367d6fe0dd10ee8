import { describe, expect, it } from 'vitest';
import { childrenToRestart, restartsWithSibling, shouldRestart } from '../../src/supervision/index.js';

const CHILDREN = ['a', 'b', 'c', 'd'];

describe('childrenToRestart', () => {
  it('restarts only the failed child under one-for-one', () => {
    expect(childrenToRestart('one-for-one', CHILDREN, 'b')).toEqual(['b']);
  });

  it('restarts every child in start order under one-for-all', () => {
    expect(childrenToRestart('one-for-all', CHILDREN, 'c')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('restarts the failed child and those started after it under rest-for-one', () => {
    expect(childrenToRestart('rest-for-one', CHILDREN, 'b')).toEqual(['b', 'c', 'd']);
    expect(childrenToRestart('rest-for-one', CHILDREN, 'd')).toEqual(['d']);
  });

  it('restarts nothing for an unknown child', () => {
    expect(childrenToRestart('one-for-all', CHILDREN, 'x')).toEqual([]);
  });
});

describe('shouldRestart', () => {
  it('restarts a permanent child after any exit', () => {
    expect(shouldRestart('permanent', 'failure')).toBe(true);
    expect(shouldRestart('permanent', 'normal')).toBe(true);
  });

  it('restarts a transient child only after a failure', () => {
    expect(shouldRestart('transient', 'failure')).toBe(true);
    expect(shouldRestart('transient', 'normal')).toBe(false);
  });

  it('never restarts a temporary child, not even with its siblings', () => {
    expect(shouldRestart('temporary', 'failure')).toBe(false);
    expect(shouldRestart('temporary', 'normal')).toBe(false);
    expect(restartsWithSibling('temporary')).toBe(false);
    expect(restartsWithSibling('transient')).toBe(true);
  });
});
