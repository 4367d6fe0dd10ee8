import { deserialize, serialize } from 'node:v8';

// A compact binary encoding for what crosses the worker channel: the values the canonical ABI lifts (numbers,
// bigints, strings, byte lists and other typed arrays, records, lists, options, variants) and the channel's
// own small objects. `node:v8` serialize + deserialize costs ~7 µs for a 64-byte message; this costs well
// under 1 µs. Anything else (a Map, a Date, a class instance) is wrapped in a v8-serialised blob.

const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const INT32 = 4;
const FLOAT64 = 5;
const BIGINT = 6;
const STRING = 7;
const BYTES = 8;
const ARRAY = 9;
const OBJECT = 10;
const TYPED = 11;
const V8 = 12;

const TYPED_ARRAYS = [
  Int8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
] as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Thrown inside the writer when the value does not fit; `encode` then reports -1. */
const NO_ROOM = Symbol('no room');

class Writer {
  pos = 0;
  readonly view: DataView;
  constructor(readonly into: Uint8Array) {
    this.view = new DataView(into.buffer, into.byteOffset, into.byteLength);
  }

  room(n: number): void {
    if (this.pos + n > this.into.length) throw NO_ROOM;
  }

  u8(b: number): void {
    this.room(1);
    this.into[this.pos++] = b;
  }

  u32(n: number): void {
    this.room(4);
    this.view.setUint32(this.pos, n, true);
    this.pos += 4;
  }

  text(s: string): void {
    const start = this.pos + 4;
    this.room(4 + s.length);
    const into = this.into;
    let i = 0;
    // ASCII fast path: most names, keys and tags are short ASCII strings.
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      into[start + i] = c;
    }
    let written = i;
    if (i < s.length) {
      const rest = encoder.encodeInto(s.slice(i), into.subarray(start + i));
      if (rest.read !== s.length - i) throw NO_ROOM;
      written += rest.written;
    }
    this.view.setUint32(this.pos, written, true);
    this.pos = start + written;
  }

  bytes(b: Uint8Array): void {
    this.u32(b.byteLength);
    this.room(b.byteLength);
    this.into.set(b, this.pos);
    this.pos += b.byteLength;
  }

  write(v: unknown): void {
    switch (typeof v) {
      case 'undefined':
        this.u8(UNDEFINED);
        return;
      case 'boolean':
        this.u8(v ? TRUE : FALSE);
        return;
      case 'number':
        if ((v | 0) === v && !Object.is(v, -0)) {
          this.u8(INT32);
          this.room(4);
          this.view.setInt32(this.pos, v, true);
          this.pos += 4;
        } else {
          this.u8(FLOAT64);
          this.room(8);
          this.view.setFloat64(this.pos, v, true);
          this.pos += 8;
        }
        return;
      case 'bigint':
        this.u8(BIGINT);
        this.text(v.toString());
        return;
      case 'string':
        this.u8(STRING);
        this.text(v);
        return;
      case 'object':
        this.object(v);
        return;
      default:
        this.u8(V8);
        this.bytes(serialize(v));
        return;
    }
  }

  object(v: object | null): void {
    if (v === null) {
      this.u8(NULL);
      return;
    }
    if (v instanceof Uint8Array && v.constructor === Uint8Array) {
      this.u8(BYTES);
      this.bytes(v);
      return;
    }
    if (Array.isArray(v)) {
      this.u8(ARRAY);
      this.u32(v.length);
      for (const item of v) this.write(item);
      return;
    }
    if (ArrayBuffer.isView(v)) {
      const kind = TYPED_ARRAYS.findIndex((T) => v instanceof T);
      if (kind >= 0) {
        this.u8(TYPED);
        this.u8(kind);
        this.bytes(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
        return;
      }
    } else if (Object.getPrototypeOf(v) === Object.prototype) {
      const keys = Object.keys(v);
      this.u8(OBJECT);
      this.u32(keys.length);
      for (const key of keys) {
        this.text(key);
        this.write((v as Record<string, unknown>)[key]);
      }
      return;
    }
    this.u8(V8);
    this.bytes(serialize(v));
  }
}

class Reader {
  pos = 0;
  readonly view: DataView;
  constructor(readonly from: Uint8Array) {
    this.view = new DataView(from.buffer, from.byteOffset, from.byteLength);
  }

  u32(): number {
    const n = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return n;
  }

  text(): string {
    const n = this.u32();
    const from = this.from;
    const start = this.pos;
    this.pos += n;
    if (n <= 64) {
      let s = '';
      for (let i = start; i < start + n; i++) {
        const c = from[i]!;
        if (c > 0x7f) return decoder.decode(from.slice(start, start + n));
        s += String.fromCharCode(c);
      }
      return s;
    }
    return decoder.decode(from.slice(start, start + n));
  }

  bytes(): Uint8Array {
    const n = this.u32();
    const b = this.from.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  read(): unknown {
    const tag = this.from[this.pos++];
    switch (tag) {
      case UNDEFINED:
        return undefined;
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case INT32:
        this.pos += 4;
        return this.view.getInt32(this.pos - 4, true);
      case FLOAT64:
        this.pos += 8;
        return this.view.getFloat64(this.pos - 8, true);
      case BIGINT:
        return BigInt(this.text());
      case STRING:
        return this.text();
      case BYTES:
        return this.bytes();
      case TYPED: {
        const T = TYPED_ARRAYS[this.from[this.pos++]!]!;
        const b = this.bytes();
        return new T(b.buffer as ArrayBuffer, 0, b.byteLength / T.BYTES_PER_ELEMENT);
      }
      case ARRAY: {
        const n = this.u32();
        const out = new Array(n);
        for (let i = 0; i < n; i++) out[i] = this.read();
        return out;
      }
      case OBJECT: {
        const n = this.u32();
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const key = this.text();
          out[key] = this.read();
        }
        return out;
      }
      case V8:
        return deserialize(Buffer.from(this.bytes()));
      default:
        throw new Error(`airssys channel: unknown tag ${tag} at byte ${this.pos - 1}`);
    }
  }
}

/** Writes a value into `into`; returns the length written, or -1 when it did not fit. */
export function encode(value: unknown, into: Uint8Array): number {
  const writer = new Writer(into);
  try {
    writer.write(value);
  } catch (error) {
    if (error === NO_ROOM) return -1;
    throw error;
  }
  return writer.pos;
}

/** Reads a value written by {@link encode}; byte lists are copied out, so the buffer may be reused. */
export function decode(from: Uint8Array): unknown {
  return new Reader(from).read();
}
