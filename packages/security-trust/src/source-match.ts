import { posix } from 'node:path';
import { matchSegments, unsafePathReason } from './glob.js';
import type { GitSourcePattern, LocalPathPattern } from './types.js';

/** A git URL reduced to what matching compares: scheme, lowercase host (with a non-default port), path segments. */
export interface NormalisedGitUrl {
  readonly scheme: string;
  readonly host: string;
  readonly segments: readonly string[];
}

/** Either the normalised value or why it cannot be matched. */
export type Normalised<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

const SCHEMES = new Set(['https', 'http', 'ssh', 'git']);
const DEFAULT_PORTS: Record<string, string> = { ssh: '22', git: '9418' };
const SCP_LIKE = /^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+):(?!\/\/)(.*)$/;
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?$/;

/**
 * Normalises a git URL (or, with `pattern`, a URL glob): lowercase scheme and host, default ports, userinfo,
 * trailing slashes and a `.git` suffix dropped; `user@host:path` read as `ssh://host/path`. Dot segments,
 * percent-encoding, backslashes, queries and fragments are refused rather than interpreted.
 */
export function normaliseGitUrl(text: string, pattern = false): Normalised<NormalisedGitUrl> {
  if (typeof text !== 'string' || text === '') return fail('is empty');
  const unsafe = unsafePathReason(text);
  if (unsafe !== undefined) return fail(unsafe);
  const scp = text.includes('://') ? null : SCP_LIKE.exec(text);
  const full = scp === null ? text : `ssh://${scp[1]}/${scp[2]}`;
  if (full.split('/').some((segment) => segment === '.' || segment === '..')) {
    return fail('contains a `.` or `..` segment');
  }
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    return fail('is not a URL');
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (!SCHEMES.has(scheme)) return fail(`uses scheme \`${scheme}\`, not https, http, ssh or git`);
  if (url.search !== '' || url.hash !== '') return fail('has a query or fragment');
  const port = url.port === '' || url.port === DEFAULT_PORTS[scheme] ? '' : `:${url.port}`;
  const host = `${url.hostname.toLowerCase()}${port}`;
  if (!HOST.test(host)) return fail(`has host \`${host}\`, which is not a plain DNS name`);
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const last = segments.length - 1;
  if (last >= 0 && segments[last]!.endsWith('.git')) segments[last] = segments[last]!.slice(0, -4);
  if (segments.some((segment) => segment === '')) return fail('has an empty repository name');
  if (!pattern && segments.some((segment) => segment.includes('*'))) return fail('contains `*`');
  if (segments.length === 0) return fail('has no repository path');
  return { ok: true, value: { scheme, host, segments } };
}

/** True when `url` (and `branch`) satisfy the pattern: same scheme, same host, path glob, exact branch if given. */
export function matchGitSource(pattern: GitSourcePattern, url: string, branch?: string): boolean {
  const glob = normaliseGitUrl(pattern.url, true);
  const value = normaliseGitUrl(url);
  if (!glob.ok || !value.ok) return false;
  if (glob.value.scheme !== value.value.scheme || glob.value.host !== value.value.host) return false;
  if (!matchSegments(glob.value.segments, value.value.segments)) return false;
  return pattern.branch === undefined || pattern.branch === branch;
}

/**
 * Normalises an absolute local path (or, with `pattern`, a path glob): `.` and `..` resolved for values
 * (refused in patterns), repeated and trailing slashes dropped. NUL, backslashes and percent-encoding are refused.
 */
export function normaliseLocalPath(text: string, pattern = false): Normalised<readonly string[]> {
  if (typeof text !== 'string' || !text.startsWith('/')) return fail('is not an absolute path');
  const unsafe = unsafePathReason(text);
  if (unsafe !== undefined) return fail(unsafe);
  const raw = text.split('/');
  if (pattern && raw.some((segment) => segment === '.' || segment === '..')) {
    return fail('contains a `.` or `..` segment');
  }
  if (!pattern && raw.some((segment) => segment.includes('*'))) return fail('contains `*`');
  return {
    ok: true,
    value: posix
      .normalize(text)
      .split('/')
      .filter((segment) => segment !== ''),
  };
}

/** True when the absolute `path`, once normalised, matches the pattern's path glob. */
export function matchLocalPath(pattern: LocalPathPattern, path: string): boolean {
  const glob = normaliseLocalPath(pattern.path, true);
  const value = normaliseLocalPath(path);
  return glob.ok && value.ok && matchSegments(glob.value, value.value);
}

function fail(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}
