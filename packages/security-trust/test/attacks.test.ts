import { createManualClock } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import {
  type ApprovalRequestInput,
  type ComponentSource,
  createApprovalWorkflow,
  createMemoryApprovalStore,
  createTrustEvaluator,
  generateKeyPair,
  type SignatureDocument,
  sha256Hex,
  signComponent,
  type TrustConfig,
} from '../src/index.js';
import { createRecordingLogger, createRecordingSink, MANIFEST, thrown, WASM } from './helpers.js';

// Attack cases from the issue: trust spoofing, dev mode treated as trusted, approval reuse after a change.
const trustedKey = generateKeyPair();
const attackerKey = generateKeyPair();
const EVIL_WASM = new Uint8Array([...WASM, 0x66]);
const EVIL_MANIFEST = `${MANIFEST}[capabilities]\nprocess = ["spawn:*"]\n`;
const config: TrustConfig = {
  signingKeys: [{ id: 'acme-release', publicKey: trustedKey.publicKey }],
  gitSources: [{ url: 'https://github.com/acme/*', branch: 'main' }],
  localPaths: [{ path: '/srv/components/**' }],
  devMode: false,
};

function evaluate(
  input: { wasm?: Uint8Array; manifest?: string; source?: ComponentSource; signature?: SignatureDocument },
  dev = false,
) {
  const audit = createRecordingSink();
  const evaluator = createTrustEvaluator({
    config: dev ? { ...config, devMode: true, devModeOrigin: 'env' } : config,
    audit,
    logger: createRecordingLogger(),
  });
  const decision = evaluator.determine({
    componentId: 'acme/victim',
    hash: sha256Hex(input.wasm ?? WASM),
    manifest: input.manifest ?? MANIFEST,
    source: input.source,
    signature: input.signature,
  });
  expect(audit.events).toHaveLength(1);
  return { decision, event: audit.events[0]! };
}

function expectUntrusted(input: Parameters<typeof evaluate>[0], failure?: string) {
  const { decision, event } = evaluate(input);
  expect(decision.level).toBe('unknown');
  expect(event).toMatchObject({
    category: 'trust',
    decision: 'denied',
    trustLevel: 'unknown',
    component: 'acme/victim',
  });
  if (failure !== undefined) {
    expect(decision.signatureFailure?.code).toBe(failure);
    expect(event.details).toMatchObject({ signatureFailure: failure });
  }
  return decision;
}

const git = (url: string, branch = 'main'): ComponentSource => ({ kind: 'git', url, branch });
const sign = (wasm: Uint8Array, manifest: string, key = trustedKey, keyId = 'acme-release') =>
  signComponent({ wasm, manifest, privateKey: key.privateKey, keyId });

describe('attacks: trust spoofing', () => {
  it('denies a look-alike host that only starts like the trusted one', () => {
    expectUntrusted({ source: git('https://github.com.evil.io/acme/tool') });
  });

  it('denies a look-alike owner that only starts like the trusted one', () => {
    expectUntrusted({ source: git('https://github.com/acme-evil/tool') });
  });

  it('denies a URL that hides the real host behind userinfo', () => {
    expectUntrusted({ source: git('https://github.com@evil.io/acme/tool') });
  });

  it('denies a URL that climbs out of the trusted owner with dot segments or encodings', () => {
    expectUntrusted({ source: git('https://github.com/acme/../evil/tool') });
    expectUntrusted({ source: git('https://github.com/acme/..%2Fevil%2Ftool') });
    expectUntrusted({ source: git('https://github.com/acme\\..\\evil/tool') });
  });

  it('denies a trusted repository on a branch other than the trusted one', () => {
    expectUntrusted({ source: git('https://github.com/acme/tool', 'main-evil') });
  });

  it('denies a local path that escapes the trusted folder after normalisation', () => {
    expectUntrusted({ source: { kind: 'local', path: '/srv/components/../../home/evil/tool.wasm' } });
    expectUntrusted({ source: { kind: 'local', path: '/srv/components-evil/tool.wasm' } });
  });

  it('denies a signature made over other wasm bytes', () => {
    expectUntrusted({ wasm: EVIL_WASM, signature: sign(WASM, MANIFEST) }, 'SIGNATURE_MISMATCH');
  });

  it('denies a manifest swapped after signing, even from a trusted source', () => {
    const decision = expectUntrusted(
      {
        manifest: EVIL_MANIFEST,
        signature: sign(WASM, MANIFEST),
        source: git('https://github.com/acme/tool'),
      },
      'SIGNATURE_MISMATCH',
    );
    expect(decision.reason).toContain('manifestSha256');
  });

  it('denies a signature by a key that is not trusted', () => {
    const signature = sign(EVIL_WASM, MANIFEST, attackerKey, attackerKey.keyId);
    expectUntrusted({ wasm: EVIL_WASM, signature }, 'UNKNOWN_KEY');
  });

  it('denies an attacker signature that claims the trusted key id', () => {
    const signature = sign(EVIL_WASM, MANIFEST, attackerKey, 'acme-release');
    expectUntrusted({ wasm: EVIL_WASM, signature }, 'INVALID_SIGNATURE');
  });

  it('denies a genuine signature whose hashes were edited to fit other files', () => {
    const genuine = sign(WASM, MANIFEST);
    const forged = { ...genuine, wasmSha256: sha256Hex(EVIL_WASM), manifestSha256: sha256Hex(EVIL_MANIFEST) };
    expectUntrusted({ wasm: EVIL_WASM, manifest: EVIL_MANIFEST, signature: forged }, 'INVALID_SIGNATURE');
  });
});

describe('attacks: dev mode treated as trusted', () => {
  it('never reports dev mode as trusted, even with a forged signature', () => {
    const forged = sign(EVIL_WASM, MANIFEST, attackerKey, 'acme-release');
    const { decision, event } = evaluate({ wasm: EVIL_WASM, signature: forged }, true);
    expect(decision.level).toBe('dev-mode');
    expect(event).toMatchObject({
      decision: 'info',
      trustLevel: 'dev-mode',
      details: { signatureFailure: 'INVALID_SIGNATURE' },
    });
  });

  it('bypasses rather than approves in dev mode, and the bypass never counts as an approval later', () => {
    const audit = createRecordingSink();
    const workflow = createApprovalWorkflow({
      store: createMemoryApprovalStore(),
      audit,
      logger: createRecordingLogger(),
    });
    const request: ApprovalRequestInput = {
      componentId: 'acme/victim',
      name: 'acme/victim',
      wasmHash: sha256Hex(WASM),
      capabilities: ['process:spawn:*'],
      trustLevel: 'dev-mode',
    };
    const bypassed = workflow.request(request);
    expect(bypassed.state).toBe('bypassed');
    expect(audit.events.at(-1)).toMatchObject({ action: 'bypass', trustLevel: 'dev-mode' });
    const later = workflow.request({ ...request, trustLevel: 'unknown' });
    expect(later).toMatchObject({ state: 'pending', granted: [] });
    expect(later.id).not.toBe(bypassed.id);
    expect(audit.events.at(-1)).toMatchObject({ action: 'request', decision: 'info', trustLevel: 'unknown' });
  });
});

describe('attacks: approval reuse after a change', () => {
  const READ = 'storage:read:cache/*';
  const NET = 'network:outbound:evil.example.com:443';
  function approvedSetup() {
    const audit = createRecordingSink();
    const workflow = createApprovalWorkflow({
      store: createMemoryApprovalStore(),
      audit,
      clock: createManualClock(0),
      logger: createRecordingLogger(),
    });
    const base: ApprovalRequestInput = {
      componentId: 'acme/victim',
      name: 'acme/victim',
      wasmHash: sha256Hex(WASM),
      capabilities: [READ],
      trustLevel: 'unknown',
    };
    const first = workflow.request(base);
    workflow.approve(first.id, { by: 'alice' });
    return { audit, workflow, base, first };
  }

  it('does not reuse an approval when the same wasm asks for more capabilities', () => {
    const { audit, workflow, base, first } = approvedSetup();
    const more = workflow.request({ ...base, capabilities: [READ, NET] });
    expect(more).toMatchObject({
      state: 'pending',
      granted: [],
      diff: { added: [NET], removed: [] },
      previousId: first.id,
    });
    expect(audit.events.at(-1)).toMatchObject({
      action: 'request',
      decision: 'info',
      details: { state: 'pending', granted: [], diff: { added: [NET], removed: [] } },
    });
    expect(audit.events.at(-1)?.reason).toContain(NET);
  });

  it('does not reuse an approval for a new wasm with the same capabilities', () => {
    const { audit, workflow, base } = approvedSetup();
    const next = workflow.request({ ...base, wasmHash: sha256Hex(EVIL_WASM) });
    expect(next).toMatchObject({ state: 'pending', granted: [], diff: { added: [], removed: [] } });
    expect(audit.events.at(-1)).toMatchObject({ action: 'request', decision: 'info' });
  });

  it('does not let another component name ride on an approval', () => {
    const { workflow, base } = approvedSetup();
    expect(workflow.request({ ...base, name: 'acme/impostor', componentId: 'acme/impostor' }).state).toBe(
      'pending',
    );
  });

  it('refuses to widen a grant through narrowing, and to approve a denied request', () => {
    const { audit, workflow, base } = approvedSetup();
    const more = workflow.request({ ...base, capabilities: [READ, NET] });
    expect(
      thrown(() => workflow.approve(more.id, { by: 'mallory', narrow: [READ, NET, 'process:spawn:*'] })),
    ).toMatchObject({
      code: 'INVALID_NARROWING',
    });
    workflow.deny(more.id, { by: 'alice', reason: 'Unknown host.' });
    expect(audit.events.at(-1)).toMatchObject({ action: 'deny', decision: 'denied' });
    expect(thrown(() => workflow.approve(more.id, { by: 'mallory' }))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    expect(workflow.request({ ...base, capabilities: [NET, READ] })).toMatchObject({
      id: more.id,
      state: 'denied',
    });
    expect(audit.events.at(-1)).toMatchObject({ action: 'reuse', decision: 'denied' });
  });
});
