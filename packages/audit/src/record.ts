import type { AuditEvent } from '@airssys/core';
import { recordBody } from './chain.js';
import { AUDIT_CATEGORIES, AUDIT_DECISIONS, hasEventShape, serializeEvent } from './event.js';

// Hash-chain records encoded straight into one reusable byte buffer per batch. The bytes are exactly the UTF-8 of
// `recordBody(seq, prev, serializeEvent(event))` followed by the seal `,"hash":"…"}` and a newline (the body's own
// closing `}` is overwritten), so the body can be hashed in place, as the very bytes that are written.
// In the common case every string of the event is printable ASCII without `"` or `\`, which JSON writes as is and
// which is one byte a character: the body is one template string copied with a Latin-1 write, the cheapest there
// is. Anything else is serialised by `serializeEvent` and encoded as UTF-8.

/** The buffer a writer starts with. */
const INITIAL_BYTES = 64 * 1024;
/** The buffer a writer keeps between batches; a larger one, grown for a big batch, is let go after it. */
const RETAINED_BYTES = 4 << 20;
/** Bytes of `,"hash":"<64 hex>"}\n`. */
const SEAL_BYTES = 76;

/** A character that JSON escapes, or that is not one byte in UTF-8 (DEL included, to keep the class simple). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes.
const NOT_PLAIN = /["\\\u0000-\u001f\u007f-\uffff]/;

/** Values known to be plain: the categories, decisions and trust levels, checked without a regular expression. */
const KNOWN_PLAIN: ReadonlySet<string | undefined> = new Set<string | undefined>([
  undefined,
  ...AUDIT_CATEGORIES,
  ...AUDIT_DECISIONS,
  'trusted',
  'unknown',
  'dev-mode',
]);

/** Whether an optional string member can be written as is. */
function plain(text: string | undefined): boolean {
  return text === undefined || !NOT_PLAIN.test(text);
}

/** {@link plain} for a member that is usually one of {@link KNOWN_PLAIN}. */
function known(text: string | undefined): boolean {
  return KNOWN_PLAIN.has(text) || !NOT_PLAIN.test(text as string);
}

// `Buffer#utf8Write` and `Buffer#latin1Write` are what `Buffer#write` calls after checking its arguments; they are
// used directly when present (every Node so far), since the buffer here always has room.
type RawWrite = (this: Buffer, text: string, offset: number) => number;
const raw = Buffer.prototype as unknown as { utf8Write?: RawWrite; latin1Write?: RawWrite };
const rawUtf8Write = raw.utf8Write;
const rawLatin1Write = raw.latin1Write;
const utf8Write: (buffer: Buffer, text: string, offset: number) => number =
  typeof rawUtf8Write === 'function'
    ? (buffer, text, offset) => rawUtf8Write.call(buffer, text, offset)
    : (buffer, text, offset) => buffer.write(text, offset, 'utf8');
const latin1Write: (buffer: Buffer, text: string, offset: number) => number =
  typeof rawLatin1Write === 'function'
    ? (buffer, text, offset) => rawLatin1Write.call(buffer, text, offset)
    : (buffer, text, offset) => buffer.write(text, offset, 'latin1');

/** A growable byte buffer that a batch of hash-chain records is encoded into. */
export class RecordBuffer {
  /** The bytes; valid up to `length`. Replaced when it grows. */
  bytes: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  /** Bytes in use. */
  length = 0;

  /** Makes room for `extra` more bytes. */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.bytes.length) return;
    const next = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
    this.bytes.copy(next, 0, 0, this.length);
    this.bytes = next;
  }

  /** Empties the buffer (letting go of one grown past the size kept between batches). */
  reset(): void {
    this.length = 0;
    if (this.bytes.length > RETAINED_BYTES) this.bytes = Buffer.allocUnsafe(INITIAL_BYTES);
  }

  /**
   * Appends the body of record `seq` linking to `prev` and returns where it starts; it ends at `length` with `}`.
   * The bytes are the UTF-8 of `recordBody(seq, prev, serializeEvent(event))`.
   */
  appendBody(seq: number, prev: string, event: AuditEvent): number {
    const start = this.length;
    const {
      time,
      component,
      category,
      action,
      resource,
      decision,
      reason,
      trustLevel,
      correlationId,
      details,
    } = event;
    if (
      hasEventShape(event) &&
      plain(component) &&
      known(category) &&
      plain(action) &&
      plain(resource) &&
      known(decision) &&
      plain(reason) &&
      known(trustLevel) &&
      plain(correlationId)
    ) {
      // `seq`, `prev` (a hex hash) and `time` (a finite number, written as JSON writes it) are plain ASCII too.
      let body = `{"seq":${seq},"prev":"${prev}","time":${time},"component":"${component}","category":"${category}","action":"${action}"`;
      if (resource !== undefined) body += `,"resource":"${resource}"`;
      body += `,"decision":"${decision}"`;
      if (reason !== undefined) body += `,"reason":"${reason}"`;
      if (trustLevel !== undefined) body += `,"trustLevel":"${trustLevel}"`;
      if (correlationId !== undefined) body += `,"correlationId":"${correlationId}"`;
      if (details === undefined) {
        body += '}';
        this.reserve(body.length);
        this.length = start + latin1Write(this.bytes, body, start);
        return start;
      }
      let wrapped: string | undefined;
      try {
        // Wrapped so that `toJSON` sees the key `details` and an unserialisable value is left out, as in the record.
        wrapped = JSON.stringify({ details });
      } catch {
        wrapped = undefined; // the reference serialisation below replaces it with a note
      }
      if (wrapped !== undefined) {
        body += wrapped === '{}' ? '}' : `,${wrapped.slice(1)}`;
        this.reserve(body.length * 3);
        this.length = start + utf8Write(this.bytes, body, start);
        return start;
      }
    }
    // Anything else: the reference serialisation, encoded as UTF-8.
    const body = recordBody(seq, prev, serializeEvent(event));
    this.reserve(body.length * 3);
    this.length = start + utf8Write(this.bytes, body, start);
    return start;
  }

  /** Replaces the `}` that ends the last body with `,"hash":"<hash>"}` and a newline. */
  seal(hash: string): void {
    this.length -= 1;
    this.reserve(SEAL_BYTES + hash.length);
    this.length += latin1Write(this.bytes, `,"hash":"${hash}"}\n`, this.length);
  }
}
