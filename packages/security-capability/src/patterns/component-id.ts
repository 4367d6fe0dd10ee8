import { componentKey, MAX_COMPONENT_ID_SEGMENT, parseComponentId } from '@airssys/core';
import { InvalidCapabilityError, InvalidResourceError, showValue } from '../errors.js';
import type { CompiledPattern } from './glob.js';

// Component-id patterns are `namespace/name` where either part may be `*` (a whole part, never a partial
// match like `bill*`). Targets are parsed with core's `parseComponentId` and compared by `namespace/name`, so
// `billing` means `local/billing` and every instance (`acme/billing#2`) shares the grant of its component.

const SEGMENT = /^[a-z][a-z0-9-]*$/;
const PATTERN_HINT = 'a component-id pattern like `acme/billing`, `acme/*` or `*/*`';

/**
 * Normalises a concrete target id to `namespace/name`. Throws `InvalidResourceError`.
 * @example normaliseComponentTarget('acme/billing#2') // 'acme/billing'
 */
export function normaliseComponentTarget(target: unknown): string {
  try {
    return componentKey(parseComponentId(target as string));
  } catch (error) {
    const message = `Target \`${showValue(target)}\` is refused: expected a component id like \`acme/billing\`.`;
    throw Object.assign(new InvalidResourceError(message, target), { cause: error });
  }
}

function validPart(part: string): boolean {
  return part === '*' || (part.length <= MAX_COMPONENT_ID_SEGMENT && SEGMENT.test(part));
}

/**
 * Compiles a component-id pattern. Throws `InvalidCapabilityError`.
 * @example compileComponentIdPattern('acme/*').match('acme/billing') // true
 */
export function compileComponentIdPattern(text: string): CompiledPattern {
  const parts = typeof text === 'string' ? text.split('/') : [];
  const [namespace = '', name = ''] = parts;
  if (parts.length !== 2 || !validPart(namespace) || !validPart(name)) {
    const why = typeof text !== 'string' || text.trim() === '' ? 'it is empty' : 'expected `namespace/name`';
    throw new InvalidCapabilityError(`${PATTERN_HINT} (${why})`, text, showValue(text));
  }
  const head = `${namespace}/`;
  const tail = `/${name}`;
  let match: (id: string) => boolean;
  if (namespace === '*') match = name === '*' ? () => true : (id) => id.endsWith(tail);
  else match = name === '*' ? (id) => id.startsWith(head) : (id) => id === text;
  const bucket = namespace === '*' ? '' : name === '*' ? namespace : text;
  return { pattern: text, bucket, match };
}

/** Index buckets a normalised target may meet: itself, its namespace, and the catch-all. */
export function componentIdBuckets(id: string): string[] {
  return [id, id.slice(0, id.indexOf('/')), ''];
}
