import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalCapabilities, capabilityHash, diffCapabilities, notCoveredBy } from '../src/index.js';

const NET = 'network:outbound:api.example.com:443';
const READ = 'storage:read:cache/*';
const WRITE = 'storage:write:cache/*';

describe('capability-set', () => {
  it('sorts and de-duplicates capabilities', () => {
    expect(canonicalCapabilities([WRITE, NET, READ, NET])).toEqual([NET, READ, WRITE]);
  });

  it('hashes any order or repetition of the same set to one value', () => {
    const capability = fc.stringMatching(/^[a-z]{1,6}:[a-z]{1,6}:[a-z*/.]{1,8}$/);
    fc.assert(
      fc.property(fc.array(capability, { maxLength: 8 }), fc.nat(), (list, seed) => {
        const shuffled = [...list, ...list.slice(0, seed % (list.length + 1))].reverse();
        return capabilityHash(list) === capabilityHash(shuffled);
      }),
    );
    expect(capabilityHash([NET])).not.toBe(capabilityHash([NET, READ]));
    expect(capabilityHash([])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects entries that are not capability strings and names the index', () => {
    expect(() => canonicalCapabilities([NET, ''])).toThrow(
      'Expected `capabilities[1]` to be a capability like `storage:read:cache/*`, got ``.',
    );
    expect(() => canonicalCapabilities([NET, 5] as never)).toThrow(/`capabilities\[1\]`.*got `5`/);
    expect(() => canonicalCapabilities([' x'])).toThrow(/got ` x`/);
    expect(() => canonicalCapabilities('x' as never)).toThrow(/`capabilities` to be a list/);
  });

  it('shows what was added and removed', () => {
    expect(diffCapabilities([NET, READ], [READ, WRITE])).toEqual({ added: [WRITE], removed: [NET] });
    expect(notCoveredBy([READ, WRITE], [READ])).toEqual([WRITE]);
    expect(notCoveredBy([READ], [READ, WRITE])).toEqual([]);
  });
});
