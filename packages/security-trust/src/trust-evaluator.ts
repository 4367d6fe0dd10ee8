import { type AuditSink, type Clock, createConsoleLogger, type Logger, systemClock } from '@airssys/core';
import { writeAudit } from './audit.js';
import { describeSource, determineTrust, type TrustInput } from './determine-trust.js';
import type { TrustConfig, TrustDecision } from './types.js';

/** Options of {@link createTrustEvaluator}. */
export interface TrustEvaluatorOptions {
  readonly config: TrustConfig;
  /** Receives one `trust` event per decision. */
  readonly audit?: AuditSink | undefined;
  /** @default systemClock */
  readonly clock?: Clock | undefined;
  /** Dev mode is announced here with `warn`, every time. @default a console logger */
  readonly logger?: Logger | undefined;
}

/** {@link TrustInput} plus the component the decision is about, for the audit record. */
export interface EvaluateTrustInput extends TrustInput {
  /** Component id in string form. @default 'host' */
  readonly componentId?: string | undefined;
}

/** Runs {@link determineTrust} against one configuration, auditing every decision and announcing dev mode. */
export interface TrustEvaluator {
  readonly config: TrustConfig;
  determine(input: EvaluateTrustInput): TrustDecision;
}

/** Creates a {@link TrustEvaluator}; a `dev-mode` or rejected-signature decision is logged as a warning. */
export function createTrustEvaluator(options: TrustEvaluatorOptions): TrustEvaluator {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createConsoleLogger({ name: 'airssys:trust' });
  const { config } = options;
  if (config.devMode) {
    logger.warn(
      'DEV MODE IS ON: components are not verified and approvals are bypassed. Never use it in production.',
      {
        origin: config.devModeOrigin,
      },
    );
  }
  return {
    config,
    determine(input) {
      const decision = determineTrust(input, config);
      const component = input.componentId ?? 'host';
      if (decision.level === 'dev-mode') {
        logger.warn(`DEV MODE: \`${component}\` runs untrusted and unapproved.`, { reason: decision.reason });
      } else if (decision.signatureFailure !== undefined) {
        logger.warn(`Rejected the signature of \`${component}\`.`, { reason: decision.reason });
      }
      writeAudit(
        options.audit,
        {
          time: clock.now(),
          component,
          category: 'trust',
          action: 'determine',
          resource: input.hash,
          decision:
            decision.level === 'trusted' ? 'allowed' : decision.level === 'unknown' ? 'denied' : 'info',
          reason: decision.reason,
          trustLevel: decision.level,
          details: {
            basis: decision.basis,
            ...(decision.keyId === undefined ? {} : { keyId: decision.keyId }),
            ...(decision.pattern === undefined ? {} : { pattern: decision.pattern }),
            ...(input.source === undefined ? {} : { source: describeSource(input.source) }),
            ...(decision.signatureFailure === undefined
              ? {}
              : { signatureFailure: decision.signatureFailure.code }),
          },
        },
        logger,
      );
      return decision;
    },
  };
}
