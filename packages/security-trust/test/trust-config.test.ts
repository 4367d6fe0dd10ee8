import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  devModeFromEnv,
  generateKeyPair,
  InvalidTrustConfigError,
  loadTrustConfig,
  parseTrustConfig,
} from '../src/index.js';
import { thrown } from './helpers.js';

const pair = generateKeyPair();
const noEnv = { env: {} };
const full = `
dev-mode = false

[[signing-keys]]
id = "${pair.keyId}"
public-key = "${pair.publicKey}"
description = "release key"

[[signing-keys]]
id = "pem-key"
public-key = """
${generateKeyPair().publicKeyPem}"""

[[git-sources]]
url = "https://github.com/acme/*"
branch = "main"

[[local-paths]]
path = "/srv/components/**"
`;

function message(text: string): string {
  return (thrown(() => parseTrustConfig(text, noEnv)) as Error).message;
}

describe('trust-config', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('reads keys, git sources, local paths and dev mode', () => {
    const config = parseTrustConfig(full, noEnv);
    expect(config.devMode).toBe(false);
    expect(config.signingKeys).toHaveLength(2);
    expect(config.signingKeys[0]).toEqual({
      id: pair.keyId,
      publicKey: pair.publicKey,
      description: 'release key',
    });
    // A PEM key is stored in the raw base64 form.
    expect(Buffer.from(config.signingKeys[1]!.publicKey, 'base64')).toHaveLength(32);
    expect(config.gitSources).toEqual([
      { url: 'https://github.com/acme/*', branch: 'main', description: undefined },
    ]);
    expect(config.localPaths).toEqual([{ path: '/srv/components/**', description: undefined }]);
  });

  it('gives an empty file the configuration that trusts nothing', () => {
    expect(parseTrustConfig('', noEnv)).toEqual({
      signingKeys: [],
      gitSources: [],
      localPaths: [],
      devMode: false,
      devModeOrigin: undefined,
    });
  });

  it('switches dev mode on from the file or from AIRSSYS_DEV_MODE=1 only', () => {
    expect(parseTrustConfig('dev-mode = true', noEnv)).toMatchObject({
      devMode: true,
      devModeOrigin: 'config',
    });
    expect(parseTrustConfig('', { env: { AIRSSYS_DEV_MODE: '1' } })).toMatchObject({
      devMode: true,
      devModeOrigin: 'env',
    });
    expect(parseTrustConfig('', { env: { AIRSSYS_DEV_MODE: 'yes' } }).devMode).toBe(false);
    expect(devModeFromEnv({ AIRSSYS_DEV_MODE: '0' })).toBe(false);
  });

  it('names the file, line and column of a TOML syntax error', () => {
    const error = thrown(() => parseTrustConfig('dev-mode = = true', { file: 'conf/trust.toml', env: {} }));
    expect(error).toBeInstanceOf(InvalidTrustConfigError);
    expect((error as Error).message).toMatch(
      /^Expected `conf\/trust.toml` to be valid TOML, got a syntax error at line 1/,
    );
  });

  it('names the key and the expected type of a wrong value', () => {
    expect(message('dev-mode = "yes"')).toBe(
      'Expected `dev-mode` in `trust.toml` to be of type boolean, got `yes`.',
    );
    expect(message('signing-keys = 3')).toBe(
      'Expected `signing-keys` in `trust.toml` to be of type array, got `3`.',
    );
    expect(message('[[signing-keys]]\nid = "k"')).toBe(
      'Expected `signing-keys[0].public-key` in `trust.toml` to be set, since it is required, got `undefined`.',
    );
    expect(message('[[git-sources]]\nurl = 5')).toBe(
      'Expected `git-sources[0].url` in `trust.toml` to be of type string, got `5`.',
    );
  });

  it('refuses unknown keys so that a typo cannot silently disable a rule', () => {
    expect(message('dev_mode = true')).toMatch(/^Expected no key `dev_mode` in `trust.toml`/);
    expect(message('[[git-sources]]\nurl = "https://github.com/acme/*"\nbranches = "main"')).toMatch(
      /`git-sources\[0\].branches`/,
    );
  });

  it('rejects a malformed or duplicated key and names it', () => {
    const bad = `[[signing-keys]]\nid = "k"\npublic-key = "AAAA"`;
    expect(message(bad)).toBe(
      'Expected `signing-keys[0].public-key` in `trust.toml` to be an Ed25519 public key (base64 or PEM), got `AAAA`.',
    );
    const twice = `[[signing-keys]]\nid = "k"\npublic-key = "${pair.publicKey}"\n`.repeat(2);
    expect(message(twice)).toBe(
      'Expected `signing-keys[1].id` in `trust.toml` to be unique among the signing keys, got `k`.',
    );
    expect(message(`[[signing-keys]]\nid = "a b"\npublic-key = "${pair.publicKey}"`)).toMatch(
      /`signing-keys\[0\].id`/,
    );
  });

  it('rejects source patterns it could not match safely', () => {
    expect(message('[[git-sources]]\nurl = "https://*.github.com/acme/*"')).toMatch(
      /^Expected `git-sources\[0\].url` in `trust.toml` to be a git URL glob \(it has host `\*.github.com`/,
    );
    expect(message('[[local-paths]]\npath = "srv/**"')).toMatch(
      /`local-paths\[0\].path`.*not an absolute path/,
    );
    expect(message('[[local-paths]]\npath = "/srv/../etc/**"')).toMatch(/`\.` or `\.\.` segment/);
    expect(message('[[git-sources]]\nurl = "https://github.com/acme/*"\nbranch = ""')).toMatch(
      /`git-sources\[0\].branch`/,
    );
  });

  it('loads a file from disk and treats a missing one as empty', () => {
    dir = mkdtempSync(join(tmpdir(), 'airssys-trust-'));
    const path = join(dir, 'trust.toml');
    expect(loadTrustConfig(path, noEnv).signingKeys).toEqual([]);
    writeFileSync(path, full);
    expect(loadTrustConfig(path, noEnv).signingKeys).toHaveLength(2);
    writeFileSync(path, 'dev-mode = 1');
    expect(() => loadTrustConfig(path, noEnv)).toThrow(`Expected \`dev-mode\` in \`${path}\``);
  });
});
