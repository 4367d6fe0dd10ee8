/**
 * When a child is restarted: `permanent` always, `transient` only after a failure (not after a normal
 * exit), `temporary` never.
 */
export type RestartPolicy = 'permanent' | 'transient' | 'temporary';

/** How a child ended: it stopped by itself (`normal`) or crashed (`failure`). */
export type ExitKind = 'normal' | 'failure';

/** Every {@link RestartPolicy}. */
export const RESTART_POLICIES: readonly RestartPolicy[] = Object.freeze([
  'permanent',
  'transient',
  'temporary',
]);

/** True for a valid {@link RestartPolicy}. */
export function isRestartPolicy(value: unknown): value is RestartPolicy {
  return (RESTART_POLICIES as readonly unknown[]).includes(value);
}

/**
 * Whether a child that ended with `exit` is restarted.
 * @example shouldRestart('transient', 'normal') // false
 */
export function shouldRestart(policy: RestartPolicy, exit: ExitKind): boolean {
  switch (policy) {
    case 'permanent':
      return true;
    case 'transient':
      return exit === 'failure';
    case 'temporary':
      return false;
  }
}

/**
 * Whether a child that did not fail is restarted with a failed sibling (one-for-all, rest-for-one).
 * A temporary child is stopped instead and stays stopped, as in Erlang/OTP.
 */
export function restartsWithSibling(policy: RestartPolicy): boolean {
  return policy !== 'temporary';
}
