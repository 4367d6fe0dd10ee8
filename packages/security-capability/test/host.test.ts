import { describe, expect, it } from 'vitest';
import { compileHostPattern, normaliseHostPort } from '../src/index.js';

describe('normaliseHostPort', () => {
  it('lower-cases the host and strips one trailing dot', () => {
    expect(normaliseHostPort('API.Example.COM.:443')).toBe('api.example.com:443');
  });

  it('compresses IPv6 literals in brackets', () => {
    expect(normaliseHostPort('[0:0:0:0:0:0:0:1]:443')).toBe('[::1]:443');
    expect(normaliseHostPort('[::FFFF:1.2.3.4]:80')).toBe('[::ffff:102:304]:80');
  });

  it.each([
    ['no port', 'api.example.com'],
    ['port 0', 'api.example.com:0'],
    ['port too large', 'api.example.com:65536'],
    ['a wildcard port', 'api.example.com:*'],
    ['a leading-zero port', 'api.example.com:0443'],
    ['two trailing dots', 'api.example.com..:443'],
    ['an empty label', 'api..example.com:443'],
    ['a wildcard host', '*.example.com:443'],
    ['a bare IPv6 literal', '::1:443'],
    ['a shortened IPv4', '127.1:80'],
    ['a hex IPv4', '0x7f.0.0.1:80'],
    ['a decimal IPv4', '2130706433:80'],
    ['an IPv6 zone id', '[fe80::1%eth0]:80'],
    ['a user-info prefix', 'user@api.example.com:443'],
    ['a non-ASCII host', 'аpi.example.com:443'],
  ])('refuses %s', (_, resource) => {
    expect(() => normaliseHostPort(resource)).toThrow(expect.objectContaining({ code: 'INVALID_RESOURCE' }));
  });
});

describe('compileHostPattern', () => {
  it('matches subdomains of `*.example.com` on a label boundary only', () => {
    const { match } = compileHostPattern('*.example.com:443');
    expect(match('a.example.com:443')).toBe(true);
    expect(match('a.b.example.com:443')).toBe(true);
    expect(match('example.com:443')).toBe(false);
    expect(match('evilexample.com:443')).toBe(false);
    expect(match('a.example.com:444')).toBe(false);
    expect(match('a.example.com.evil.io:443')).toBe(false);
  });

  it('accepts any port with `*` and only that host', () => {
    const { match } = compileHostPattern('api.example.com:*');
    expect(match('api.example.com:8443')).toBe(true);
    expect(match('api.example.com.evil.io:8443')).toBe(false);
  });

  it('normalises the pattern itself', () => {
    expect(compileHostPattern('API.Example.com.:443').pattern).toBe('api.example.com:443');
    expect(compileHostPattern('[0::1]:*').pattern).toBe('[::1]:*');
  });

  it.each([
    '',
    ' ',
    'api.example.com',
    '*:443',
    '*.com:443',
    '*example.com:443',
    'api.*.com:443',
    '**.example.com:443',
    '*.10.0.0.1:443',
    'api.example.com:http',
    'api.example.com:70000',
    '::1:443',
  ])('rejects the pattern `%s`', (pattern) => {
    expect(() => compileHostPattern(pattern)).toThrow(
      expect.objectContaining({ code: 'INVALID_CAPABILITY' }),
    );
  });
});
