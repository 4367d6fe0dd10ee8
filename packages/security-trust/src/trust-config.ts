import { readFileSync } from 'node:fs';
import { describeValue } from '@airssys/core';
import { parse as parseToml } from 'smol-toml';
import * as v from 'valibot';
import { InvalidTrustConfigError } from './errors.js';
import { formatPublicKey, KEY_ID_PATTERN, parsePublicKey } from './keys.js';
import { normaliseGitUrl, normaliseLocalPath } from './source-match.js';
import type { DevModeOrigin, TrustConfig } from './types.js';

/** Environment variable that switches dev mode on when set to `1`. */
export const DEV_MODE_ENV = 'AIRSSYS_DEV_MODE';

/** Options of {@link parseTrustConfig} and {@link loadTrustConfig}. */
export interface TrustConfigOptions {
  /** File name used in error messages. @default 'trust.toml' */
  file?: string | undefined;
  /** Where `AIRSSYS_DEV_MODE` is read from. @default process.env */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

const optionalText = v.optional(v.pipe(v.string(), v.nonEmpty()));
const schema = v.strictObject({
  'dev-mode': v.optional(v.boolean()),
  'signing-keys': v.optional(
    v.array(
      v.strictObject({ id: v.string(), 'public-key': v.string(), description: v.optional(v.string()) }),
    ),
  ),
  'git-sources': v.optional(
    v.array(v.strictObject({ url: v.string(), branch: optionalText, description: v.optional(v.string()) })),
  ),
  'local-paths': v.optional(
    v.array(v.strictObject({ path: v.string(), description: v.optional(v.string()) })),
  ),
});

/** True when the environment switches dev mode on (`AIRSSYS_DEV_MODE=1`). */
export function devModeFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env[DEV_MODE_ENV] === '1';
}

/** Parses and validates the text of `trust.toml`; every error names the file, the key and what was expected. */
export function parseTrustConfig(text: string, options: TrustConfigOptions = {}): TrustConfig {
  const file = options.file ?? 'trust.toml';
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (cause) {
    const where = cause as { line?: number; column?: number; message?: string };
    const at = where.line === undefined ? '' : ` at line ${where.line}, column ${where.column}`;
    throw new InvalidTrustConfigError(
      `Expected \`${file}\` to be valid TOML, got a syntax error${at}: \`${describeValue(firstLine(where.message))}\`.`,
      { file, cause },
    );
  }
  const result = v.safeParse(schema, raw);
  if (!result.success) throw fromIssue(file, result.issues[0]);
  const input = result.output;

  const ids = new Set<string>();
  const signingKeys = (input['signing-keys'] ?? []).map((entry, index) => {
    const at = `signing-keys[${index}]`;
    if (!KEY_ID_PATTERN.test(entry.id)) {
      throw bad(file, `${at}.id`, entry.id, "letters, digits, '.', '_', ':' or '-', at most 64 characters");
    }
    if (ids.has(entry.id)) throw bad(file, `${at}.id`, entry.id, 'unique among the signing keys');
    ids.add(entry.id);
    let publicKey: string;
    try {
      publicKey = formatPublicKey(parsePublicKey(entry['public-key']));
    } catch (cause) {
      throw bad(
        file,
        `${at}.public-key`,
        entry['public-key'],
        'an Ed25519 public key (base64 or PEM)',
        cause,
      );
    }
    return { id: entry.id, publicKey, description: entry.description };
  });
  const gitSources = (input['git-sources'] ?? []).map((entry, index) => {
    const url = normaliseGitUrl(entry.url, true);
    if (!url.ok) throw bad(file, `git-sources[${index}].url`, entry.url, `a git URL glob (it ${url.reason})`);
    return { url: entry.url, branch: entry.branch, description: entry.description };
  });
  const localPaths = (input['local-paths'] ?? []).map((entry, index) => {
    const path = normaliseLocalPath(entry.path, true);
    if (!path.ok)
      throw bad(file, `local-paths[${index}].path`, entry.path, `an absolute path glob (it ${path.reason})`);
    return { path: entry.path, description: entry.description };
  });

  const fromEnv = devModeFromEnv(options.env);
  const fromConfig = input['dev-mode'] === true;
  const devModeOrigin: DevModeOrigin | undefined = fromConfig ? 'config' : fromEnv ? 'env' : undefined;
  return { signingKeys, gitSources, localPaths, devMode: devModeOrigin !== undefined, devModeOrigin };
}

/** Reads `trust.toml` from disk; a missing file gives the empty configuration (nothing trusted). */
export function loadTrustConfig(path: string, options: TrustConfigOptions = {}): TrustConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if ((cause as { code?: unknown }).code !== 'ENOENT') {
      throw new InvalidTrustConfigError(
        `Expected \`${path}\` to be a readable file, got an error reading it.`,
        {
          file: path,
          cause,
        },
      );
    }
    text = '';
  }
  return parseTrustConfig(text, { ...options, file: options.file ?? path });
}

function fromIssue(file: string, issue: v.BaseIssue<unknown> | undefined): InvalidTrustConfigError {
  const path = issue?.path?.map((item) =>
    typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`,
  );
  const key = (path ?? []).join('').replace(/^\./, '') || '(root)';
  if (issue?.expected === 'never') {
    return new InvalidTrustConfigError(
      `Expected no key \`${key}\` in \`${file}\` (see the documented keys), got \`${describeValue(issue.input)}\`.`,
      { file, key, value: issue.input },
    );
  }
  if (issue?.type === 'strict_object' && issue.input === undefined) {
    return bad(file, key, undefined, 'set, since it is required');
  }
  const expected = (issue?.expected ?? 'a valid value').toLowerCase();
  return bad(file, key, issue?.input, expected === '!0' ? 'a non-empty string' : `of type ${expected}`);
}

function bad(
  file: string,
  key: string,
  value: unknown,
  expected: string,
  cause?: unknown,
): InvalidTrustConfigError {
  return new InvalidTrustConfigError(
    `Expected \`${key}\` in \`${file}\` to be ${expected}, got \`${describeValue(value)}\`.`,
    { file, key, value, cause },
  );
}

function firstLine(text: string | undefined): string {
  return (text ?? 'unknown error').split('\n')[0] ?? '';
}
