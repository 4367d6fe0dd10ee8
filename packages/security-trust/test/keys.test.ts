import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatPublicKey,
  generateKeyPair,
  InvalidKeyError,
  keyFingerprint,
  parsePrivateKey,
  parsePublicKey,
} from '../src/index.js';
import { thrown } from './helpers.js';

describe('keys', () => {
  it('generates a key pair in raw base64 and PEM forms with a fingerprint id', () => {
    const pair = generateKeyPair();
    expect(Buffer.from(pair.publicKey, 'base64')).toHaveLength(32);
    expect(Buffer.from(pair.privateKey, 'base64')).toHaveLength(32);
    expect(pair.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(pair.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(pair.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyFingerprint(pair.publicKey)).toBe(pair.keyId);
    expect(keyFingerprint(pair.publicKeyPem)).toBe(pair.keyId);
  });

  it('reads the raw and the PEM form of one key as the same key', () => {
    const pair = generateKeyPair();
    expect(formatPublicKey(parsePublicKey(pair.publicKeyPem))).toBe(pair.publicKey);
    const fromRaw = parsePrivateKey(pair.privateKey);
    const fromPem = parsePrivateKey(pair.privateKeyPem);
    expect(formatPublicKey(createPublicKey(fromRaw))).toBe(pair.publicKey);
    expect(formatPublicKey(createPublicKey(fromPem))).toBe(pair.publicKey);
  });

  it('gives different key pairs different ids', () => {
    expect(generateKeyPair().keyId).not.toBe(generateKeyPair().keyId);
  });

  it('rejects a public key of the wrong length, naming the value and the expected forms', () => {
    const error = thrown(() => parsePublicKey(Buffer.alloc(31).toString('base64')));
    expect(error).toBeInstanceOf(InvalidKeyError);
    expect(error).toMatchObject({ code: 'INVALID_KEY', key: 'publicKey' });
    expect((error as Error).message).toMatch(
      /Expected `publicKey` to be an Ed25519 public key as PEM .* got `/,
    );
  });

  it('rejects a PEM key of another algorithm', () => {
    const otherPem = generateKeyPairSync('x25519')
      .publicKey.export({ format: 'pem', type: 'spki' })
      .toString();
    expect(() => parsePublicKey(otherPem)).toThrow(InvalidKeyError);
    expect(() => parsePublicKey('not a key')).toThrow(/got `not a key`/);
  });

  it('never repeats private key material in an error', () => {
    const secret = `${Buffer.alloc(31, 7).toString('base64')}`;
    const error = thrown(() => parsePrivateKey(secret)) as InvalidKeyError;
    expect(error.code).toBe('INVALID_KEY');
    expect(error.message).not.toContain(secret);
    expect(error.value).not.toBe(secret);
  });
});
