import { isAirssysError } from '@airssys/core';
import { verifyComponent } from './signature.js';
import { matchGitSource, matchLocalPath } from './source-match.js';
import { DEV_MODE_ENV } from './trust-config.js';
import type { ComponentSource, SignatureDocument, TrustConfig, TrustDecision } from './types.js';

/** What {@link determineTrust} looks at. */
export interface TrustInput {
  /** Lowercase hex sha-256 of the wasm bytes. */
  readonly hash: string;
  /** The manifest exactly as stored; a string is taken as UTF-8. */
  readonly manifest: Uint8Array | string;
  readonly source?: ComponentSource | undefined;
  /** The detached signature document, parsed or as JSON text. */
  readonly signature?: SignatureDocument | string | undefined;
}

/**
 * Decides how far to trust a component, in this order: a valid signature by a trusted key over the wasm hash
 * and the manifest hash; a trusted git source or local path; dev mode (`dev-mode`, never `trusted`); else
 * `unknown`. A signature that is present but fails is never ignored: the component cannot become trusted
 * through its source, and the reason says what failed.
 */
export function determineTrust(input: TrustInput, config: TrustConfig): TrustDecision {
  let signatureFailure: TrustDecision['signatureFailure'];
  if (input.signature !== undefined) {
    try {
      const verified = verifyComponent({
        wasmSha256: input.hash,
        manifest: input.manifest,
        signature: input.signature,
        keys: config.signingKeys,
      });
      return {
        level: 'trusted',
        basis: 'signature',
        keyId: verified.keyId,
        reason: `Signed by trusted key \`${verified.keyId}\` over wasm \`${short(verified.wasmSha256)}\` and its manifest.`,
      };
    } catch (error) {
      if (!isAirssysError(error)) throw error;
      signatureFailure = { code: error.code, message: error.message };
    }
  }

  if (signatureFailure === undefined && input.source !== undefined) {
    const matched = matchSource(input.source, config);
    if (matched !== undefined) return matched;
  }

  const rejected =
    signatureFailure === undefined
      ? ''
      : ` The signature was rejected (${signatureFailure.code}): ${signatureFailure.message}`;
  if (config.devMode) {
    const origin =
      config.devModeOrigin === 'env' ? `\`${DEV_MODE_ENV}=1\`` : '`dev-mode = true` in trust.toml';
    return {
      level: 'dev-mode',
      basis: 'dev-mode',
      signatureFailure,
      reason: `Dev mode is on (${origin}): the component is not trusted and its approval is bypassed.${rejected}`,
    };
  }
  const what = input.source === undefined ? 'the component' : `source \`${describeSource(input.source)}\``;
  return {
    level: 'unknown',
    basis: 'none',
    signatureFailure,
    reason:
      signatureFailure === undefined
        ? `No trusted signature, git source or local path matched ${what}, and dev mode is off.`
        : `Not trusted: the signature was rejected (${signatureFailure.code}): ${signatureFailure.message}`,
  };
}

function matchSource(source: ComponentSource, config: TrustConfig): TrustDecision | undefined {
  if (source.kind === 'git') {
    const pattern = config.gitSources.find((candidate) =>
      matchGitSource(candidate, source.url, source.branch),
    );
    if (pattern === undefined) return undefined;
    const branch = pattern.branch === undefined ? '' : ` on branch \`${pattern.branch}\``;
    return {
      level: 'trusted',
      basis: 'git-source',
      pattern: pattern.url,
      reason: `Git source \`${source.url}\`${branch} matches trusted pattern \`${pattern.url}\`.`,
    };
  }
  const pattern = config.localPaths.find((candidate) => matchLocalPath(candidate, source.path));
  if (pattern === undefined) return undefined;
  return {
    level: 'trusted',
    basis: 'local-path',
    pattern: pattern.path,
    reason: `Local path \`${source.path}\` matches trusted pattern \`${pattern.path}\`.`,
  };
}

/** The source in one line, for reasons and audit records. */
export function describeSource(source: ComponentSource): string {
  if (source.kind === 'local') return source.path;
  return source.branch === undefined ? source.url : `${source.url}#${source.branch}`;
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
