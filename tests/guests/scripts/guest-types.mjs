// Generates the `declare module 'airssys:…'` types that TypeScript guests are checked against.
// Run on its own (`node scripts/guest-types.mjs`, part of `typecheck`) or imported by build-guest.mjs.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GUESTS, guestTypesDir } from './guests.mjs';

/** Writes the guest types of `guest`'s world; files whose content is unchanged are left alone. */
export async function writeGuestTypes(guest) {
  const { types } = await import('@bytecodealliance/jco');
  const files = await types(guest.wit, { worldName: guest.world, guest: true });
  const outDir = guestTypesDir(guest);
  for (const [name, bytes] of Object.entries(files)) {
    const file = join(outDir, name);
    let current;
    try {
      current = readFileSync(file);
    } catch {}
    if (current && Buffer.compare(current, bytes) === 0) continue;
    mkdirSync(dirname(file), { recursive: true });
    // Write then rename, so a concurrent type-check never reads half a file.
    writeFileSync(`${file}.${process.pid}.tmp`, bytes);
    renameSync(`${file}.${process.pid}.tmp`, file);
  }
  return outDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const guest of GUESTS.filter((g) => g.kind === 'ts')) await writeGuestTypes(guest);
}
