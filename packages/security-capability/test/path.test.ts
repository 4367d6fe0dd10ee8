import { describe, expect, it } from 'vitest';
import { compilePathPattern, normalisePath } from '../src/index.js';

describe('normalisePath', () => {
  it('resolves `.` and `..` and drops one trailing slash', () => {
    expect(normalisePath('/srv/in/./a/../b.csv')).toBe('/srv/in/b.csv');
    expect(normalisePath('/srv/in/')).toBe('/srv/in');
    expect(normalisePath('/')).toBe('/');
    expect(normalisePath('/a/..')).toBe('/');
  });

  it.each([
    ['relative', 'srv/in'],
    ['empty', ''],
    ['escaping', '/..'],
    ['escaping after resolution', '/app/data/../../../etc/passwd'],
    ['NUL', '/srv/in/a\0.txt'],
    ['backslash', '/srv/in\\..\\etc'],
    ['percent-encoding', '/srv/in/%2e%2e/etc'],
    ['duplicate slashes', '/srv//in'],
    ['trailing dot', '/srv/in/secret.txt.'],
    ['dots only', '/srv/in/...'],
    ['trailing space', '/srv/in/a '],
  ])('refuses a %s path', (_, path) => {
    expect(() => normalisePath(path)).toThrow(expect.objectContaining({ code: 'INVALID_RESOURCE' }));
  });

  it('refuses a path longer than 4096 characters', () => {
    expect(() => normalisePath(`/${'a/'.repeat(2100)}`)).toThrow(/refused/);
  });
});

describe('compilePathPattern', () => {
  it('keeps `*` inside one segment', () => {
    const { match } = compilePathPattern('/srv/in/*');
    expect(match('/srv/in/a.csv')).toBe(true);
    expect(match('/srv/in/a/b.csv')).toBe(false);
    expect(match('/srv/in')).toBe(false);
  });

  it('matches a partial segment glob like `*.csv`', () => {
    const { match } = compilePathPattern('/srv/in/*.csv');
    expect(match('/srv/in/orders.csv')).toBe(true);
    expect(match('/srv/in/orders.csv.bak')).toBe(false);
    expect(match('/srv/in/x/orders.csv')).toBe(false);
  });

  it('spans segments with a trailing `**` but never matches the directory itself', () => {
    const { match } = compilePathPattern('/srv/in/**');
    expect(match('/srv/in/a')).toBe(true);
    expect(match('/srv/in/a/b/c')).toBe(true);
    expect(match('/srv/in')).toBe(false);
    expect(match('/srv/input/a')).toBe(false);
  });

  it('lets a middle `**` match zero or more segments', () => {
    const { match } = compilePathPattern('/srv/**/out/*.log');
    expect(match('/srv/out/a.log')).toBe(true);
    expect(match('/srv/x/y/out/a.log')).toBe(true);
    expect(match('/srv/x/out/y/a.log')).toBe(false);
  });

  it('matches only the root with `/`', () => {
    expect(compilePathPattern('/').match('/')).toBe(true);
    expect(compilePathPattern('/').match('/a')).toBe(false);
    expect(compilePathPattern('/*').match('/')).toBe(false);
  });

  it.each([
    '',
    '   ',
    'srv/in',
    '/srv/in/',
    '/srv//in',
    '/srv/../etc',
    '/srv/./in',
    '/srv/a**',
    '/srv/**/**',
    '/srv\\in',
    '/srv/%2e',
    '/srv/in\0',
    '/srv/in.',
  ])('rejects the pattern `%s`', (pattern) => {
    expect(() => compilePathPattern(pattern)).toThrow(
      expect.objectContaining({ code: 'INVALID_CAPABILITY' }),
    );
  });
});
