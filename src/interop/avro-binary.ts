/**
 * The Avro binary encoding (specification 1.11, "Binary Encoding"), over Uint8Array and DataView only,
 * so it runs unchanged in Node, browsers and workers (no `Buffer`, no Node `util`/`stream`): a
 * writer's schema is compiled into a tree, values are decoded from it, and the few encoders Photon's
 * records need are here. Decoding a truncated or malformed value throws {@link AvroDecodeError} with
 * the byte offset.
 */

/** A compiled Avro schema. */
export type AvroNode =
  | { type: 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string' }
  | { type: 'record'; name: string; fields: { name: string; node: AvroNode; hasDefault: boolean }[] }
  | { type: 'enum'; name: string; symbols: string[] }
  | { type: 'fixed'; name: string; size: number }
  | { type: 'array'; items: AvroNode }
  | { type: 'map'; values: AvroNode }
  | { type: 'union'; branches: AvroNode[] };

/** A value that does not decode, at byte `offset` of the buffer decoded. */
export class AvroDecodeError extends Error {
  constructor(
    readonly problem: string,
    readonly offset: number,
  ) {
    super(problem);
  }
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** Compiles a parsed schema (JSON); throws Error for one that is not valid Avro. */
export function compileAvroSchema(schema: unknown): AvroNode {
  const named = new Map<string, AvroNode>();
  const fullName = (name: string, ns: string) => (name.includes('.') || !ns ? name : `${ns}.${name}`);
  const define = (s: { name?: unknown; namespace?: unknown }, ns: string, node: AvroNode): string => {
    if (typeof s.name !== 'string' || !s.name) throw new Error('a named type has no name');
    const space = typeof s.namespace === 'string' ? s.namespace : ns;
    const full = fullName(s.name, space);
    if (named.has(full)) throw new Error(`type ${full} is defined twice`);
    named.set(full, node);
    return full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : '';
  };
  const compile = (s: unknown, ns: string): AvroNode => {
    if (typeof s === 'string') {
      if (PRIMITIVES.has(s)) return { type: s } as AvroNode;
      const found = named.get(fullName(s, ns)) ?? named.get(s);
      if (!found) throw new Error(`unknown type ${JSON.stringify(s)}`);
      return found;
    }
    if (Array.isArray(s)) return { type: 'union', branches: s.map((b) => compile(b, ns)) };
    if (s === null || typeof s !== 'object') throw new Error(`not a schema: ${JSON.stringify(s)}`);
    const o = s as { [key: string]: unknown };
    switch (o.type) {
      case 'record':
      case 'error': {
        const node: AvroNode = { type: 'record', name: String(o.name), fields: [] };
        const inner = define(o, ns, node);
        if (!Array.isArray(o.fields)) throw new Error(`record ${String(o.name)} has no fields array`);
        for (const f of o.fields as { name?: unknown; type?: unknown }[]) {
          if (typeof f?.name !== 'string') throw new Error(`a field of ${String(o.name)} has no name`);
          node.fields.push({ name: f.name, node: compile(f.type, inner), hasDefault: Object.hasOwn(f, 'default') });
        }
        return node;
      }
      case 'enum': {
        if (!Array.isArray(o.symbols) || !o.symbols.every((x) => typeof x === 'string'))
          throw new Error(`enum ${String(o.name)} has no symbols`);
        const node: AvroNode = { type: 'enum', name: String(o.name), symbols: o.symbols as string[] };
        define(o, ns, node);
        return node;
      }
      case 'fixed': {
        if (!Number.isInteger(o.size) || (o.size as number) < 0) throw new Error(`fixed ${String(o.name)} has no size`);
        const node: AvroNode = { type: 'fixed', name: String(o.name), size: o.size as number };
        define(o, ns, node);
        return node;
      }
      case 'array':
        return { type: 'array', items: compile(o.items, ns) };
      case 'map':
        return { type: 'map', values: compile(o.values, ns) };
      default:
        // `{ "type": "string", "logicalType": … }` and the like: the underlying type.
        if (typeof o.type === 'string' || Array.isArray(o.type)) return compile(o.type, ns);
        throw new Error(`not a schema: ${JSON.stringify(s).slice(0, 80)}`);
    }
  };
  return compile(schema, '');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A cursor over bytes that decodes Avro values. */
export class AvroReader {
  pos: number;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number, what: string): number {
    if (this.pos + n > this.bytes.length) throw new AvroDecodeError(`${what}: truncated`, this.pos);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  /** A zig-zag varint, exact up to 2^53 (a larger one is an error). */
  long(): number {
    const start = this.pos;
    let n = 0,
      scale = 1;
    for (let i = 0; ; i++) {
      if (i >= 10) throw new AvroDecodeError('varint longer than 10 bytes', start);
      const b = this.bytes[this.need(1, 'varint')];
      n += (b & 0x7f) * scale;
      scale *= 128;
      if (!(b & 0x80)) break;
    }
    if (n > Number.MAX_SAFE_INTEGER) throw new AvroDecodeError('long beyond 2^53', start);
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  /** `n` raw bytes (a view). */
  raw(n: number, what = 'bytes'): Uint8Array {
    const at = this.need(n, what);
    return this.bytes.subarray(at, at + n);
  }

  private length(what: string): number {
    const at = this.pos;
    const n = this.long();
    if (n < 0) throw new AvroDecodeError(`${what} has negative length ${n}`, at);
    return n;
  }

  /** A value of `node` (`depth`: how deeply nested, bounded so a recursive schema cannot overflow the stack). */
  read(node: AvroNode, depth = 0): unknown {
    if (depth > 200) throw new AvroDecodeError('values nested deeper than 200', this.pos);
    switch (node.type) {
      case 'null':
        return null;
      case 'boolean': {
        const b = this.bytes[this.need(1, 'boolean')];
        if (b > 1) throw new AvroDecodeError(`boolean byte ${b}`, this.pos - 1);
        return b === 1;
      }
      case 'int':
      case 'long':
        return this.long();
      case 'float':
        return this.view.getFloat32(this.need(4, 'float'), true);
      case 'double':
        return this.view.getFloat64(this.need(8, 'double'), true);
      case 'bytes':
        return this.raw(this.length('bytes')).slice();
      case 'string': {
        const at = this.pos;
        try {
          return utf8.decode(this.raw(this.length('string'), 'string'));
        } catch (err) {
          if (err instanceof AvroDecodeError) throw err;
          throw new AvroDecodeError('string is not valid UTF-8', at);
        }
      }
      case 'fixed':
        return this.raw(node.size, node.name).slice();
      case 'enum': {
        const at = this.pos;
        const i = this.long();
        if (i < 0 || i >= node.symbols.length) throw new AvroDecodeError(`enum ${node.name} index ${i}`, at);
        return node.symbols[i];
      }
      case 'union': {
        const at = this.pos;
        const i = this.long();
        if (i < 0 || i >= node.branches.length) throw new AvroDecodeError(`union branch ${i}`, at);
        return this.read(node.branches[i], depth + 1);
      }
      case 'record': {
        const out: { [key: string]: unknown } = Object.create(null);
        for (const f of node.fields) out[f.name] = this.read(f.node, depth + 1);
        return out;
      }
      case 'array':
      case 'map': {
        const items: unknown[] = [];
        const map: { [key: string]: unknown } = Object.create(null); // a key `__proto__` is just a key
        for (;;) {
          const at = this.pos;
          let count = this.long();
          if (count === 0) break;
          if (count < 0) {
            count = -count;
            this.length('block size');
          }
          // Every item takes a byte at least, bar null items: never trust a count the bytes cannot hold.
          if (count > this.bytes.length - this.pos + 1_000_000)
            throw new AvroDecodeError(`${node.type} block of ${count} items`, at);
          for (let k = 0; k < count; k++) {
            if (node.type === 'array') items.push(this.read(node.items, depth + 1));
            else map[this.read({ type: 'string' }) as string] = this.read(node.values, depth + 1);
          }
        }
        return node.type === 'array' ? items : map;
      }
    }
  }
}

/** Appends Avro binary values to a growing byte array. */
export class AvroWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private n = 0;
  private static readonly utf8 = new TextEncoder();

  private reserve(k: number): number {
    if (this.n + k > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
      grown.set(this.buf.subarray(0, this.n));
      [this.buf, this.view] = [grown, new DataView(grown.buffer)];
    }
    const at = this.n;
    this.n += k;
    return at;
  }

  /** A zig-zag varint (|v| < 2^52). */
  long(v: number): this {
    let z = v >= 0 ? v * 2 : -v * 2 - 1;
    do {
      const b = z % 128;
      z = Math.floor(z / 128);
      const at = this.reserve(1);
      this.buf[at] = z > 0 ? b | 0x80 : b;
    } while (z > 0);
    return this;
  }

  double(v: number): this {
    const at = this.reserve(8); // first: reserving may replace the view
    this.view.setFloat64(at, v, true);
    return this;
  }

  /** Raw bytes, no length. */
  raw(b: Uint8Array): this {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
    return this;
  }

  /** Length-prefixed bytes. */
  bytes(b: Uint8Array): this {
    return this.long(b.length).raw(b);
  }

  string(s: string): this {
    return this.bytes(AvroWriter.utf8.encode(s));
  }

  get length(): number {
    return this.n;
  }

  /** A copy of what was written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}
