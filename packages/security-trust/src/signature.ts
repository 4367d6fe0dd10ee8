import { createHash, sign, verify } from 'node:crypto';
import { describeValue } from '@airssys/core';
import { SignatureError } from './errors.js';
import { KEY_ID_PATTERN, parsePrivateKey, parsePublicKey } from './keys.js';
import type { SignatureDocument, TrustedKey } from './types.js';

/** The `format` every signature document carries. */
export const SIGNATURE_FORMAT = 'airssys-signature/1';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const SIGNATURE_BYTES = 64;

/** Lowercase hex sha-256 of bytes; a string is hashed as its UTF-8 bytes. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The exact bytes an Ed25519 signature covers: format, algorithm, key id and both hashes, one per line. */
export function signaturePayload(document: Omit<SignatureDocument, 'signature'>): Buffer {
  const { format, algorithm, keyId, wasmSha256, manifestSha256 } = document;
  return Buffer.from(`${format}\n${algorithm}\n${keyId}\n${wasmSha256}\n${manifestSha256}\n`, 'utf8');
}

/** Options of {@link signComponent}. */
export interface SignComponentOptions {
  readonly wasm: Uint8Array;
  /** The manifest exactly as stored; a string is taken as UTF-8. */
  readonly manifest: Uint8Array | string;
  /** PEM (PKCS#8) or base64 of the raw 32-byte seed. */
  readonly privateKey: string;
  /** The id the verifier knows the matching public key by. */
  readonly keyId: string;
}

/** Signs sha-256(wasm) and sha-256(manifest) with an Ed25519 key; returns the detached signature document. */
export function signComponent(options: SignComponentOptions): SignatureDocument {
  if (typeof options.keyId !== 'string' || !KEY_ID_PATTERN.test(options.keyId)) {
    throw invalid('keyId', options.keyId, "letters, digits, '.', '_', ':' or '-', at most 64 characters");
  }
  const key = parsePrivateKey(options.privateKey);
  const unsigned = {
    format: SIGNATURE_FORMAT,
    algorithm: 'ed25519',
    keyId: options.keyId,
    wasmSha256: sha256Hex(options.wasm),
    manifestSha256: sha256Hex(options.manifest),
  } as const;
  return { ...unsigned, signature: sign(null, signaturePayload(unsigned), key).toString('base64') };
}

/** Reads a signature document from JSON text or a parsed object; errors name the bad field. */
export function parseSignatureDocument(input: string | unknown): SignatureDocument {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (cause) {
      throw new SignatureError(
        'INVALID_SIGNATURE',
        `Expected the signature document to be JSON, got \`${describeValue(input)}\`.`,
        { value: input, cause },
      );
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('signature document', value, 'a JSON object');
  }
  const doc = value as Record<string, unknown>;
  if (doc.format !== SIGNATURE_FORMAT) throw invalid('format', doc.format, `\`${SIGNATURE_FORMAT}\``);
  if (doc.algorithm !== 'ed25519') throw invalid('algorithm', doc.algorithm, '`ed25519`');
  if (typeof doc.keyId !== 'string' || !KEY_ID_PATTERN.test(doc.keyId)) {
    throw invalid('keyId', doc.keyId, "letters, digits, '.', '_', ':' or '-', at most 64 characters");
  }
  for (const field of ['wasmSha256', 'manifestSha256'] as const) {
    const hash = doc[field];
    if (typeof hash !== 'string' || !SHA256_HEX.test(hash)) {
      throw invalid(field, hash, '64 lowercase hex digits');
    }
  }
  const signature = doc.signature;
  if (
    typeof signature !== 'string' ||
    !BASE64.test(signature) ||
    Buffer.from(signature, 'base64').length !== SIGNATURE_BYTES
  ) {
    throw invalid('signature', signature, `base64 of ${SIGNATURE_BYTES} bytes`);
  }
  return {
    format: SIGNATURE_FORMAT,
    algorithm: 'ed25519',
    keyId: doc.keyId,
    wasmSha256: doc.wasmSha256 as string,
    manifestSha256: doc.manifestSha256 as string,
    signature,
  };
}

/** The JSON text of a signature document, as written next to the component (`<name>.wasm.sig.json`). */
export function formatSignatureDocument(document: SignatureDocument): string {
  return `${JSON.stringify(parseSignatureDocument(document), null, 2)}\n`;
}

/** Options of {@link verifyComponent}: the wasm bytes or their hash, the manifest, the signature, the trusted keys. */
export type VerifyComponentOptions = (
  | { readonly wasm: Uint8Array; readonly wasmSha256?: undefined }
  | { readonly wasmSha256: string; readonly wasm?: undefined }
) & {
  readonly manifest: Uint8Array | string;
  readonly signature: SignatureDocument | string;
  readonly keys: readonly TrustedKey[];
};

/** What a valid signature proved. */
export interface VerifiedSignature {
  readonly keyId: string;
  readonly wasmSha256: string;
  readonly manifestSha256: string;
}

/** Checks a detached signature against the files and the trusted keys; throws a `SignatureError` unless it holds. */
export function verifyComponent(options: VerifyComponentOptions): VerifiedSignature {
  const doc = parseSignatureDocument(options.signature);
  const trusted = options.keys.find((candidate) => candidate.id === doc.keyId);
  if (trusted === undefined) {
    const known = options.keys.map((k) => k.id).join('`, `');
    throw new SignatureError(
      'UNKNOWN_KEY',
      `Expected \`keyId\` to name a trusted key${known === '' ? '' : ` (\`${known}\`)`}, got \`${doc.keyId}\`.`,
      { key: 'keyId', value: doc.keyId },
    );
  }
  const wasmSha256 = options.wasm === undefined ? options.wasmSha256.toLowerCase() : sha256Hex(options.wasm);
  const manifestSha256 = sha256Hex(options.manifest);
  if (doc.wasmSha256 !== wasmSha256) throw mismatch('wasmSha256', doc.wasmSha256, wasmSha256, 'wasm');
  if (doc.manifestSha256 !== manifestSha256) {
    throw mismatch('manifestSha256', doc.manifestSha256, manifestSha256, 'manifest');
  }
  const publicKey = parsePublicKey(trusted.publicKey, `key \`${trusted.id}\``);
  const ok = verify(null, signaturePayload(doc), publicKey, Buffer.from(doc.signature, 'base64'));
  if (!ok) {
    throw new SignatureError(
      'INVALID_SIGNATURE',
      `Expected \`signature\` to verify with trusted key \`${doc.keyId}\`, got \`${describeValue(doc.signature)}\` which does not.`,
      { key: 'signature', value: doc.signature, componentHash: wasmSha256 },
    );
  }
  return { keyId: doc.keyId, wasmSha256, manifestSha256 };
}

function invalid(field: string, value: unknown, expected: string): SignatureError {
  return new SignatureError(
    'INVALID_SIGNATURE',
    `Expected \`${field}\` of the signature document to be ${expected}, got \`${describeValue(value)}\`.`,
    { key: field, value },
  );
}

function mismatch(field: string, signed: string, actual: string, file: string): SignatureError {
  return new SignatureError(
    'SIGNATURE_MISMATCH',
    `Expected the ${file} to have the signed sha-256 \`${signed}\` (\`${field}\`), got \`${actual}\`.`,
    { key: field, value: actual, componentHash: file === 'wasm' ? actual : undefined },
  );
}
