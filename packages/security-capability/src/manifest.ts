import { readFile } from 'node:fs/promises';
import { describeValue, isAirssysError, validateLimits, validateQuotas } from '@airssys/core';
import { parse } from 'smol-toml';
import * as v from 'valibot';
import { ManifestError, showValue } from './errors.js';
import { CAPABILITY_KINDS, parseGrant } from './grant.js';
import { EXPECTED, KNOWN_KEYS, MANIFEST_SCHEMA } from './schema.js';
import type { Grant, Manifest, ParseManifestOptions } from './types.js';

/** Largest manifest accepted, in characters. */
export const MAX_MANIFEST_LENGTH = 256 * 1024;

const DEFAULT_FILE = 'Component.toml';
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

type IssuePath = NonNullable<v.BaseIssue<unknown>['path']>;

/** `capabilities.network[1]`-style rendering of a valibot issue path. */
function keyOf(path: IssuePath | undefined): { key: string; table: string } {
  let key = '';
  let table = '';
  for (const item of path ?? []) {
    const k = item.key;
    if (typeof k === 'number') key += `[${k}]`;
    else {
      table = key;
      const name = String(k);
      key += PLAIN_KEY.test(name) ? (key === '' ? name : `.${name}`) : `[${JSON.stringify(name)}]`;
    }
  }
  return { key, table };
}

function expectedFor(key: string): string {
  if (/^capabilities\.[a-z]+\[\d+\]$/.test(key)) return EXPECTED.capabilities_item!;
  if (/^capabilities\.[a-z]+$/.test(key)) return EXPECTED.capabilities_list!;
  return EXPECTED[key] ?? 'valid';
}

function issueError(file: string, issue: v.BaseIssue<unknown>): ManifestError {
  const { key, table } = keyOf(issue.path);
  if (issue.expected === 'never' && issue.path !== undefined) {
    const name = String(issue.path[issue.path.length - 1]?.key);
    const known = (KNOWN_KEYS[table] ?? []).map((k) => `\`${k}\``).join(', ');
    const where = table === '' ? 'a top-level table' : `a key of \`[${table}]\``;
    return new ManifestError({ file, key, expected: `${where} (one of ${known})`, got: showValue(name) });
  }
  const got = issue.input === undefined ? 'nothing' : showValue(issue.input);
  return new ManifestError({ file, key, expected: expectedFor(key), got });
}

/** Re-words a core limits/quotas error for the manifest, keeping its key and reason. */
function fromCore(file: string, error: unknown): ManifestError {
  if (!isAirssysError(error)) throw error;
  const fields = error as unknown as { key?: string; value?: unknown };
  const text = error.message;
  const match = /^Expected `[^`]*` to be (.+?), got `/.exec(text);
  return new ManifestError({
    file,
    key: fields.key ?? '',
    expected: match?.[1] ?? text,
    got: showValue(fields.value),
    message: `\`${file}\`: ${text.charAt(0).toLowerCase()}${text.slice(1)}`,
    cause: error,
  });
}

function parseToml(file: string, text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    const line = (error as { line?: number }).line;
    const first = String((error as Error)?.message ?? error).split('\n')[0] ?? '';
    const what = first.replace(/^Invalid TOML document: /, '');
    const at = typeof line === 'number' ? ` at line ${line}` : '';
    throw new ManifestError({ file, key: '', expected: 'valid TOML', got: `${what}${at}`, cause: error });
  }
}

/**
 * Parses and validates the text of a `Component.toml`; throws `ManifestError` (`INVALID_MANIFEST`) naming the
 * file, the key and what was expected.
 * @example parseManifest(text, { file: 'Component.toml' }).component.id // 'acme/order-intake'
 */
export function parseManifest(text: string, options: ParseManifestOptions = {}): Manifest {
  const file = options.file ?? DEFAULT_FILE;
  if (typeof text !== 'string' || text.length > MAX_MANIFEST_LENGTH) {
    const got = typeof text === 'string' ? `${text.length} characters` : describeValue(text);
    throw new ManifestError({
      file,
      key: '',
      expected: `TOML text of at most ${MAX_MANIFEST_LENGTH} characters`,
      got,
    });
  }
  const data = parseToml(file, text);
  const result = v.safeParse(MANIFEST_SCHEMA, data, { abortEarly: true });
  if (!result.success) throw issueError(file, result.issues[0]);
  const doc = result.output;
  const namespace = doc.component.namespace ?? 'local';
  const component = Object.freeze({
    namespace,
    name: doc.component.name,
    version: doc.component.version,
    source: doc.component.source,
    id: `${namespace}/${doc.component.name}`,
  });
  let limits: Manifest['limits'];
  let quotas: Manifest['quotas'];
  try {
    limits = validateLimits(doc.limits ?? {}, { path: 'limits' });
    quotas = validateQuotas(doc.quotas ?? {}, { path: 'quotas' });
  } catch (error) {
    throw fromCore(file, error);
  }
  const capabilities: Grant[] = [];
  for (const kind of CAPABILITY_KINDS) {
    const list = doc.capabilities?.[kind] ?? [];
    list.forEach((entry, i) => {
      try {
        capabilities.push(parseGrant(kind, entry));
      } catch (error) {
        if (!isAirssysError(error)) throw error;
        const expected = (error as { expected?: string }).expected ?? error.message;
        throw new ManifestError({
          file,
          key: `capabilities.${kind}[${i}]`,
          expected,
          got: showValue(entry),
          cause: error,
        });
      }
    });
  }
  return Object.freeze({ file, component, limits, capabilities: Object.freeze(capabilities), quotas });
}

/** Reads and parses a `Component.toml`; the path is named in every error. */
export async function loadManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code ?? String(error);
    throw new ManifestError({ file: path, key: '', expected: 'a readable file', got: code, cause: error });
  }
  return parseManifest(text, { file: path });
}
