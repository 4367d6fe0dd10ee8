import { describe, expect, it } from 'vitest';
import { compileStorageKeyPattern, normaliseStorageKey } from '../src/index.js';

describe('normaliseStorageKey', () => {
  it('returns a valid key unchanged', () => {
    expect(normaliseStorageKey('cache/user:42')).toBe('cache/user:42');
  });

  it.each([
    '',
    '/cache/a',
    'cache/',
    'cache//a',
    '../billing/a',
    'cache/./a',
    'a\0b',
    'a\\b',
    'a%2fb',
    'a b',
    'cache/*',
  ])('refuses `%s`', (key) => {
    expect(() => normaliseStorageKey(key)).toThrow(expect.objectContaining({ code: 'INVALID_RESOURCE' }));
  });
});

describe('compileStorageKeyPattern', () => {
  it('keeps `*` inside one segment and spans with `**`', () => {
    expect(compileStorageKeyPattern('cache/*').match('cache/a')).toBe(true);
    expect(compileStorageKeyPattern('cache/*').match('cache/a/b')).toBe(false);
    expect(compileStorageKeyPattern('cache/**').match('cache/a/b')).toBe(true);
    expect(compileStorageKeyPattern('cache/**').match('cache')).toBe(false);
    expect(compileStorageKeyPattern('**').match('anything/at/all')).toBe(true);
  });

  it.each(['', ' ', '/cache/*', '../x/*', 'cache/../x', 'cache/', 'a**'])('rejects the pattern `%s`', (p) => {
    expect(() => compileStorageKeyPattern(p)).toThrow(
      expect.objectContaining({ code: 'INVALID_CAPABILITY' }),
    );
  });
});
