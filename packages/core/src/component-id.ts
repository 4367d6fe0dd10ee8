import { describeValue, InvalidComponentIdError } from './errors.js';

/**
 * Identity of a component: `namespace/name`, plus an instance tag when one component runs more than once.
 *
 * String form: `namespace/name` when `instance` is the default `"0"`, otherwise `namespace/name#instance`.
 * Parsing also accepts `name` alone (namespace `local`) and an explicit `#0`, so the string form is
 * canonical: `formatComponentId(parseComponentId(s))` gives the same text for every spelling of one id.
 */
export interface ComponentId {
  /** Owner of the component, for example `acme`; `local` when the manifest does not say. */
  readonly namespace: string;
  /** Name of the component within its namespace, for example `order-intake`. */
  readonly name: string;
  /** Which running copy of the component this is; `"0"` for the first or only one. */
  readonly instance: string;
}

/** Fields accepted by {@link createComponentId}; only `name` is required. */
export interface ComponentIdInput {
  /** @default 'local' */
  namespace?: string | undefined;
  name: string;
  /** A number is turned into its decimal string. @default '0' */
  instance?: string | number | undefined;
}

/** Namespace used when none is given. */
export const DEFAULT_NAMESPACE = 'local';

/** Instance used when none is given; it is left out of the string form. */
export const DEFAULT_INSTANCE = '0';

/** Longest namespace, name or instance, in characters. */
export const MAX_COMPONENT_ID_SEGMENT = 64;

const SEGMENT = /^[a-z][a-z0-9-]*$/;
const INSTANCE = /^[a-z0-9][a-z0-9-]*$/;
const SEGMENT_RULE = "lowercase letters, digits and '-', starting with a letter, at most 64 characters";
const INSTANCE_RULE = "lowercase letters, digits and '-', at most 64 characters";

function isSegment(text: unknown): text is string {
  return typeof text === 'string' && text.length <= MAX_COMPONENT_ID_SEGMENT && SEGMENT.test(text);
}

function isInstance(text: unknown): text is string {
  return typeof text === 'string' && text.length <= MAX_COMPONENT_ID_SEGMENT && INSTANCE.test(text);
}

function fail(whole: unknown, message: string): never {
  throw new InvalidComponentIdError(message, { value: whole });
}

function checkPart(whole: unknown, part: 'namespace' | 'name' | 'instance', value: unknown): string {
  const ok = part === 'instance' ? isInstance(value) : isSegment(value);
  if (!ok) {
    const rule = part === 'instance' ? INSTANCE_RULE : SEGMENT_RULE;
    const where = typeof whole === 'string' ? ` in component id \`${whole}\`` : '';
    fail(whole, `Expected the ${part}${where} to be ${rule}, got \`${describeValue(value)}\`.`);
  }
  return value as string;
}

/** Builds a validated, frozen {@link ComponentId}; throws {@link InvalidComponentIdError} on a bad part. */
export function createComponentId(input: ComponentIdInput): ComponentId {
  const instance = typeof input.instance === 'number' ? String(input.instance) : input.instance;
  return Object.freeze({
    namespace: checkPart(input, 'namespace', input.namespace ?? DEFAULT_NAMESPACE),
    name: checkPart(input, 'name', input.name),
    instance: checkPart(input, 'instance', instance ?? DEFAULT_INSTANCE),
  });
}

/**
 * Parses `namespace/name`, `name`, `namespace/name#instance` or `name#instance`.
 * @example parseComponentId('acme/order-intake#2') // { namespace: 'acme', name: 'order-intake', instance: '2' }
 */
export function parseComponentId(text: string): ComponentId {
  if (typeof text !== 'string' || text.length === 0) {
    fail(text, `Expected a component id like \`acme/order-intake\`, got \`${describeValue(text)}\`.`);
  }
  const hash = text.indexOf('#');
  const path = hash === -1 ? text : text.slice(0, hash);
  const instance = hash === -1 ? DEFAULT_INSTANCE : text.slice(hash + 1);
  const parts = path.split('/');
  if (parts.length > 2) {
    fail(text, `Expected a component id like \`acme/order-intake\` with at most one '/', got \`${text}\`.`);
  }
  const [first, second] = parts;
  const namespace = second === undefined ? DEFAULT_NAMESPACE : first;
  const name = second === undefined ? first : second;
  return Object.freeze({
    namespace: checkPart(text, 'namespace', namespace),
    name: checkPart(text, 'name', name),
    instance: checkPart(text, 'instance', instance),
  });
}

/** Canonical string form: `namespace/name`, with `#instance` only when the instance is not `"0"`. */
export function formatComponentId(id: ComponentId): string {
  const base = `${id.namespace}/${id.name}`;
  return id.instance === DEFAULT_INSTANCE ? base : `${base}#${id.instance}`;
}

/** True when `value` is a record with a valid namespace, name and instance. */
export function isComponentId(value: unknown): value is ComponentId {
  if (typeof value !== 'object' || value === null) return false;
  const id = value as Record<string, unknown>;
  return isSegment(id.namespace) && isSegment(id.name) && isInstance(id.instance);
}

/** True when two ids name the same component instance. */
export function componentIdEquals(a: ComponentId, b: ComponentId): boolean {
  return a.namespace === b.namespace && a.name === b.name && a.instance === b.instance;
}

/** The `namespace/name` part alone, shared by every instance of a component (used for storage and grants). */
export function componentKey(id: ComponentId): string {
  return `${id.namespace}/${id.name}`;
}
