import { isAirssysError } from '@airssys/core';
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import {
  compileComponentIdPattern,
  compileHostPattern,
  compilePathPattern,
  compileStorageKeyPattern,
  compileTopicPattern,
  createCapabilityRegistry,
  normaliseComponentTarget,
  normaliseHostPort,
  normalisePath,
  normaliseStorageKey,
  normaliseTopic,
  parseGrant,
  parseManifest,
} from '../src/index.js';
import { EXAMPLE } from './fixtures.js';

const RUNS = { numRuns: 300 };

/** Runs `fn`; anything thrown must be an AirssysError. Returns the result or undefined. */
function onlyAirssys<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (!isAirssysError(error)) throw error;
    return undefined;
  }
}

// Strings biased towards the characters that matter to the matchers.
const tricky = fc.string({
  unit: fc.constantFrom(
    '/',
    '.',
    '..',
    '*',
    '**',
    '#',
    ':',
    '%',
    '\\',
    '\0',
    ' ',
    'a',
    'b',
    '[',
    ']',
    '1',
    '-',
    'A',
  ),
  maxLength: 24,
});
const anyText = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 40 }));

const NORMALISERS: [string, (text: string) => string][] = [
  ['normalisePath', normalisePath],
  ['normaliseHostPort', normaliseHostPort],
  ['normaliseStorageKey', normaliseStorageKey],
  ['normaliseTopic', (t) => normaliseTopic(t, true)],
  ['normaliseComponentTarget', normaliseComponentTarget],
];
const COMPILERS = [
  compilePathPattern,
  compileHostPattern,
  compileStorageKeyPattern,
  compileTopicPattern,
  compileComponentIdPattern,
];

describe('normalisers', () => {
  it.each(NORMALISERS)('%s throws only AirssysError and is idempotent', (_, normalise) => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = onlyAirssys(() => normalise(text));
        if (once !== undefined) expect(normalise(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('never lets a path out with `..`, `.`, `//`, NUL, `\\` or `%`', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const path = onlyAirssys(() => normalisePath(`/${text}`));
        if (path === undefined) return;
        expect(path.startsWith('/')).toBe(true);
        expect(path === '/' || !path.endsWith('/')).toBe(true);
        expect(path.split('/').slice(1)).not.toContain('..');
        expect(path).not.toMatch(/\/\.(\/|$)|\/\/|[\0\\%]/);
      }),
      RUNS,
    );
  });
});

describe('pattern compilers', () => {
  it('throw only AirssysError on random input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const compile of COMPILERS) onlyAirssys(() => compile(text));
      }),
      RUNS,
    );
  });
});

// Reference semantics, written independently of the implementation: recursion and RegExp per segment.
function segmentMatches(glob: string, segment: string): boolean {
  if (glob === '*') return segment.length > 0;
  const source = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${source.join('.*')}$`).test(segment);
}
function referencePath(pattern: readonly string[], path: readonly string[]): boolean {
  const [head, ...rest] = pattern;
  if (head === undefined) return path.length === 0;
  if (head === '**') {
    if (rest.length === 0) return path.length > 0;
    for (let k = 0; k <= path.length; k++) if (referencePath(rest, path.slice(k))) return true;
    return false;
  }
  return path.length > 0 && segmentMatches(head, path[0]!) && referencePath(rest, path.slice(1));
}

const patternSegment = fc.constantFrom('a', 'b', 'ab', '*', '**', 'a*', '*b', 'a*b');
const pathSegment = fc.constantFrom('a', 'b', 'ab', 'aab', 'ba', 'x', '.', '..');

describe('path and storage matchers', () => {
  it('grant exactly what the reference semantics grant, nothing outside the pattern', () => {
    fc.assert(
      fc.property(
        fc.array(patternSegment, { minLength: 1, maxLength: 5 }),
        fc.array(pathSegment, { maxLength: 6 }),
        (patternSegments, pathSegments) => {
          const pathPattern = onlyAirssys(() => compilePathPattern(`/${patternSegments.join('/')}`));
          const keyPattern = onlyAirssys(() => compileStorageKeyPattern(patternSegments.join('/')));
          const path = onlyAirssys(() => normalisePath(`/${pathSegments.join('/')}`));
          if (pathPattern !== undefined && path !== undefined) {
            const segments = path === '/' ? [] : path.slice(1).split('/');
            expect(pathPattern.match(path)).toBe(referencePath(patternSegments, segments));
          }
          const key = onlyAirssys(() => normaliseStorageKey(pathSegments.join('/')));
          if (keyPattern !== undefined && key !== undefined) {
            expect(keyPattern.match(key)).toBe(referencePath(patternSegments, key.split('/')));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('host matcher', () => {
  const label = fc.constantFrom('a', 'api', 'example', 'evilexample', 'com', 'io', 'EXAMPLE');
  it('grants only the host or its subdomains on a label boundary, on the granted port', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(label, { minLength: 2, maxLength: 3 }),
        fc.constantFrom('443', '*'),
        fc.array(label, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('443', '80'),
        fc.constantFrom('', '.'),
        (wildcard, patternLabels, patternPort, hostLabels, port, dot) => {
          const pattern = compileHostPattern(
            `${wildcard ? '*.' : ''}${patternLabels.join('.')}:${patternPort}`,
          );
          const resource = normaliseHostPort(`${hostLabels.join('.')}${dot}:${port}`);
          const suffix = patternLabels.join('.').toLowerCase();
          const host = hostLabels.join('.').toLowerCase();
          const hostOk = wildcard ? host.endsWith(`.${suffix}`) : host === suffix;
          expect(pattern.match(resource)).toBe(hostOk && (patternPort === '*' || patternPort === port));
        },
      ),
      RUNS,
    );
  });
});

describe('topic matcher', () => {
  const segment = fc.constantFrom('a', 'b', 'ab');
  const withWildcards = fc.constantFrom('a', 'b', 'ab', '*', '#');
  it('grants a topic only when the reference RegExp of the pattern matches it', () => {
    fc.assert(
      fc.property(
        fc.array(withWildcards, { minLength: 1, maxLength: 4 }),
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        (patternSegments, topicSegments) => {
          const compiled = onlyAirssys(() => compileTopicPattern(patternSegments.join('.')));
          if (compiled === undefined) return;
          const source = patternSegments.map((s) =>
            s === '*' ? '[^.]+' : s === '#' ? '[^.]+(?:\\.[^.]+)*' : s,
          );
          const reference = new RegExp(`^${source.join('\\.')}$`);
          const topic = topicSegments.join('.');
          expect(compiled.match(topic)).toBe(reference.test(topic));
        },
      ),
      RUNS,
    );
  });

  it('grants a subscription only when every topic it receives is granted', () => {
    fc.assert(
      fc.property(
        fc.array(withWildcards, { minLength: 1, maxLength: 3 }),
        fc.array(withWildcards, { minLength: 1, maxLength: 3 }),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        (grantSegments, subscriptionSegments, topicSegments) => {
          const grant = onlyAirssys(() => compileTopicPattern(grantSegments.join('.')));
          const subscription = onlyAirssys(() => compileTopicPattern(subscriptionSegments.join('.')));
          if (grant === undefined || subscription === undefined) return;
          const topic = topicSegments.join('.');
          if (grant.match(subscription.pattern) && subscription.match(topic))
            expect(grant.match(topic)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('registry', () => {
  it('never allows a request that no grant matches after normalisation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(patternSegment, { minLength: 1, maxLength: 3 }), { maxLength: 4 }),
        tricky,
        (patterns, text) => {
          const grants = patterns.flatMap((p) => {
            const grant = onlyAirssys(() => parseGrant('filesystem', `read:/${p.join('/')}`));
            return grant === undefined ? [] : [grant];
          });
          const registry = createCapabilityRegistry();
          registry.register('acme/a', grants);
          const decision = registry.check('acme/a', {
            kind: 'filesystem',
            action: 'read',
            resource: `/${text}`,
          });
          const path = onlyAirssys(() => normalisePath(`/${text}`));
          const expected =
            path !== undefined && grants.some((g) => compilePathPattern(g.pattern).match(path));
          expect(decision.allowed).toBe(expected);
        },
      ),
      RUNS,
    );
  });
});

describe('manifest parser', () => {
  const expectManifestErrorOnly = (text: string) => {
    try {
      parseManifest(text);
    } catch (error) {
      expect(isAirssysError(error) && error.code).toBe('INVALID_MANIFEST');
    }
  };

  it('throws only INVALID_MANIFEST on random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), expectManifestErrorOnly), RUNS);
  });

  it('throws only INVALID_MANIFEST on random edits of the DESIGN.md example', () => {
    fc.assert(
      fc.property(fc.nat(EXAMPLE.length), fc.nat(3), fc.string({ maxLength: 3 }), (at, cut, insert) => {
        expectManifestErrorOnly(EXAMPLE.slice(0, at) + insert + EXAMPLE.slice(at + cut));
      }),
      RUNS,
    );
  });

  it('throws only INVALID_MANIFEST on random TOML documents', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.boolean(),
      fc.array(tricky, { maxLength: 3 }),
    );
    const table = fc.dictionary(
      fc.constantFrom('name', 'version', 'source', 'memory', 'network', 'x'),
      value,
    );
    const doc = fc.dictionary(
      fc.constantFrom('component', 'limits', 'capabilities', 'quotas', 'other'),
      table,
    );
    fc.assert(
      fc.property(doc, (d) => expectManifestErrorOnly(stringify(d))),
      RUNS,
    );
  });

  it('gives the same canonical capabilities when re-parsed from them', () => {
    const manifest = parseManifest(EXAMPLE);
    const again = manifest.capabilities.map((g) => parseGrant(g.kind, `${g.action}:${g.pattern}`));
    expect(again.map((g) => g.pattern)).toEqual(manifest.capabilities.map((g) => g.pattern));
  });
});
