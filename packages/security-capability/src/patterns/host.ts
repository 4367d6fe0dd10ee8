import { InvalidCapabilityError, InvalidResourceError, showValue } from '../errors.js';
import type { CompiledPattern } from './glob.js';

// Hosts are compared in one canonical spelling: lower case, one trailing dot (the DNS root) dropped, IPv6
// literals in brackets and compressed (`[0:0::1]` → `[::1]`). Names are ASCII letters, digits, `-` and `_`
// (internationalised names must be given in punycode). A name whose last label is numeric must be a plain
// dotted-quad IPv4 address, so `127.1`, `0x7f.0.0.1` or `2130706433` never pass as something else.

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/;
const OCTET = /^(?:0|[1-9]\d{0,2})$/;
const PORT = /^[1-9]\d{0,4}$/;
const IPV6 = /^[0-9a-f:.]+$/;
const PATTERN_HINT = 'a `host:port` pattern like `api.example.com:443` or `*.example.com:*`';

/**
 * True for a destination that is already canonical: lower-case LDH labels of 1 to 63 characters (no leading or
 * trailing `-`), the last starting with a letter (so not numeric), a host of at most 253 characters, and a port
 * from 1 to 65535 without a leading zero. One pass over the character codes, no RegExp and no allocation; anything
 * else (upper case, `_`, a trailing dot, IPv6…) takes the full normalisation.
 */
function isPlain(resource: string): boolean {
  const length = resource.length;
  if (length < 3 || length > 259) return false;
  let start = 0;
  let i = 0;
  for (; i < length; i++) {
    const code = resource.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) continue; // a-z 0-9
    if (code === 45) {
      if (i === start) return false; // `-` may not lead a label
      continue;
    }
    if (code !== 46 && code !== 58) return false; // only `.` and `:` remain
    if (i === start || i - start > 63 || resource.charCodeAt(i - 1) === 45) return false;
    if (code === 58) break;
    start = i + 1;
  }
  if (i >= length || i > 253) return false;
  const first = resource.charCodeAt(start);
  if (first < 97 || first > 122) return false; // the last label starts with a letter
  const digits = length - i - 1;
  if (digits < 1 || digits > 5 || resource.charCodeAt(i + 1) === 48) return false;
  let port = 0;
  for (let j = i + 1; j < length; j++) {
    const code = resource.charCodeAt(j);
    if (code < 48 || code > 57) return false;
    port = port * 10 + code - 48;
  }
  return port <= 65_535;
}

function refuse(resource: unknown, why: string): never {
  throw new InvalidResourceError(`Destination \`${showValue(resource)}\` is refused: ${why}.`, resource);
}

/** Splits `host:port` or `[ipv6]:port`; returns undefined when there is no port separator. */
function split(text: string): [host: string, port: string] | undefined {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const host = text.slice(0, colon);
  if (host.startsWith('[') !== host.endsWith(']')) return undefined;
  return [host, text.slice(colon + 1)];
}

/** Canonical host, or why it is refused. */
function canonicalHost(raw: string): string | { why: string } {
  let host = raw.toLowerCase();
  if (host.startsWith('[')) {
    const inner = host.slice(1, -1);
    if (!IPV6.test(inner) || !inner.includes(':')) return { why: 'not an IPv6 address' };
    try {
      return new URL(`http://[${inner}]/`).hostname;
    } catch {
      return { why: 'not an IPv6 address' };
    }
  }
  if (host.includes(':')) return { why: 'an IPv6 address must be written in brackets, like `[::1]:443`' };
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0 || host.length > 253) return { why: 'expected a host name of 1 to 253 characters' };
  const labels = host.split('.');
  for (const label of labels) {
    if (!LABEL.test(label)) return { why: `label \`${showValue(label)}\` is not a valid DNS label` };
  }
  if (NUMERIC_LABEL.test(labels[labels.length - 1]!)) {
    if (labels.length !== 4 || !labels.every((l) => OCTET.test(l) && Number(l) <= 255)) {
      return { why: 'a numeric host must be a dotted-quad IPv4 address like `10.0.0.1`' };
    }
  }
  return host;
}

function validPort(port: string): boolean {
  return PORT.test(port) && Number(port) <= 65_535;
}

/**
 * Normalises a concrete `host:port` destination (no wildcards). Throws `InvalidResourceError`.
 * @example normaliseHostPort('API.Example.COM.:443') // 'api.example.com:443'
 */
export function normaliseHostPort(resource: unknown): string {
  if (typeof resource === 'string' && isPlain(resource)) return resource;
  if (typeof resource !== 'string' || resource.length > 300) return refuse(resource, 'expected `host:port`');
  const parts = split(resource);
  if (parts === undefined) return refuse(resource, 'expected `host:port`, like `api.example.com:443`');
  const host = canonicalHost(parts[0]);
  if (typeof host !== 'string') return refuse(resource, host.why);
  if (!validPort(parts[1])) return refuse(resource, 'expected a port from 1 to 65535');
  return `${host}:${parts[1]}`;
}

/**
 * Compiles a `host:port` pattern: an exact host or `*.suffix` (subdomains on a label boundary, never the apex),
 * and an exact port or `*`. Throws `InvalidCapabilityError`.
 * @example compileHostPattern('*.example.com:443').match('a.example.com:443') // true
 */
export function compileHostPattern(text: string): CompiledPattern {
  const bad = (why: string): never => {
    throw new InvalidCapabilityError(`${PATTERN_HINT} (${why})`, text, showValue(text));
  };
  if (typeof text !== 'string' || text.trim() === '') return bad('it is empty');
  if (text.length > 300) return bad('it is too long');
  const parts = split(text);
  if (parts === undefined) return bad('a port is required, for example `:443` or `:*`');
  const [rawHost, port] = parts;
  if (port !== '*' && !validPort(port)) return bad('the port must be 1 to 65535 or `*`');
  const wildcard = rawHost.startsWith('*.');
  const host = canonicalHost(wildcard ? rawHost.slice(2) : rawHost);
  if (typeof host !== 'string') return bad(host.why);
  if (wildcard && (!host.includes('.') || host.startsWith('['))) {
    return bad('`*.` needs a suffix of at least two labels, like `*.example.com`');
  }
  if (wildcard && NUMERIC_LABEL.test(host.slice(host.lastIndexOf('.') + 1))) {
    return bad('`*.` cannot prefix an IP address');
  }
  const pattern = `${wildcard ? '*.' : ''}${host}:${port}`;
  const suffix = `.${host}`;
  const head = `${host}:`;
  let match: (resource: string) => boolean;
  if (!wildcard) match = port === '*' ? (r) => r.startsWith(head) : (r) => r === pattern;
  else {
    const tail = `:${port}`;
    match = (r) => {
      const colon = r.lastIndexOf(':');
      if (port !== '*' && !(r.endsWith(tail) && r.length - tail.length === colon)) return false;
      return colon > suffix.length && r.endsWith(suffix, colon);
    };
  }
  return { pattern, bucket: wildcard ? `*${suffix}` : host, match };
}

/** Index buckets a normalised destination may meet: its host, then `*.` plus each parent domain. */
export function hostBuckets(resource: string): string[] {
  const host = resource.slice(0, resource.lastIndexOf(':'));
  const out = [host];
  if (host.startsWith('[')) return out;
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1))
    out.push(`*${host.slice(dot)}`);
  return out;
}
