import { describe, expect, it } from 'vitest';
import {
  type ComponentId,
  componentIdEquals,
  componentKey,
  createComponentId,
  formatComponentId,
  InvalidComponentIdError,
  isAirssysError,
  isComponentId,
  parseComponentId,
} from '../src/index.js';

function thrown(fn: () => unknown): InvalidComponentIdError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidComponentIdError);
    return error as InvalidComponentIdError;
  }
  throw new Error('expected a throw');
}

describe('component-id', () => {
  it('parses namespace/name with the default instance', () => {
    expect(parseComponentId('acme/order-intake')).toEqual({
      namespace: 'acme',
      name: 'order-intake',
      instance: '0',
    });
  });

  it('uses the local namespace when the text has no slash', () => {
    expect(parseComponentId('billing')).toEqual({ namespace: 'local', name: 'billing', instance: '0' });
  });

  it('reads an instance after #', () => {
    expect(parseComponentId('acme/a#2').instance).toBe('2');
    expect(parseComponentId('worker-3#blue').instance).toBe('blue');
  });

  it('formats the default instance without a # so every spelling has one canonical form', () => {
    expect(formatComponentId(parseComponentId('acme/a#0'))).toBe('acme/a');
    expect(formatComponentId(parseComponentId('a'))).toBe('local/a');
    expect(formatComponentId(parseComponentId('acme/a#7'))).toBe('acme/a#7');
  });

  it('round-trips every valid id through format and parse', () => {
    for (const text of ['acme/order-intake', 'x1/y-2#3', 'local/a#b-c']) {
      expect(formatComponentId(parseComponentId(text))).toBe(text);
    }
  });

  it('returns frozen records', () => {
    expect(Object.isFrozen(parseComponentId('acme/a'))).toBe(true);
    expect(Object.isFrozen(createComponentId({ name: 'a' }))).toBe(true);
  });

  it('creates ids from fields with defaults and numeric instances', () => {
    expect(createComponentId({ name: 'a' })).toEqual({ namespace: 'local', name: 'a', instance: '0' });
    expect(formatComponentId(createComponentId({ namespace: 'acme', name: 'a', instance: 4 }))).toBe(
      'acme/a#4',
    );
  });

  it('rejects a namespace that is not lowercase, naming it', () => {
    const error = thrown(() => parseComponentId('Acme/order-intake'));
    expect(error.code).toBe('INVALID_COMPONENT_ID');
    expect(isAirssysError(error)).toBe(true);
    expect(error.message).toContain('`Acme`');
    expect(error.message).toContain('`Acme/order-intake`');
    expect(error.message).toContain('starting with a letter');
    expect(error.value).toBe('Acme/order-intake');
  });

  it.each([
    ['', '``'],
    ['acme/', 'name'],
    ['/a', 'namespace'],
    ['a/b/c', '`a/b/c`'],
    ['acme/1st', '`1st`'],
    ['acme/a_b', '`a_b`'],
    ['acme/a#', 'instance'],
    ['acme/a#X', '`X`'],
    [`acme/${'a'.repeat(65)}`, 'at most 64'],
  ])('rejects `%s` with a message that names it', (text, fragment) => {
    const error = thrown(() => parseComponentId(text));
    expect(error.message).toContain(fragment);
    expect(error.message).toMatch(/^Expected .*, got `.*`\.$/);
  });

  it('accepts 64-character segments', () => {
    const name = 'a'.repeat(64);
    expect(parseComponentId(`${name}/${name}`).name).toBe(name);
  });

  it('rejects non-string input to parse', () => {
    expect(thrown(() => parseComponentId(42 as unknown as string)).message).toContain('`42`');
  });

  it('rejects bad fields in createComponentId, naming the field and value', () => {
    const error = thrown(() => createComponentId({ namespace: 'ACME', name: 'a' }));
    expect(error.message).toBe(
      "Expected the namespace to be lowercase letters, digits and '-', starting with a letter, at most 64 characters, got `ACME`.",
    );
    expect(thrown(() => createComponentId({ name: 'a', instance: -1 })).message).toContain('`-1`');
  });

  it('guards records with isComponentId', () => {
    expect(isComponentId(parseComponentId('acme/a'))).toBe(true);
    expect(isComponentId({ namespace: 'acme', name: 'a', instance: '0' })).toBe(true);
    expect(isComponentId({ namespace: 'acme', name: 'a' })).toBe(false);
    expect(isComponentId({ namespace: 'Acme', name: 'a', instance: '0' })).toBe(false);
    expect(isComponentId('acme/a')).toBe(false);
    expect(isComponentId(null)).toBe(false);
  });

  it('compares ids by value and keys instances of one component together', () => {
    const a: ComponentId = parseComponentId('acme/a#1');
    expect(componentIdEquals(a, createComponentId({ namespace: 'acme', name: 'a', instance: 1 }))).toBe(true);
    expect(componentIdEquals(a, parseComponentId('acme/a'))).toBe(false);
    expect(componentKey(a)).toBe('acme/a');
  });
});
