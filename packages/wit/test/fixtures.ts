import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `shared/` sits beside the repo: <parent>/main (this repo) and <parent>/shared/fixtures.
const besideRepo = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));

/** The folder of jco's third-party components; `AIRSSYS_FIXTURES` (the `shared/fixtures` folder) overrides. */
export function jcoFixturesDir(): string {
  const root = process.env.AIRSSYS_FIXTURES || besideRepo;
  const dir = existsSync(join(root, 'third-party', 'jco')) ? join(root, 'third-party', 'jco') : root;
  if (!existsSync(join(dir, 'adder.component.wasm'))) {
    throw new Error(
      `Expected the jco fixtures in \`${dir}\`; set AIRSSYS_FIXTURES to the shared/fixtures folder.`,
    );
  }
  return dir;
}

/** The bytes of one third-party component, for example `adder.component.wasm`. */
export function readFixture(name: string): Uint8Array {
  return readFileSync(join(jcoFixturesDir(), name));
}
