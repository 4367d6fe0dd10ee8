import { AirssysError, isAirssysError } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { isMessagingError, MESSAGING_ERROR_KINDS, MessagingError } from '../src/index.js';

describe('errors', () => {
  it('lists the WIT messaging-error cases in order', () => {
    expect(MESSAGING_ERROR_KINDS).toEqual([
      'denied',
      'not-found',
      'queue-full',
      'rate-limited',
      'timeout',
      'cancelled',
      'target-crashed',
      'invalid-payload',
    ]);
  });

  it('is an AirssysError with code MESSAGING_ERROR, a kind and a detail', () => {
    const error = new MessagingError('queue-full', 'the mailbox of `acme/b` is full', {
      componentId: 'acme/b',
    });
    expect(error).toBeInstanceOf(AirssysError);
    expect(isAirssysError(error)).toBe(true);
    expect(isMessagingError(error)).toBe(true);
    expect(isMessagingError(new Error('x'))).toBe(false);
    expect(error).toMatchObject({ code: 'MESSAGING_ERROR', kind: 'queue-full', componentId: 'acme/b' });
    expect(error.message).toBe('queue-full: the mailbox of `acme/b` is full');
  });

  it('lowers to the WIT variant: a string for most cases, none for timeout and cancelled', () => {
    for (const kind of MESSAGING_ERROR_KINDS) {
      const wit = new MessagingError(kind, 'why').toWit();
      if (kind === 'timeout' || kind === 'cancelled') expect(wit).toEqual({ tag: kind });
      else expect(wit).toEqual({ tag: kind, val: 'why' });
    }
  });
});
