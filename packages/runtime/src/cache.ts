import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from './component-bytes.js';
import { JCO_VERSION, type TranspiledComponent } from './transpile.js';
import type { ComponentExport, ComponentImport } from './types.js';

/** Bump when the cached layout or the glue patches change. */
const CACHE_FORMAT = 7;
const META = 'meta.json';
const GLUE = 'glue.js';

/** What a cache folder holds besides the files. */
interface CacheMeta {
  format: number;
  hash: string;
  jco: string;
  imports: ComponentImport[];
  exports: ComponentExport[];
  coreFiles: string[];
}

/** A transpiled component as read back from disk. */
export interface CachedComponent {
  glue: string;
  coreFiles: Record<string, Uint8Array>;
  imports: ComponentImport[];
  exports: ComponentExport[];
}

/** Cache key of a component: its hash, the jco release and the transpile options. */
export function cacheKey(hash: string): string {
  return sha256Hex(`${hash}|jco@${JCO_VERSION}|instantiation=sync|format=${CACHE_FORMAT}`).slice(0, 40);
}

/** Read a cached component, or undefined when the folder is missing or incomplete. */
export async function readCached(dir: string, hash: string): Promise<CachedComponent | undefined> {
  const folder = join(dir, cacheKey(hash));
  let meta: CacheMeta;
  try {
    meta = JSON.parse(await readFile(join(folder, META), 'utf8')) as CacheMeta;
  } catch {
    return undefined;
  }
  if (meta.format !== CACHE_FORMAT || meta.hash !== hash) return undefined;
  const coreFiles: Record<string, Uint8Array> = {};
  for (const file of meta.coreFiles) coreFiles[file] = new Uint8Array(await readFile(join(folder, file)));
  const glue = await readFile(join(folder, GLUE), 'utf8');
  return { glue, coreFiles, imports: meta.imports, exports: meta.exports };
}

/**
 * Write a transpiled component atomically: into a temporary folder renamed into place, so a crash or a
 * second process never sees half a cache entry.
 */
export async function writeCached(dir: string, hash: string, t: TranspiledComponent): Promise<void> {
  const folder = join(dir, cacheKey(hash));
  const tmp = `${folder}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await mkdir(tmp, { recursive: true });
  await writeFile(join(tmp, GLUE), t.glue);
  for (const [file, content] of Object.entries(t.coreFiles)) await writeFile(join(tmp, file), content);
  const meta: CacheMeta = {
    format: CACHE_FORMAT,
    hash,
    jco: JCO_VERSION,
    imports: t.imports,
    exports: t.exports,
    coreFiles: Object.keys(t.coreFiles),
  };
  await writeFile(join(tmp, META), JSON.stringify(meta));
  try {
    if (existsSync(folder)) await rm(folder, { recursive: true, force: true });
    await rename(tmp, folder);
  } catch {
    // Another process won the race with identical content.
    await rm(tmp, { recursive: true, force: true });
  }
}

/** A lock older than this is taken to belong to a crashed process. */
const STALE_LOCK_MS = 10 * 60 * 1000;
const POLL_MS = 100;

/**
 * Run `produce` for one cache key at most once across processes sharing `dir`: the first takes a lock file and
 * transpiles; the others wait for its entry instead of transpiling the same 12 MB component at the same time.
 */
export async function withCacheLock<T>(
  dir: string,
  hash: string,
  read: () => Promise<T | undefined>,
  produce: () => Promise<T>,
): Promise<T> {
  await mkdir(dir, { recursive: true });
  const lock = join(dir, `${cacheKey(hash)}.lock`);
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) await rm(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const ready = await read();
      if (ready !== undefined) return ready;
      continue;
    }
    try {
      return (await read()) ?? (await produce());
    } finally {
      await rm(lock, { force: true });
    }
  }
}
