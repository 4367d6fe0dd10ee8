import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AirssysError, isAirssysError } from '@airssys/core';
import { describe, expect, it } from 'vitest';
import { isMessagingError, MESSAGING_ERROR_KINDS, MessagingError } from '../src/index.js';

describe('errors', () => {
  it('lists the cases of the WIT variant messaging-error, in order', () => {
    const wit = readFileSync(
      fileURLToPath(new URL('../../../wit/core/airssys.wit', import.meta.url)),
      'utf8',
    );
    const body = /variant messaging-error \{([^}]*)\}/.exec(wit)?.[1] ?? '';
    const cases = [...body.matchAll(/^\s*([a-z][a-z-]*)(?:\(|,)/gm)].map((m) => m[1]);
    expect(cases).toHaveLength(8);
    expect(MESSAGING_ERROR_KINDS).toEqual(cases);
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
