// Path confinement: every guest path is resolved here before any host fs call sees it.
//
// Guest paths are relative, `..` is resolved lexically and may not climb above the preopen, and symlinks are
// resolved on the host (the parent with realpath, the last component hop by hop) so that the path handed to
// node:fs has no symlink left in it that could lead outside the preopen's real root.

import { lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fail, hostCall, rethrowAsResult } from './errors.js';

/** A preopened directory: its real host path and whether the guest may change anything under it. */
export interface SandboxRoot {
  /** realpath of the preopen's host directory, taken once when the host is created. */
  readonly realRoot: string;
  readonly readonly: boolean;
}

/** A guest path resolved to a host path inside a root. */
export interface Resolved {
  /** Absolute host path: no symlink in any parent, nor in the last component when followed. */
  readonly host: string;
  /** The same location as segments under the root's real path (empty for the root itself). */
  readonly rel: readonly string[];
}

/** Symlink hops followed before giving up with `loop` (Linux uses 40). */
const MAX_SYMLINK_HOPS = 40;

/** True when `path` is `root` or below it. */
export function isInside(root: string, path: string): boolean {
  if (path === root) return true;
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Checks a guest path and joins it to `base` lexically. Rejects NUL (`invalid`), absolute paths and
 * backslashes (`not-permitted`), and any `..` that climbs above the root (`not-permitted`).
 */
export function joinGuestPath(
  base: readonly string[],
  path: string,
): { rel: string[]; trailingSlash: boolean } {
  if (typeof path !== 'string') return fail('invalid');
  if (path.includes('\0')) return fail('invalid');
  if (path === '') return fail('no-entry');
  if (path.startsWith('/') || path.includes('\\')) return fail('not-permitted');
  const rel = [...base];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (rel.pop() === undefined) return fail('not-permitted');
    } else {
      rel.push(segment);
    }
  }
  return { rel, trailingSlash: path.endsWith('/') };
}

/** The last segment a guest wrote (`.` and `..` included), used to refuse removing `.` or `..`. */
export function lastGuestSegment(path: string): string {
  const parts = path.split('/').filter((part) => part !== '');
  return parts[parts.length - 1] ?? '.';
}

function realInside(root: SandboxRoot, hostPath: string): string {
  const real = hostCall(() => realpathSync.native(hostPath));
  if (!isInside(root.realRoot, real)) return fail('not-permitted');
  return real;
}

/** lstat, or `undefined` when nothing is there; other failures become WASI errors. */
export function lstatOrUndefined(hostPath: string): Stats | undefined {
  try {
    return lstatSync(hostPath);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    return rethrowAsResult(error);
  }
}

/**
 * Resolves `path` (relative to the directory `base` under `root`) to a host path inside the root.
 * With `follow`, a symlink in the last component is followed too (hop by hop, each hop checked); a path
 * that does not exist yet resolves to where it would be created. Anything that leads outside the root's
 * real path fails with `not-permitted`.
 */
export function resolveAt(
  root: SandboxRoot,
  base: readonly string[],
  path: string,
  follow: boolean,
): Resolved {
  const { rel, trailingSlash } = joinGuestPath(base, path);
  const last = rel[rel.length - 1];
  if (last === undefined) return { host: root.realRoot, rel: [] };

  let candidate = join(realInside(root, join(root.realRoot, ...rel.slice(0, -1))), last);
  let stat = lstatOrUndefined(candidate);
  for (let hops = 0; follow && stat?.isSymbolicLink(); hops++) {
    if (hops >= MAX_SYMLINK_HOPS) return fail('loop');
    const target = hostCall(() => readlinkSync(candidate));
    const next = isAbsolute(target) ? resolve(target) : resolve(dirname(candidate), target);
    candidate = join(realInside(root, dirname(next)), basename(next));
    stat = lstatOrUndefined(candidate);
  }
  if (!isInside(root.realRoot, candidate)) return fail('not-permitted');
  // `name/` must be a directory; a symlink there is one only when followed.
  if (trailingSlash && stat !== undefined && !stat.isDirectory()) return fail('not-directory');
  const inner = relative(root.realRoot, candidate);
  return { host: candidate, rel: inner === '' ? [] : inner.split(sep) };
}

/** The host path of an already opened directory, checked again (it may have been replaced since). */
export function resolveDirectory(root: SandboxRoot, rel: readonly string[]): string {
  return rel.length === 0 ? root.realRoot : resolveAt(root, rel, '.', true).host;
}

/**
 * Checks the target of a symlink the guest wants to create at `linkRel`: it must be relative and, read from
 * the link's directory, stay inside the root. Links are followed with the same checks anyway; this keeps the
 * guest from planting links that point outside at all.
 */
export function checkSymlinkTarget(linkRel: readonly string[], target: string): void {
  if (typeof target !== 'string' || target.includes('\0')) fail('invalid');
  if (target === '') fail('no-entry');
  if (target.startsWith('/') || target.includes('\\')) fail('not-permitted');
  joinGuestPath(linkRel.slice(0, -1), target);
}
