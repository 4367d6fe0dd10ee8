import { AirssysError, type AirssysErrorOptions, type CapabilityKind, describeValue } from '@airssys/core';

/** True when `text` holds NUL or another C0 control character, or DEL. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Renders a value for a message: like `describeValue`, with control characters (NUL…) escaped. */
export function showValue(value: unknown): string {
  const text = describeValue(value);
  return hasControlCharacter(text) ? JSON.stringify(text).slice(1, -1) : text;
}

/** Codes of the errors `@airssys/security-capability` throws. */
export type CapabilityErrorCode =
  | 'INVALID_MANIFEST'
  | 'INVALID_CAPABILITY'
  | 'INVALID_RESOURCE'
  | 'CAPABILITY_DENIED';

/** Fields of a {@link ManifestError}: where in which file, what was expected and what was found. */
export interface ManifestErrorOptions extends AirssysErrorOptions {
  /** The manifest's file name or path, as given. */
  file: string;
  /** Dotted key path, for example `capabilities.network[1]`; empty for the whole document. */
  key: string;
  expected: string;
  /** The offending value, rendered for a person. */
  got: string;
  /** Replaces the generated message (used to keep the wording of core's limit errors). */
  message?: string | undefined;
}

/** Thrown when `Component.toml` is not valid TOML or breaks the manifest schema (code `INVALID_MANIFEST`). */
export class ManifestError extends AirssysError {
  declare readonly code: 'INVALID_MANIFEST';
  readonly file: string;
  readonly key: string;
  readonly expected: string;
  readonly got: string;

  constructor(options: ManifestErrorOptions) {
    const subject = options.key === '' ? '' : ` \`${options.key}\` to be`;
    const message =
      options.message ??
      `\`${options.file}\`: expected${subject} ${options.expected}, got \`${options.got}\`.`;
    super('INVALID_MANIFEST', message, options);
    this.name = 'ManifestError';
    this.file = options.file;
    this.key = options.key;
    this.expected = options.expected;
    this.got = options.got;
  }
}

/** Thrown when a capability string or pattern is malformed (code `INVALID_CAPABILITY`). */
export class InvalidCapabilityError extends AirssysError {
  declare readonly code: 'INVALID_CAPABILITY';
  /** What a valid capability or pattern looks like. */
  readonly expected: string;
  /** The rejected text. */
  readonly value: unknown;

  constructor(expected: string, value: unknown, got: string, options: AirssysErrorOptions = {}) {
    super('INVALID_CAPABILITY', `Expected ${expected}, got \`${got}\`.`, options);
    this.name = 'InvalidCapabilityError';
    this.expected = expected;
    this.value = value;
  }
}

/** Thrown by the resource normalisers when a requested resource is refused outright (code `INVALID_RESOURCE`). */
export class InvalidResourceError extends AirssysError {
  declare readonly code: 'INVALID_RESOURCE';
  /** The rejected resource. */
  readonly value: unknown;

  constructor(message: string, value: unknown) {
    super('INVALID_RESOURCE', message);
    this.name = 'InvalidResourceError';
    this.value = value;
  }
}

/** Fields of a {@link CapabilityDeniedError}. */
export interface CapabilityDeniedErrorOptions extends AirssysErrorOptions {
  componentId: string;
  kind: CapabilityKind | string;
  action: string;
  resource: string;
  /** Why the check failed, as returned in the decision. */
  reason: string;
}

/** Thrown by `registry.require()` when a check is denied (code `CAPABILITY_DENIED`). */
export class CapabilityDeniedError extends AirssysError {
  declare readonly code: 'CAPABILITY_DENIED';
  declare readonly componentId: string;
  readonly kind: string;
  readonly action: string;
  readonly resource: string;
  readonly reason: string;

  constructor(options: CapabilityDeniedErrorOptions) {
    const { componentId, kind, action, resource, reason } = options;
    const why = reason.replace(/\.$/, '');
    const message =
      `Component \`${componentId}\` may not \`${showValue(action)}\` ${kind} resource \`${showValue(resource)}\`: ` +
      `${why.charAt(0).toLowerCase()}${why.slice(1)}; grant it in \`[capabilities].${kind}\` of its \`Component.toml\`.`;
    super('CAPABILITY_DENIED', message, { ...options, capability: `${kind}:${action}:${resource}` });
    this.name = 'CapabilityDeniedError';
    this.kind = kind;
    this.action = action;
    this.resource = resource;
    this.reason = reason;
  }
}
