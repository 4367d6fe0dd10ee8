import { describe, expect, it } from 'vitest';
import {
  formatSignatureDocument,
  generateKeyPair,
  parseSignatureDocument,
  SignatureError,
  sha256Hex,
  signComponent,
  verifyComponent,
} from '../src/index.js';
import { MANIFEST, thrown, WASM } from './helpers.js';

const pair = generateKeyPair();
const keys = [{ id: pair.keyId, publicKey: pair.publicKey }];
const signed = signComponent({
  wasm: WASM,
  manifest: MANIFEST,
  privateKey: pair.privateKey,
  keyId: pair.keyId,
});

describe('signature', () => {
  it('produces a detached document naming the key and both hashes', () => {
    expect(signed).toMatchObject({
      format: 'airssys-signature/1',
      algorithm: 'ed25519',
      keyId: pair.keyId,
      wasmSha256: sha256Hex(WASM),
      manifestSha256: sha256Hex(MANIFEST),
    });
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
  });

  it('verifies the files it was made for, from the object or its JSON text', () => {
    expect(verifyComponent({ wasm: WASM, manifest: MANIFEST, signature: signed, keys })).toEqual({
      keyId: pair.keyId,
      wasmSha256: sha256Hex(WASM),
      manifestSha256: sha256Hex(MANIFEST),
    });
    const text = formatSignatureDocument(signed);
    expect(
      verifyComponent({ wasmSha256: sha256Hex(WASM), manifest: MANIFEST, signature: text, keys }).keyId,
    ).toBe(pair.keyId);
  });

  it('signs with a PEM private key as well as a raw one', () => {
    const pem = signComponent({
      wasm: WASM,
      manifest: MANIFEST,
      privateKey: pair.privateKeyPem,
      keyId: pair.keyId,
    });
    expect(pem.signature).toBe(signed.signature);
    expect(verifyComponent({ wasm: WASM, manifest: MANIFEST, signature: pem, keys }).keyId).toBe(pair.keyId);
  });

  it('fails when any single byte of the wasm changes', () => {
    for (let index = 0; index < WASM.length; index++) {
      const changed = WASM.slice();
      changed[index] = (changed[index]! + 1) % 256;
      const error = thrown(() =>
        verifyComponent({ wasm: changed, manifest: MANIFEST, signature: signed, keys }),
      );
      expect(error).toMatchObject({ code: 'SIGNATURE_MISMATCH', key: 'wasmSha256' });
    }
  });

  it('fails when any single byte of the manifest changes', () => {
    const bytes = Buffer.from(MANIFEST);
    for (let index = 0; index < bytes.length; index++) {
      const changed = Buffer.from(bytes);
      changed[index] = (changed[index]! + 1) % 256;
      const error = thrown(() => verifyComponent({ wasm: WASM, manifest: changed, signature: signed, keys }));
      expect(error).toMatchObject({ code: 'SIGNATURE_MISMATCH', key: 'manifestSha256' });
    }
  });

  it('fails when any byte of the signature itself changes', () => {
    const raw = Buffer.from(signed.signature, 'base64');
    for (const index of [0, 17, 63]) {
      const changed = Buffer.from(raw);
      changed[index] = changed[index]! ^ 0x01;
      const forged = { ...signed, signature: changed.toString('base64') };
      const error = thrown(() =>
        verifyComponent({ wasm: WASM, manifest: MANIFEST, signature: forged, keys }),
      );
      expect(error).toMatchObject({ code: 'INVALID_SIGNATURE', key: 'signature' });
    }
  });

  it('names the key id it does not know and the keys it does', () => {
    const error = thrown(() =>
      verifyComponent({ wasm: WASM, manifest: MANIFEST, signature: { ...signed, keyId: 'stranger' }, keys }),
    ) as SignatureError;
    expect(error).toBeInstanceOf(SignatureError);
    expect(error.code).toBe('UNKNOWN_KEY');
    expect(error.message).toBe(
      `Expected \`keyId\` to name a trusted key (\`${pair.keyId}\`), got \`stranger\`.`,
    );
  });

  it('names the field when a signature document is malformed', () => {
    const cases: [unknown, string][] = [
      ['{not json', 'signature document'],
      [[], 'signature document'],
      [{ ...signed, format: 'airssys-signature/2' }, 'format'],
      [{ ...signed, algorithm: 'rsa' }, 'algorithm'],
      [{ ...signed, keyId: 'has space' }, 'keyId'],
      [{ ...signed, wasmSha256: 'ABC' }, 'wasmSha256'],
      [{ ...signed, manifestSha256: undefined }, 'manifestSha256'],
      [{ ...signed, signature: 'AAAA' }, 'signature'],
    ];
    for (const [input, field] of cases) {
      const error = thrown(() => parseSignatureDocument(input)) as SignatureError;
      expect(error.code).toBe('INVALID_SIGNATURE');
      expect(error.message).toContain(
        field === 'signature document' && typeof input === 'string' ? 'JSON' : `\`${field}\``,
      );
    }
  });

  it('rejects a key id that could not appear in a document', () => {
    expect(() =>
      signComponent({ wasm: WASM, manifest: MANIFEST, privateKey: pair.privateKey, keyId: '' }),
    ).toThrow(/Expected `keyId`/);
  });
});
