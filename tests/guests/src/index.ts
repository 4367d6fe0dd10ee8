import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The guest components built by `npm run build:guests` (never committed):
 * - `echo`: world `airssys:core/component` in hand-written WAT; `handle-message` returns a copy of the payload
 *   and first calls host `log` when the payload is one byte long.
 * - `hostile`: world `airssys:test-guests/hostile`: `spin`, `hog`, `hog-trap`, `boom`, `recurse`, `add`, `echo`.
 * - `tiny`: world `airssys:test-guests/tiny`: `ping() -> u32` returns 42; no memory, no imports.
 * - `ts-echo`: world `airssys:core/component` in TypeScript via componentize-js (about 12 MB).
 */
export const GUESTS = ['echo', 'hostile', 'tiny', 'ts-echo'] as const;

/** The name of one built guest. */
export type GuestName = (typeof GUESTS)[number];

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** Absolute path of `dist/<name>.wasm`; throws when the guest is unknown or has not been built. */
export function guestPath(name: GuestName): string {
  if (!(GUESTS as readonly string[]).includes(name)) {
    throw new Error(
      `Unknown guest \`${name}\`; expected one of ${GUESTS.map((g) => `\`${g}\``).join(', ')}.`,
    );
  }
  const path = join(DIST, `${name}.wasm`);
  if (!existsSync(path)) {
    throw new Error(`Guest \`${name}\` is not built (no \`${path}\`); run \`npm run build:guests\` first.`);
  }
  return path;
}

/** The component bytes of a built guest. */
export function readGuest(name: GuestName): Uint8Array {
  return readFileSync(guestPath(name));
}
