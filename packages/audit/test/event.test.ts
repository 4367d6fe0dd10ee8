import { describe, expect, it } from 'vitest';
import { AUDIT_CATEGORIES, AUDIT_DECISIONS, normalizeEvent, serializeEvent } from '../src/index.js';

const base = { component: 'acme/a', category: 'trust', action: 'verify', decision: 'allowed' } as const;

describe('event', () => {
  it('covers the categories and decisions of the issue', () => {
    expect(AUDIT_CATEGORIES).toEqual(['capability', 'trust', 'approval', 'quota', 'lifecycle', 'messaging']);
    expect(AUDIT_DECISIONS).toEqual(['allowed', 'denied', 'info']);
  });

  it('copies the known fields only, filling time', () => {
    const input = { ...base, trustLevel: 'trusted', correlationId: 'c1', extra: 1 } as never;
    const event = normalizeEvent(input, 7);
    expect(event).toEqual({ ...base, time: 7, trustLevel: 'trusted', correlationId: 'c1' });
    expect(event).not.toHaveProperty('extra', 1);
  });

  it.each([
    ['component', { ...base, component: '' }],
    ['action', { ...base, action: 3 }],
    ['decision', { ...base, decision: 'maybe' }],
    ['trustLevel', { ...base, trustLevel: 'root' }],
    ['time', { ...base, time: Number.NaN }],
    ['resource', { ...base, resource: 5 }],
    ['details', { ...base, details: 'x' }],
  ])('rejects a bad %s', (key, input) => {
    expect(() => normalizeEvent(input as never, 0)).toThrow(
      expect.objectContaining({ code: 'INVALID_AUDIT_EVENT', key: `event.${key}` }),
    );
  });

  it('serialises to one line and replaces details that cannot be serialised', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const line = serializeEvent({ ...base, time: 1, reason: 'a\nb', details: cyclic });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line).details.unserializable).toMatch(/circular/i);
    expect(JSON.parse(serializeEvent({ ...base, time: 1, details: { big: 1n } })).details).toHaveProperty(
      'unserializable',
    );
  });
});
