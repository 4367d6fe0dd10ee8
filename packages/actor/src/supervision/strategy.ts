/** Which children a supervisor restarts when one fails. */
export type Strategy = 'one-for-one' | 'one-for-all' | 'rest-for-one';

/** Every {@link Strategy}. */
export const STRATEGIES: readonly Strategy[] = Object.freeze(['one-for-one', 'one-for-all', 'rest-for-one']);

/** True for a valid {@link Strategy}. */
export function isStrategy(value: unknown): value is Strategy {
  return (STRATEGIES as readonly unknown[]).includes(value);
}

/**
 * Ids to restart, in start order, when `failedId` fails: one-for-one the failed child only, one-for-all
 * every child, rest-for-one the failed child and every child started after it. Empty for an unknown id.
 * @example childrenToRestart('rest-for-one', ['a', 'b', 'c'], 'b') // ['b', 'c']
 */
export function childrenToRestart(
  strategy: Strategy,
  children: readonly string[],
  failedId: string,
): string[] {
  const index = children.indexOf(failedId);
  if (index === -1) return [];
  switch (strategy) {
    case 'one-for-one':
      return [failedId];
    case 'one-for-all':
      return [...children];
    case 'rest-for-one':
      return children.slice(index);
  }
}
