// Core type definitions may appear inside component and instance types (a component that imports a core
// module). Nothing in them matters for naming, but they have no length prefix, so they must be read through.
import type { BinaryReader } from './binary-reader.js';

/** Reads past one `core:type` inside a component or instance type declaration. */
export function skipCoreType(s: BinaryReader): void {
  const tag = s.peek();
  if (tag === 0x50) {
    s.u8();
    s.vec(() => skipModuleDecl(s));
    return;
  }
  if (tag === 0x00) s.u8(); // a non-final `sub` type, prefixed to tell it apart from a module type
  skipRecGroup(s);
}

function skipModuleDecl(s: BinaryReader): void {
  const tag = s.u8();
  if (tag === 0x00) {
    s.string();
    s.string();
    skipImportDesc(s);
  } else if (tag === 0x01) skipRecGroup(s);
  else if (tag === 0x02) {
    s.u8(); // sort: type
    s.u8(); // target: outer
    s.u32();
    s.u32();
  } else if (tag === 0x03) {
    s.string();
    skipImportDesc(s);
  } else s.fail('a core module type declaration', s.pos - 1);
}

function skipImportDesc(s: BinaryReader): void {
  const tag = s.u8();
  if (tag === 0x00) s.u32();
  else if (tag === 0x01) {
    skipValType(s);
    skipLimits(s);
  } else if (tag === 0x02) skipLimits(s);
  else if (tag === 0x03) {
    skipValType(s);
    s.u8();
  } else if (tag === 0x04) {
    s.u8();
    s.u32();
  } else s.fail('a core import descriptor', s.pos - 1);
}

function skipLimits(s: BinaryReader): void {
  const flags = s.u8();
  s.skipLeb();
  if (flags & 0x01) s.skipLeb();
  if (flags & 0x08) s.u32(); // custom page size
}

function skipRecGroup(s: BinaryReader): void {
  if (s.peek() === 0x4e) {
    s.u8();
    s.vec(() => skipSubType(s));
  } else skipSubType(s);
}

function skipSubType(s: BinaryReader): void {
  const tag = s.peek();
  if (tag === 0x50 || tag === 0x4f) {
    s.u8();
    s.vec(() => s.u32());
  }
  const kind = s.u8();
  if (kind === 0x60) {
    s.vec(() => skipValType(s));
    s.vec(() => skipValType(s));
  } else if (kind === 0x5f) {
    s.vec(() => skipField(s));
  } else if (kind === 0x5e) skipField(s);
  else s.fail('a core function, struct or array type', s.pos - 1);
}

function skipField(s: BinaryReader): void {
  skipValType(s);
  s.u8(); // mutability
}

function skipValType(s: BinaryReader): void {
  const byte = s.u8();
  if (byte === 0x63 || byte === 0x64) s.s33(); // (ref null? heaptype)
}
