import { describe, expect, it } from 'vitest';
import { determineTrust, generateKeyPair, sha256Hex, signComponent, type TrustConfig } from '../src/index.js';
import { MANIFEST, WASM } from './helpers.js';

const pair = generateKeyPair();
const hash = sha256Hex(WASM);
const signature = signComponent({
  wasm: WASM,
  manifest: MANIFEST,
  privateKey: pair.privateKey,
  keyId: pair.keyId,
});
const config: TrustConfig = {
  signingKeys: [{ id: pair.keyId, publicKey: pair.publicKey }],
  gitSources: [{ url: 'https://github.com/acme/*', branch: 'main' }],
  localPaths: [{ path: '/srv/components/**' }],
  devMode: false,
};

describe('determine-trust', () => {
  it('trusts a component signed by a trusted key and names the key', () => {
    const decision = determineTrust({ hash, manifest: MANIFEST, signature }, config);
    expect(decision).toMatchObject({ level: 'trusted', basis: 'signature', keyId: pair.keyId });
    expect(decision.reason).toBe(
      `Signed by trusted key \`${pair.keyId}\` over wasm \`${hash.slice(0, 12)}\` and its manifest.`,
    );
  });

  it('trusts a component from a trusted git source and names the pattern', () => {
    const source = { kind: 'git', url: 'https://github.com/acme/tool.git', branch: 'main' } as const;
    const decision = determineTrust({ hash, manifest: MANIFEST, source }, config);
    expect(decision).toMatchObject({
      level: 'trusted',
      basis: 'git-source',
      pattern: 'https://github.com/acme/*',
    });
    expect(decision.reason).toBe(
      'Git source `https://github.com/acme/tool.git` on branch `main` matches trusted pattern `https://github.com/acme/*`.',
    );
  });

  it('trusts a component from a trusted local path', () => {
    const source = { kind: 'local', path: '/srv/components/a/b.wasm' } as const;
    expect(determineTrust({ hash, manifest: MANIFEST, source }, config)).toMatchObject({
      level: 'trusted',
      basis: 'local-path',
      reason: 'Local path `/srv/components/a/b.wasm` matches trusted pattern `/srv/components/**`.',
    });
  });

  it('gives dev-mode, never trusted, when only dev mode applies', () => {
    const dev = { ...config, devMode: true, devModeOrigin: 'env' } as const;
    const decision = determineTrust(
      { hash, manifest: MANIFEST, source: { kind: 'local', path: '/tmp/x.wasm' } },
      dev,
    );
    expect(decision).toMatchObject({ level: 'dev-mode', basis: 'dev-mode' });
    expect(decision.reason).toMatch(/^Dev mode is on \(`AIRSSYS_DEV_MODE=1`\): the component is not trusted/);
  });

  it('leaves a component unknown when nothing matches and says what was checked', () => {
    const source = { kind: 'git', url: 'https://gitlab.com/acme/tool' } as const;
    expect(determineTrust({ hash, manifest: MANIFEST, source }, config)).toEqual({
      level: 'unknown',
      basis: 'none',
      signatureFailure: undefined,
      reason:
        'No trusted signature, git source or local path matched source `https://gitlab.com/acme/tool`, and dev mode is off.',
    });
  });

  it('does not fall back to a trusted source when a presented signature fails', () => {
    const source = { kind: 'local', path: '/srv/components/a.wasm' } as const;
    const decision = determineTrust({ hash, manifest: `${MANIFEST}#`, source, signature }, config);
    expect(decision).toMatchObject({
      level: 'unknown',
      basis: 'none',
      signatureFailure: { code: 'SIGNATURE_MISMATCH' },
    });
    expect(decision.reason).toMatch(/^Not trusted: the signature was rejected \(SIGNATURE_MISMATCH\)/);
  });

  it('reads a signature given as JSON text and reports a malformed one as a failure', () => {
    expect(
      determineTrust({ hash, manifest: MANIFEST, signature: JSON.stringify(signature) }, config).level,
    ).toBe('trusted');
    expect(determineTrust({ hash, manifest: MANIFEST, signature: '{' }, config)).toMatchObject({
      level: 'unknown',
      signatureFailure: { code: 'INVALID_SIGNATURE' },
    });
  });
});
