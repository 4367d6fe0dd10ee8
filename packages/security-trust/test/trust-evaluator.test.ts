import { createManualClock } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { createTrustEvaluator, parseTrustConfig, sha256Hex } from '../src/index.js';
import { createRecordingLogger, createRecordingSink, MANIFEST, WASM } from './helpers.js';

const hash = sha256Hex(WASM);

describe('trust-evaluator', () => {
  it('audits every decision with its level, reason and basis', () => {
    const audit = createRecordingSink();
    const config = parseTrustConfig('[[local-paths]]\npath = "/srv/**"', { env: {} });
    const evaluator = createTrustEvaluator({
      config,
      audit,
      clock: createManualClock(5),
      logger: createRecordingLogger(),
    });
    evaluator.determine({
      componentId: 'acme/a',
      hash,
      manifest: MANIFEST,
      source: { kind: 'local', path: '/srv/a.wasm' },
    });
    evaluator.determine({
      componentId: 'acme/b',
      hash,
      manifest: MANIFEST,
      source: { kind: 'local', path: '/opt/b.wasm' },
    });
    expect(audit.events).toEqual([
      expect.objectContaining({
        time: 5,
        component: 'acme/a',
        category: 'trust',
        action: 'determine',
        resource: hash,
        decision: 'allowed',
        trustLevel: 'trusted',
        details: { basis: 'local-path', pattern: '/srv/**', source: '/srv/a.wasm' },
      }),
      expect.objectContaining({ component: 'acme/b', decision: 'denied', trustLevel: 'unknown' }),
    ]);
  });

  it('announces dev mode loudly when created and on every decision', () => {
    const logger = createRecordingLogger();
    const config = parseTrustConfig('', { env: { AIRSSYS_DEV_MODE: '1' } });
    const evaluator = createTrustEvaluator({ config, logger });
    evaluator.determine({ componentId: 'acme/a', hash, manifest: MANIFEST });
    evaluator.determine({ componentId: 'acme/a', hash, manifest: MANIFEST });
    const warnings = logger.records
      .filter((record) => record.level === 'warn')
      .map((record) => record.message);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^DEV MODE IS ON/);
    expect(warnings[1]).toBe('DEV MODE: `acme/a` runs untrusted and unapproved.');
  });

  it('keeps deciding when the audit sink fails, and logs the failure', async () => {
    const logger = createRecordingLogger();
    const audit = { name: 'broken', write: () => Promise.reject(new Error('disk full')) };
    const evaluator = createTrustEvaluator({ config: parseTrustConfig('', { env: {} }), audit, logger });
    expect(evaluator.determine({ hash, manifest: MANIFEST }).level).toBe('unknown');
    await Promise.resolve();
    expect(logger.records.some((r) => r.level === 'error' && r.message.includes('`broken`'))).toBe(true);
  });
});
