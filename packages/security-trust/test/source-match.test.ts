import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchGitSource, matchLocalPath, normaliseGitUrl, normaliseLocalPath } from '../src/index.js';

const acme = { url: 'https://github.com/acme/*' };

describe('source-match', () => {
  it('matches a repository under the pattern owner whatever its spelling of host case, .git and slashes', () => {
    for (const url of [
      'https://github.com/acme/tool',
      'https://GitHub.COM/acme/tool',
      'https://github.com/acme/tool.git',
      'https://github.com/acme/tool/',
      'https://github.com:443/acme/tool.git/',
      'https://user@github.com/acme/tool',
    ]) {
      expect(matchGitSource(acme, url), url).toBe(true);
    }
  });

  it('reads scp-like and ssh URLs as ssh, which an https pattern does not cover', () => {
    const ssh = { url: 'ssh://github.com/acme/*' };
    expect(matchGitSource(ssh, 'git@github.com:acme/tool.git')).toBe(true);
    expect(matchGitSource(ssh, 'ssh://git@github.com:22/acme/tool')).toBe(true);
    expect(matchGitSource(acme, 'git@github.com:acme/tool.git')).toBe(false);
    expect(matchGitSource(acme, 'http://github.com/acme/tool')).toBe(false);
  });

  it('keeps `*` inside one path segment and lets `**` span segments', () => {
    expect(matchGitSource(acme, 'https://github.com/acme/tool/sub')).toBe(false);
    expect(matchGitSource(acme, 'https://github.com/acme')).toBe(false);
    expect(
      matchGitSource({ url: 'https://git.example.com/acme/**' }, 'https://git.example.com/acme/a/b/c'),
    ).toBe(true);
    expect(matchGitSource({ url: 'https://github.com/acme/tool-*' }, 'https://github.com/acme/tool-x')).toBe(
      true,
    );
    expect(matchGitSource({ url: 'https://github.com/acme/tool-*' }, 'https://github.com/acme/other')).toBe(
      false,
    );
  });

  it('requires the exact branch when the pattern names one', () => {
    const main = { url: 'https://github.com/acme/*', branch: 'main' };
    expect(matchGitSource(main, 'https://github.com/acme/tool', 'main')).toBe(true);
    expect(matchGitSource(main, 'https://github.com/acme/tool', 'main2')).toBe(false);
    expect(matchGitSource(main, 'https://github.com/acme/tool', 'Main')).toBe(false);
    expect(matchGitSource(main, 'https://github.com/acme/tool')).toBe(false);
  });

  it('refuses URLs it would have to interpret: dot segments, encodings, backslashes, queries', () => {
    for (const url of [
      'https://github.com/acme/../evil/tool',
      'https://github.com/acme/./tool',
      'https://github.com/acme%2Fevil/tool',
      'https://github.com\\acme/tool',
      'https://github.com/acme/tool?x=1',
      'https://github.com/acme/tool#frag',
      'https://github.com/acme/to ol',
      'file:///acme/tool',
      '',
    ]) {
      expect(normaliseGitUrl(url).ok, url).toBe(false);
      expect(matchGitSource({ url: 'https://github.com/**' }, url), url).toBe(false);
    }
  });

  it('normalises local paths and matches `*` within a segment, `**` across segments', () => {
    expect(normaliseLocalPath('/srv//components/./a/../b/')).toEqual({
      ok: true,
      value: ['srv', 'components', 'b'],
    });
    const one = { path: '/srv/components/*.wasm' };
    expect(matchLocalPath(one, '/srv/components/a.wasm')).toBe(true);
    expect(matchLocalPath(one, '/srv/components/sub/a.wasm')).toBe(false);
    const deep = { path: '/srv/components/**' };
    expect(matchLocalPath(deep, '/srv/components/sub/a.wasm')).toBe(true);
    expect(matchLocalPath(deep, '/srv/components-evil/a.wasm')).toBe(false);
    expect(matchLocalPath(deep, '/srv/components/../secrets/a.wasm')).toBe(false);
    expect(matchLocalPath(deep, 'srv/components/a.wasm')).toBe(false);
    expect(matchLocalPath(deep, '/srv/components/a\0.wasm')).toBe(false);
    expect(matchLocalPath(deep, '/srv/components/%2e%2e/a.wasm')).toBe(false);
  });

  it('rejects pattern spellings that would hide an escape', () => {
    expect(normaliseLocalPath('/srv/../etc/**', true).ok).toBe(false);
    expect(normaliseGitUrl('https://*.github.com/acme/*', true).ok).toBe(false);
    expect(normaliseGitUrl('https://github.com/acme/*', true).ok).toBe(true);
  });

  it('never lets a host that merely starts or ends like the pattern host match', () => {
    const label = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(label, label, (prefix, suffix) => {
        const hosts = [
          `github.com.${suffix}`,
          `${prefix}github.com`,
          `${prefix}.github.com`,
          `github.com${suffix}`,
        ];
        return hosts.every((host) => !matchGitSource(acme, `https://${host}/acme/tool`));
      }),
    );
  });

  it('never matches a path outside the pattern folder, however the value is spelled', () => {
    const segment = fc.constantFrom('a', 'b', '..', '.', 'components', 'srv', 'x.wasm', '');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const path = `/${segments.join('/')}`;
        const matched = matchLocalPath({ path: '/srv/components/**' }, path);
        const normal = normaliseLocalPath(path);
        const inside = normal.ok && normal.value[0] === 'srv' && normal.value[1] === 'components';
        return matched === inside;
      }),
    );
  });
});
