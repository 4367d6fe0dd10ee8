import { WitError } from './errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A cursor over WebAssembly binary bytes; every read checks bounds and throws `INVALID_COMPONENT`. */
export class BinaryReader {
  readonly bytes: Uint8Array;
  pos: number;
  readonly end: number;
  /** What the bytes are, for messages: `the component`, `section 7`. */
  readonly label: string;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length, label = 'the component') {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.label = label;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  fail(what: string, at = this.pos): never {
    throw new WitError('INVALID_COMPONENT', `Expected ${what} at byte ${at} of ${this.label}.`);
  }

  u8(): number {
    if (this.pos >= this.end) this.truncated(1);
    return this.bytes[this.pos++]!;
  }

  peek(): number {
    if (this.pos >= this.end) this.truncated(1);
    return this.bytes[this.pos]!;
  }

  /** Unsigned LEB128, at most 32 bits. */
  u32(): number {
    let result = 0;
    let shift = 0;
    const start = this.pos;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) this.fail('a LEB128 u32 of at most 5 bytes', start);
    }
    if (result > 0xffff_ffff) this.fail('a LEB128 u32 that fits 32 bits', start);
    return result;
  }

  /** Signed LEB128 of at most 33 bits, as used for component value-type indices. */
  s33(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    const start = this.pos;
    do {
      byte = this.u8();
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (shift > 35) this.fail('a LEB128 s33 of at most 5 bytes', start);
    } while (byte & 0x80);
    if (byte & 0x40) result -= 2 ** shift;
    return result;
  }

  /** Skips an unsigned LEB128 of any width (core limits may be 64-bit). */
  skipLeb(): void {
    const start = this.pos;
    while (this.u8() & 0x80) if (this.pos - start > 10) this.fail('a LEB128 of at most 10 bytes', start);
  }

  /** A length-prefixed UTF-8 string. */
  string(): string {
    const len = this.u32();
    const start = this.pos;
    this.skip(len);
    try {
      return decoder.decode(this.bytes.subarray(start, start + len));
    } catch {
      this.fail('a UTF-8 string', start);
    }
  }

  skip(count: number): void {
    if (count > this.end - this.pos) this.truncated(count);
    this.pos += count;
  }

  /** Reads a vector length, then calls `item` that many times. */
  vec(item: () => void): void {
    const count = this.u32();
    for (let i = 0; i < count; i++) item();
  }

  private truncated(needed: number): never {
    throw new WitError(
      'INVALID_COMPONENT',
      `Expected ${needed} more byte(s) at byte ${this.pos}, but ${this.label} ends at byte ${this.end} (truncated?).`,
    );
  }
}
