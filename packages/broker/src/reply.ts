import { type CreateEnvelopeOptions, createReply, type MessageEnvelope } from '@airssys/core';
import { MESSAGING_ERROR_KINDS, MessagingError, type MessagingErrorKind } from './errors.js';
import type { RequestOutcome } from './types.js';

// A failed request is answered with a `reply` envelope like a successful one, so it crosses any transport;
// the error rides in two headers and the payload is empty.

/** Header naming the {@link MessagingErrorKind} of a failed reply. */
export const ERROR_KIND_HEADER = 'airssys-error';
/** Header carrying the detail of a failed reply. */
export const ERROR_DETAIL_HEADER = 'airssys-error-detail';

/** Builds the `reply` envelope that carries `outcome` back to the requester of `request`. */
export function encodeReply(
  request: MessageEnvelope,
  from: string,
  outcome: RequestOutcome,
  options: CreateEnvelopeOptions,
): MessageEnvelope {
  if (outcome.ok) return createReply(request, { from, payload: outcome.payload }, options);
  const headers = { [ERROR_KIND_HEADER]: outcome.error.kind, [ERROR_DETAIL_HEADER]: outcome.error.detail };
  return createReply(request, { from, headers }, options);
}

/** Reads the outcome a `reply` envelope carries. */
export function decodeReply(reply: MessageEnvelope): RequestOutcome {
  const kind = reply.headers?.[ERROR_KIND_HEADER];
  if (kind === undefined) return { ok: true, payload: reply.payload };
  const known = MESSAGING_ERROR_KINDS.includes(kind as MessagingErrorKind);
  const detail = reply.headers?.[ERROR_DETAIL_HEADER] ?? '';
  const error = known
    ? new MessagingError(kind as MessagingErrorKind, detail, {
        componentId: reply.from,
        correlationId: reply.correlationId,
      })
    : new MessagingError('target-crashed', `\`${reply.from}\` replied with unknown error \`${kind}\``, {
        componentId: reply.from,
        correlationId: reply.correlationId,
      });
  return { ok: false, error };
}
