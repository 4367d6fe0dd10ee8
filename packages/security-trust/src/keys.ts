import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { describeValue } from '@airssys/core';
import { InvalidKeyError } from './errors.js';

// Keys are Ed25519. The canonical text form is base64 of the raw 32 bytes (the public key, or the private
// seed); PEM (SPKI for public, PKCS#8 for private) is accepted wherever a key is read.

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const RAW_KEY_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Rule every key id follows: letters, digits, `.`, `_`, `:`, `-`, at most 64 characters. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** A fresh Ed25519 key pair in both text forms, with its fingerprint as the key id. */
export interface GeneratedKeyPair {
  /** {@link keyFingerprint} of the public key. */
  readonly keyId: string;
  /** Base64 of the raw 32-byte public key: the form `trust.toml` uses. */
  readonly publicKey: string;
  /** Base64 of the raw 32-byte private seed. Keep it secret. */
  readonly privateKey: string;
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
}

/** Generates an Ed25519 key pair for signing components. */
export function generateKeyPair(): GeneratedKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const rawPublic = rawPublicKey(publicKey);
  const rawPrivate = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  return {
    keyId: fingerprintOf(rawPublic),
    publicKey: rawPublic.toString('base64'),
    privateKey: rawPrivate.toString('base64'),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

/** Short fingerprint of a public key: the first 16 hex digits of the sha-256 of its raw 32 bytes. */
export function keyFingerprint(publicKey: string | KeyObject): string {
  const key = typeof publicKey === 'string' ? parsePublicKey(publicKey) : publicKey;
  return fingerprintOf(rawPublicKey(key));
}

/** Reads an Ed25519 public key given as PEM (SPKI) or base64 of the raw 32 bytes. */
export function parsePublicKey(text: string, key = 'publicKey'): KeyObject {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  try {
    if (trimmed.startsWith('-----BEGIN')) {
      const object = createPublicKey(trimmed);
      if (object.asymmetricKeyType === 'ed25519') return object;
    } else {
      const raw = decodeRaw(trimmed);
      if (raw !== undefined)
        return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    }
  } catch (cause) {
    throw invalid(key, text, 'public', cause);
  }
  throw invalid(key, text, 'public');
}

/** Reads an Ed25519 private key given as PEM (PKCS#8) or base64 of the raw 32-byte seed. */
export function parsePrivateKey(text: string | KeyObject, key = 'privateKey'): KeyObject {
  if (typeof text === 'object' && text !== null && (text as KeyObject).type === 'private') {
    if ((text as KeyObject).asymmetricKeyType === 'ed25519') return text as KeyObject;
    throw invalid(key, '[KeyObject]', 'private');
  }
  const trimmed = typeof text === 'string' ? text.trim() : '';
  try {
    if (trimmed.startsWith('-----BEGIN')) {
      const object = createPrivateKey(trimmed);
      if (object.asymmetricKeyType === 'ed25519') return object;
    } else {
      const raw = decodeRaw(trimmed);
      if (raw !== undefined) {
        return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' });
      }
    }
  } catch (cause) {
    throw invalid(key, '[redacted]', 'private', cause);
  }
  // Never echo private key material into an error message.
  throw invalid(key, typeof text === 'string' ? '[redacted]' : text, 'private');
}

/** Base64 of the raw 32 bytes of a public key: the canonical text form. */
export function formatPublicKey(publicKey: KeyObject): string {
  return rawPublicKey(publicKey).toString('base64');
}

function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

function fingerprintOf(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

function decodeRaw(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const raw = Buffer.from(text, 'base64');
  return raw.length === RAW_KEY_BYTES && raw.toString('base64') === text ? raw : undefined;
}

function invalid(key: string, value: unknown, kind: 'public' | 'private', cause?: unknown): InvalidKeyError {
  const form = kind === 'public' ? 'PEM (SPKI)' : 'PEM (PKCS#8)';
  return new InvalidKeyError(
    `Expected \`${key}\` to be an Ed25519 ${kind} key as ${form} or base64 of 32 raw bytes, got \`${describeValue(value)}\`.`,
    { key, value, cause },
  );
}
