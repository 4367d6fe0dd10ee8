import { describe, expect, it } from 'vitest';
import { compileComponentIdPattern, normaliseComponentTarget } from '../src/index.js';

describe('compileComponentIdPattern', () => {
  it('matches `*` per whole segment', () => {
    expect(compileComponentIdPattern('acme/*').match('acme/billing')).toBe(true);
    expect(compileComponentIdPattern('acme/*').match('acmex/billing')).toBe(false);
    expect(compileComponentIdPattern('*/billing').match('other/billing')).toBe(true);
    expect(compileComponentIdPattern('*/billing').match('other/billing-x')).toBe(false);
    expect(compileComponentIdPattern('*/*').match('a/b')).toBe(true);
  });

  it.each(['', 'billing', 'acme/bill*', 'acme/*/x', 'Acme/billing', 'acme/billing#2', '*'])(
    'rejects the pattern `%s`',
    (pattern) => {
      expect(() => compileComponentIdPattern(pattern)).toThrow(
        expect.objectContaining({ code: 'INVALID_CAPABILITY' }),
      );
    },
  );
});

describe('normaliseComponentTarget', () => {
  it('drops the instance and fills the default namespace', () => {
    expect(normaliseComponentTarget('acme/billing#2')).toBe('acme/billing');
    expect(normaliseComponentTarget('billing')).toBe('local/billing');
  });

  it('refuses wildcards and malformed ids', () => {
    expect(() => normaliseComponentTarget('acme/*')).toThrow(
      expect.objectContaining({ code: 'INVALID_RESOURCE' }),
    );
    expect(() => normaliseComponentTarget('a/b/c')).toThrow(/refused/);
  });
});
