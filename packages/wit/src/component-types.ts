// Reads what a component imports and exports, and which functions each instance has, straight from the
// component binary. jco's `componentWit` prints only the root world, so interfaces of other packages
// (`docs:adder/add@0.1.0`) appear there without their functions; the binary has them.
//
// Only the index spaces that names depend on are tracked (types, instances, components). Core modules,
// core instances, canonical functions, start and value sections are skipped by their size.
import { BinaryReader } from './binary-reader.js';
import { skipCoreType } from './core-types.js';
import { checkPreamble } from './preamble.js';

/** An import, export or instance member, reduced to what naming needs. */
export type Entity =
  | { sort: 'func' }
  | { sort: 'instance'; exports: Shape }
  | { sort: 'component'; exports: Shape }
  | { sort: 'type'; def: TypeDef }
  | { sort: 'other' };

/** The named members of an instance, in declaration order. */
export type Shape = Map<string, Entity>;

type TypeDef = { kind: 'instance' | 'component'; exports: Shape } | { kind: 'other' };

type Sort = 'core' | 'func' | 'value' | 'type' | 'component' | 'instance';

interface Scope {
  parent: Scope | undefined;
  types: TypeDef[];
  instances: Shape[];
  components: Shape[];
}

/** The imports and exports of a component, in binary order. */
export interface ComponentShape {
  imports: Array<[string, Entity]>;
  exports: Array<[string, Entity]>;
}

const OTHER: TypeDef = { kind: 'other' };
const SORTS: Record<number, Sort> = { 1: 'func', 2: 'value', 3: 'type', 4: 'component', 5: 'instance' };

/** Reads the imports and exports of the component in `bytes`; throws `INVALID_COMPONENT` when malformed. */
export function readComponentShape(bytes: Uint8Array): ComponentShape {
  return readComponent(new BinaryReader(bytes), undefined);
}

function readComponent(r: BinaryReader, parent: Scope | undefined): ComponentShape {
  checkPreamble(r);
  const scope: Scope = { parent, types: [], instances: [], components: [] };
  const shape: ComponentShape = { imports: [], exports: [] };
  while (!r.done) {
    const sectionAt = r.pos;
    const id = r.u8();
    const size = r.u32();
    const start = r.pos;
    r.skip(size);
    const s = new BinaryReader(
      r.bytes,
      start,
      start + size,
      `section ${id} (bytes ${start}–${start + size})`,
    );
    if (id === 4) {
      scope.components.push(new Map(readComponent(s, scope).exports));
      continue;
    }
    if (id === 5) s.vec(() => scope.instances.push(readInstance(s, scope)));
    else if (id === 6) s.vec(() => readAlias(s, scope));
    else if (id === 7) s.vec(() => scope.types.push(readType(s, scope)));
    else if (id === 10) s.vec(() => shape.imports.push(readImport(s, scope)));
    else if (id === 11) s.vec(() => shape.exports.push(readExport(s, scope)));
    else if (id > 12) r.fail(`a component section id from 0 to 12, got ${id},`, sectionAt);
    else continue; // custom, core module/instance/type, canon, start, value: nothing we need
    if (!s.done) s.fail(`the end of section ${id}`);
  }
  return shape;
}

function readImport(s: BinaryReader, scope: Scope): [string, Entity] {
  const name = readExternName(s);
  const entity = readExternDesc(s, scope);
  define(scope, entity);
  return [name, entity];
}

function readExport(s: BinaryReader, scope: Scope): [string, Entity] {
  const name = readExternName(s);
  const sort = readSort(s);
  const index = s.u32();
  const ascribed = s.u8();
  if (ascribed > 1) s.fail('0x00 or 0x01 before an optional export type', s.pos - 1);
  const entity = ascribed === 1 ? readExternDesc(s, scope) : entityOf(s, scope, sort, index);
  define(scope, entity);
  return [name, entity];
}

function readInstance(s: BinaryReader, scope: Scope): Shape {
  const tag = s.u8();
  if (tag === 0x00) {
    const component = at(s, scope.components, s.u32(), 'component');
    s.vec(() => {
      s.string();
      readSort(s);
      s.u32();
    });
    return component;
  }
  if (tag !== 0x01) s.fail('an instance expression (0x00 or 0x01)', s.pos - 1);
  const shape: Shape = new Map();
  s.vec(() => {
    const name = readExternName(s);
    const sort = readSort(s);
    shape.set(name, entityOf(s, scope, sort, s.u32()));
  });
  return shape;
}

function readAlias(s: BinaryReader, scope: Scope): void {
  const sort = readSort(s);
  const target = s.u8();
  if (target === 0x00) {
    const instance = at(s, scope.instances, s.u32(), 'instance');
    define(scope, instance.get(s.string()) ?? placeholder(sort));
  } else if (target === 0x01) {
    s.u32();
    s.string();
  } else if (target === 0x02) {
    let outer: Scope | undefined = scope;
    for (let count = s.u32(); count > 0; count--) outer = outer?.parent;
    if (!outer) s.fail('an outer alias count within the enclosing scopes');
    const index = s.u32();
    if (sort === 'type') scope.types.push(at(s, outer.types, index, 'type'));
    if (sort === 'component') scope.components.push(at(s, outer.components, index, 'component'));
  } else {
    s.fail('an alias target (0x00, 0x01 or 0x02)', s.pos - 1);
  }
}

function readType(s: BinaryReader, scope: Scope): TypeDef {
  const tag = s.u8();
  if (tag === 0x41 || tag === 0x42) return readDecls(s, scope, tag === 0x41 ? 'component' : 'instance');
  if (tag === 0x3f) {
    skipCoreValType(s); // representation
    if (readFlag(s)) s.u32(); // destructor
  } else if (tag === 0x40 || tag === 0x43) {
    s.vec(() => readNamedValType(s)); // parameters; results are one type or a (possibly empty) named list
    if (readFlag(s)) s.vec(() => readNamedValType(s));
    else s.s33();
  } else {
    skipDefValType(s, tag);
  }
  return OTHER;
}

function readDecls(s: BinaryReader, parent: Scope, kind: 'instance' | 'component'): TypeDef {
  const scope: Scope = { parent, types: [], instances: [], components: [] };
  const exports: Shape = new Map();
  s.vec(() => {
    const tag = s.u8();
    if (tag === 0x00) skipCoreType(s);
    else if (tag === 0x01) scope.types.push(readType(s, scope));
    else if (tag === 0x02) readAlias(s, scope);
    else if (tag === 0x03 && kind === 'component') readImport(s, scope);
    else if (tag === 0x04) {
      const name = readExternName(s);
      const entity = readExternDesc(s, scope);
      define(scope, entity);
      exports.set(name, entity);
    } else s.fail(`a ${kind} type declaration`, s.pos - 1);
  });
  return { kind, exports };
}

function readExternDesc(s: BinaryReader, scope: Scope): Entity {
  const tag = s.u8();
  if (tag === 0x00) {
    s.u8();
    s.u32();
    return { sort: 'other' };
  }
  if (tag === 0x01) {
    s.u32();
    return { sort: 'func' };
  }
  if (tag === 0x02) {
    s.s33();
    return { sort: 'other' };
  }
  if (tag === 0x03) {
    const bound = s.u8();
    if (bound === 0x01) return { sort: 'type', def: OTHER };
    if (bound !== 0x00) s.fail('a type bound (0x00 or 0x01)', s.pos - 1);
    return { sort: 'type', def: at(s, scope.types, s.u32(), 'type') };
  }
  if (tag === 0x04 || tag === 0x05) {
    const def = at(s, scope.types, s.u32(), 'type');
    const exports = def.kind === 'other' ? new Map() : def.exports;
    return tag === 0x04 ? { sort: 'component', exports } : { sort: 'instance', exports };
  }
  return s.fail('an extern descriptor (0x00 to 0x05)', s.pos - 1);
}

function entityOf(s: BinaryReader, scope: Scope, sort: Sort, index: number): Entity {
  if (sort === 'func') return { sort };
  if (sort === 'instance') return { sort, exports: at(s, scope.instances, index, 'instance') };
  if (sort === 'component') return { sort, exports: at(s, scope.components, index, 'component') };
  if (sort === 'type') return { sort, def: at(s, scope.types, index, 'type') };
  return { sort: 'other' };
}

/** Adds an imported, exported or aliased item to the index space of its sort. */
function define(scope: Scope, entity: Entity): void {
  if (entity.sort === 'instance') scope.instances.push(entity.exports);
  else if (entity.sort === 'component') scope.components.push(entity.exports);
  else if (entity.sort === 'type') scope.types.push(entity.def);
}

function placeholder(sort: Sort): Entity {
  if (sort === 'instance' || sort === 'component') return { sort, exports: new Map() };
  if (sort === 'type') return { sort, def: OTHER };
  return { sort: 'other' };
}

function readSort(s: BinaryReader): Sort {
  const byte = s.u8();
  if (byte === 0x00) {
    s.u8();
    return 'core';
  }
  return SORTS[byte] ?? s.fail('a sort (0x00 to 0x05)', s.pos - 1);
}

function readExternName(s: BinaryReader): string {
  if (s.u8() > 0x01) s.fail('an import or export name (0x00 or 0x01)', s.pos - 1);
  return s.string();
}

function readFlag(s: BinaryReader): boolean {
  const byte = s.u8();
  if (byte > 1) s.fail('0x00 or 0x01', s.pos - 1);
  return byte === 1;
}

function readNamedValType(s: BinaryReader): void {
  s.string();
  s.s33();
}

function readOptionalValType(s: BinaryReader): void {
  if (readFlag(s)) s.s33();
}

function skipCoreValType(s: BinaryReader): void {
  const byte = s.u8();
  if (byte === 0x63 || byte === 0x64) s.s33();
}

function skipDefValType(s: BinaryReader, tag: number): void {
  // A value type is either a primitive (a negative one-byte s33) or a type index; `s33` reads both.
  if (tag >= 0x73 && tag <= 0x7f) return; // primitive
  if (tag === 0x72) s.vec(() => readNamedValType(s));
  else if (tag === 0x71) {
    s.vec(() => {
      s.string();
      readOptionalValType(s);
      if (readFlag(s)) s.u32(); // refines
    });
  } else if (tag === 0x70 || tag === 0x6b) s.s33();
  else if (tag === 0x67) {
    s.s33();
    s.u32();
  } else if (tag === 0x6f) s.vec(() => s.s33());
  else if (tag === 0x6e || tag === 0x6d) s.vec(() => s.string());
  else if (tag === 0x6a) {
    readOptionalValType(s);
    readOptionalValType(s);
  } else if (tag === 0x69 || tag === 0x68) s.u32();
  else if (tag === 0x66 || tag === 0x65) readOptionalValType(s);
  else if (tag !== 0x64) s.fail('a component type definition', s.pos - 1);
}

function at<T>(s: BinaryReader, list: T[], index: number, what: string): T {
  return list[index] ?? s.fail(`a defined ${what} index (there are ${list.length}), got ${index},`);
}
