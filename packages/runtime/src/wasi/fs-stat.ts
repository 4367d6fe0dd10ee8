// Conversions between node:fs metadata and the WASI filesystem shapes.

import { createHash } from 'node:crypto';
import type { BigIntStats, Dirent, Stats } from 'node:fs';
import { toDatetime } from './clocks.js';
import { fail } from './errors.js';
import type { FsContext } from './file-handle.js';
import type { DescriptorStat, DescriptorType, MetadataHashValue, NewTimestamp } from './wit-types.js';

/** The WASI type of a stat result or directory entry. */
export function descriptorType(entry: Stats | BigIntStats | Dirent): DescriptorType {
  if (entry.isFile()) return 'regular-file';
  if (entry.isDirectory()) return 'directory';
  if (entry.isSymbolicLink()) return 'symbolic-link';
  if (entry.isFIFO()) return 'fifo';
  if (entry.isSocket()) return 'socket';
  if (entry.isCharacterDevice()) return 'character-device';
  if (entry.isBlockDevice()) return 'block-device';
  return 'unknown';
}

/** A WASI `descriptor-stat` from a bigint stat result. */
export function toDescriptorStat(stats: BigIntStats): DescriptorStat {
  return {
    type: descriptorType(stats),
    linkCount: stats.nlink,
    size: stats.size,
    dataAccessTimestamp: toDatetime(stats.atimeNs),
    dataModificationTimestamp: toDatetime(stats.mtimeNs),
    statusChangeTimestamp: toDatetime(stats.ctimeNs),
  };
}

/**
 * A metadata hash: equal for the same device and inode, keyed per host so a guest cannot read inode numbers
 * out of it.
 */
export function metadataHash(ctx: FsContext, stats: BigIntStats): MetadataHashValue {
  const digest = createHash('sha256').update(ctx.hashKey).update(`${stats.dev}:${stats.ino}`).digest();
  return { upper: digest.readBigUInt64LE(0), lower: digest.readBigUInt64LE(8) };
}

function toSeconds(timestamp: NewTimestamp, current: bigint): number {
  switch (timestamp.tag) {
    case 'no-change':
      return Number(current) / 1e9;
    case 'now':
      return Date.now() / 1000;
    case 'timestamp': {
      const { seconds, nanoseconds } = timestamp.val;
      if (nanoseconds < 0 || nanoseconds >= 1e9) return fail('invalid');
      return Number(seconds) + nanoseconds / 1e9;
    }
    default:
      return fail('invalid');
  }
}

/** Access and modification times for `utimes`, in seconds; `no-change` keeps the values in `current`. */
export function newTimes(
  access: NewTimestamp,
  modification: NewTimestamp,
  current: () => BigIntStats,
): [number, number] {
  const needsCurrent = access.tag === 'no-change' || modification.tag === 'no-change';
  const stats = needsCurrent ? current() : undefined;
  return [toSeconds(access, stats?.atimeNs ?? 0n), toSeconds(modification, stats?.mtimeNs ?? 0n)];
}
