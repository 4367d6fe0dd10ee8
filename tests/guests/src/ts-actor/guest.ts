// `ts-actor`: ONE airssys component (world `airssys:core/component`, TypeScript via componentize-js) that plays
// a different role under each name, so end-to-end tests spawn many components from a single binary.
// The role comes from `host-messaging.self-id()` at `initialize`, or at the first call that needs it.
import type * as Lifecycle from 'airssys:core/component-lifecycle@1.0.0';
import { selfId } from 'airssys:core/host-messaging@1.0.0';
import { createCrasher, createFlakyHealth, createSpinner, createStorer } from './fault-roles.js';
import { guarded } from './host.js';
import { createBilling, createIntake, createSubscriber, createSwitchboard } from './messaging-roles.js';
import { createDefault, type Role } from './role.js';

/** First match wins: a component whose name includes the key plays that role (`acme/billing`, `test/billing-2`). */
const ROLES: [string, () => Role][] = [
  ['billing', createBilling],
  ['intake', createIntake],
  ['subscriber', createSubscriber],
  ['crasher', createCrasher],
  ['flaky-health', createFlakyHealth],
  ['spinner', createSpinner],
  ['storer', createStorer],
  ['switchboard', createSwitchboard],
];

let role: Role | undefined;

function current(): Role {
  if (!role) {
    const { name } = selfId();
    role = (ROLES.find(([key]) => name.includes(key))?.[1] ?? createDefault)();
  }
  return role;
}

export const componentLifecycle: typeof Lifecycle = {
  initialize() {
    guarded(current);
  },
  handleMessage(msg) {
    return guarded(() => current().message(msg));
  },
  handleCallback(correlationId, outcome) {
    guarded(() => current().callback?.(correlationId, outcome));
  },
  metadata() {
    const { name, description } = current();
    return { name, version: '1.0.0', description };
  },
  health() {
    return current().health?.() ?? 'healthy';
  },
  shutdown() {},
};
