/**
 * Photon-ML's model output as Avro: `BayesianLinearModelAvro` records (one per fixed effect, one per
 * entity of a random effect, `modelId` = the entity's id) of `NameTermValueAvro` means. The two schemas
 * are Photon's own (`photon-avro-schemas/src/main/avro/*.avsc`), verbatim. Records are decoded with the
 * file's own (writer's) schema by `avro-binary.ts`, then resolved to Photon's by field name as Avro's
 * schema resolution does (fields the reader lacks are skipped; `modelClass`, `variances` and
 * `lossFunction` default to null; int/long/float promote to double, bytes to string). The object
 * container (`Obj\x01`, metadata map, 16-byte sync, blocks of `count, size, data, sync`) is framed
 * here; codecs `null` and `deflate` (raw DEFLATE, through the platform's `DecompressionStream`) are
 * read, `null` is written. Everything runs over Uint8Array: no `Buffer`, no avsc, the same code in
 * Node, browsers and workers. A malformed file is a FormatError naming the file and the byte offset.
 */
import { FormatError, InvalidArgumentError } from '../errors.ts';
import { AvroDecodeError, AvroReader, AvroWriter, compileAvroSchema, type AvroNode } from './avro-binary.ts';

/** One coefficient: Photon's `NameTermValueAvro`. */
export interface NameTermValue {
  name: string;
  term: string;
  value: number;
}

/** One model: Photon's `BayesianLinearModelAvro`. */
export interface BayesianLinearModel {
  modelId: string;
  modelClass: string | null;
  means: NameTermValue[];
  variances: NameTermValue[] | null;
  lossFunction: string | null;
}

/** Photon's `NameTermValueAvro.avsc`, verbatim (photon-avro-schemas). */
export const NAME_TERM_VALUE_AVRO = {
  name: 'NameTermValueAvro',
  namespace: 'com.linkedin.photon.avro.generated',
  type: 'record',
  doc: 'A tuple of name, term and value. Used as feature or model coefficient',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'term', type: 'string' },
    { name: 'value', type: 'double' },
  ],
} as const;

/** Photon's `BayesianLinearModelAvro.avsc`, verbatim (its `NameTermValueAvro` reference resolved by name). */
export const BAYESIAN_LINEAR_MODEL_AVRO = {
  name: 'BayesianLinearModelAvro',
  namespace: 'com.linkedin.photon.avro.generated',
  type: 'record',
  doc: 'a generic schema to describe a Bayesian linear model with means and variances',
  fields: [
    { name: 'modelId', type: 'string' },
    {
      default: null,
      name: 'modelClass',
      type: ['null', 'string'],
      doc: 'The fully-qualified class name of enclosing GLM model class. E.g.: com.linkedin.photon.ml.supervised.classification.LogisticRegressionModel',
    },
    { name: 'means', type: { items: 'NameTermValueAvro', type: 'array' } },
    { default: null, name: 'variances', type: ['null', { items: 'NameTermValueAvro', type: 'array' }] },
    {
      default: null,
      name: 'lossFunction',
      type: ['null', 'string'],
      doc: 'The loss function used for training as the class name. E.g.: com.linkedin.photon.ml.function.LogisticLossFunction',
    },
  ],
} as const;

/** Photon's model schema with its `NameTermValueAvro` reference inlined: what a written file declares. */
const WRITTEN_SCHEMA = JSON.stringify({
  ...BAYESIAN_LINEAR_MODEL_AVRO,
  fields: BAYESIAN_LINEAR_MODEL_AVRO.fields.map((f) =>
    f.name === 'means' ? { ...f, type: { ...f.type, items: NAME_TERM_VALUE_AVRO } } : f,
  ),
});

const MAGIC = [0x4f, 0x62, 0x6a, 0x01];
/** The container header: `map<bytes>` of metadata. */
const META: AvroNode = { type: 'map', values: { type: 'bytes' } };
const text = new TextDecoder();

type Field = Extract<AvroNode, { type: 'record' }>['fields'][number];
type Resolve = (value: unknown) => unknown;

/** Why `w` cannot be read as `want`, or null when it can (unions: every branch must). */
function mismatch(w: AvroNode, want: 'string' | 'double' | 'null'): string | null {
  if (w.type === 'union') {
    for (const b of w.branches) if (mismatch(b, want)) return `a union with ${b.type}`;
    return null;
  }
  const ok =
    want === 'string'
      ? w.type === 'string' || w.type === 'bytes'
      : want === 'double'
        ? ['int', 'long', 'float', 'double'].includes(w.type)
        : w.type === 'null';
  return ok ? null : w.type;
}

const asString: Resolve = (v) => (v instanceof Uint8Array ? text.decode(v) : v);

/** A resolver of the writer's `node` onto `['null', string]` (or plain string when not nullable). */
function stringField(f: Field | undefined, nullable: boolean, at: string): Resolve {
  if (!f) {
    if (nullable) return () => null;
    throw new Error(`it has no ${at}`);
  }
  const branches = f.node.type === 'union' ? f.node.branches : [f.node];
  for (const b of branches)
    if (mismatch(b, 'string') && !(nullable && b.type === 'null'))
      throw new Error(`its ${at} is ${b.type}, not a string`);
  return (v) => (v === null ? null : asString(v));
}

/** A resolver of the writer's `means`/`variances` field onto an array of NameTermValue (or null). */
function termsField(f: Field | undefined, nullable: boolean, at: string): Resolve {
  if (!f) {
    if (nullable) return () => null;
    throw new Error(`it has no ${at}`);
  }
  const branches = f.node.type === 'union' ? f.node.branches : [f.node];
  let item: Resolve | null = null;
  for (const b of branches) {
    if (nullable && b.type === 'null') continue;
    if (b.type !== 'array' || b.items.type !== 'record')
      throw new Error(`its ${at} is ${b.type}, not an array of records`);
    const fields = new Map(b.items.fields.map((x) => [x.name, x]));
    const name = stringField(fields.get('name'), false, `${at}.name`);
    const term = stringField(fields.get('term'), false, `${at}.term`);
    const value = fields.get('value');
    if (!value || mismatch(value.node, 'double')) throw new Error(`its ${at}.value is not a number`);
    item = (v) => {
      const r = v as { name: unknown; term: unknown; value: number };
      return { name: name(r.name), term: term(r.term), value: r.value };
    };
  }
  const each = item;
  return (v) => (v === null || !each ? null : (v as unknown[]).map(each));
}

/** Resolves records of the writer's schema onto {@link BayesianLinearModel}; Error saying why not. */
function photonResolver(writer: AvroNode): (value: unknown) => BayesianLinearModel {
  if (writer.type !== 'record') throw new Error(`it is ${writer.type}, not a record`);
  const fields = new Map(writer.fields.map((f) => [f.name, f]));
  const modelId = stringField(fields.get('modelId'), false, 'modelId');
  const modelClass = stringField(fields.get('modelClass'), true, 'modelClass');
  const lossFunction = stringField(fields.get('lossFunction'), true, 'lossFunction');
  const means = termsField(fields.get('means'), false, 'means');
  const variances = termsField(fields.get('variances'), true, 'variances');
  return (v) => {
    const r = v as { [key: string]: unknown };
    return {
      modelId: modelId(r.modelId) as string,
      modelClass: modelClass(r.modelClass) as string | null,
      means: means(r.means) as NameTermValue[],
      variances: variances(r.variances) as NameTermValue[] | null,
      lossFunction: lossFunction(r.lossFunction) as string | null,
    };
  };
}

/**
 * The records of an Avro object container file of `BayesianLinearModelAvro` (the writer's schema must
 * be Photon's, or one that resolves to it).
 * @example
 * ```ts
 * const models = await readPhotonModels(new Uint8Array(await file.arrayBuffer()), file.name);
 * models[0].means; // [{ name: '(INTERCEPT)', term: '', value: -1.2 }, …]
 * ```
 */
export async function readPhotonModels(bytes: Uint8Array, file?: string): Promise<BayesianLinearModel[]> {
  const fail = (problem: string, offset: number): never => {
    throw new FormatError(problem, { file, offset });
  };
  /** `f()`, an AvroDecodeError becoming a FormatError about `what` at file offset `where(offset)`. */
  const decode = <T>(what: string, where: (offset: number) => number, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      if (err instanceof AvroDecodeError) return fail(`${what}: ${err.problem}`, where(err.offset));
      throw err;
    }
  };
  const same = (o: number) => o;
  if (bytes.length < 4 || MAGIC.some((m, i) => bytes[i] !== m)) fail('not an Avro object container (no Obj\\x01)', 0);
  const input = new AvroReader(bytes, 4);
  const meta = decode('container header', same, () => input.read(META)) as { [key: string]: Uint8Array };
  const sync = decode('container header', same, () => input.raw(16, 'sync marker'));
  const codec = Object.hasOwn(meta, 'avro.codec') ? text.decode(meta['avro.codec']) : 'null';
  if (codec !== 'null' && codec !== 'deflate')
    fail(`codec ${JSON.stringify(codec)} is not supported (null, deflate)`, 4);
  if (!Object.hasOwn(meta, 'avro.schema')) fail('the header has no avro.schema', 4);
  let writer: AvroNode;
  try {
    writer = compileAvroSchema(JSON.parse(text.decode(meta['avro.schema'])));
  } catch (err) {
    return fail(`avro.schema is not a valid schema: ${(err as Error).message}`, 4);
  }
  let resolve: (value: unknown) => BayesianLinearModel;
  try {
    resolve = photonResolver(writer);
  } catch (err) {
    const name = writer.type === 'record' ? writer.name : writer.type;
    return fail(`the file's schema (${name}) is not Photon's BayesianLinearModelAvro: ${(err as Error).message}`, 4);
  }
  const out: BayesianLinearModel[] = [];
  while (input.pos < bytes.length) {
    const blockAt = input.pos;
    const [n, len] = decode('block header', same, () => [input.long(), input.long()]);
    const dataAt = input.pos;
    if (n < 0 || len < 0 || dataAt + len + 16 > bytes.length)
      fail(`block of ${n} records, ${len} bytes: truncated or negative`, blockAt);
    let data = bytes.subarray(dataAt, dataAt + len);
    if (codec === 'deflate') data = await inflateRaw(data, file, dataAt);
    const block = new AvroReader(data);
    // Offsets inside an inflated block do not map to the file: those name the block's start.
    const inBlock = (o: number) => (codec === 'null' ? dataAt + o : dataAt);
    for (let r = 0; r < n; r++) out.push(resolve(decode(`record ${out.length}`, inBlock, () => block.read(writer))));
    if (block.pos !== data.length)
      fail(`block holds ${data.length - block.pos} bytes after its ${n} records`, inBlock(block.pos));
    input.pos = dataAt + len;
    const mark = input.raw(16);
    if (mark.some((b, i) => b !== sync[i])) fail('sync marker does not match the header', dataAt + len);
  }
  return out;
}

function writeTerms(w: AvroWriter, terms: readonly NameTermValue[]): void {
  if (terms.length) {
    w.long(terms.length);
    for (const t of terms) w.string(t.name).string(t.term).double(t.value);
  }
  w.long(0);
}

/** One record in Photon's schema (unions: branch 0 null, branch 1 the value). */
function writeModel(w: AvroWriter, m: BayesianLinearModel): void {
  w.string(m.modelId);
  if (m.modelClass === null) w.long(0);
  else w.long(1).string(m.modelClass);
  writeTerms(w, m.means);
  if (m.variances === null) w.long(0);
  else writeTerms(w.long(1), m.variances);
  if (m.lossFunction === null) w.long(0);
  else w.long(1).string(m.lossFunction);
}

/**
 * An Avro object container (codec `null`, Photon's schema) of `models`; `sync` (16 bytes) defaults to
 * a fixed marker so the same models give the same bytes.
 */
export async function writePhotonModels(
  models: readonly BayesianLinearModel[],
  sync?: Uint8Array,
): Promise<Uint8Array> {
  const marker = sync ?? Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 0xff);
  if (marker.length !== 16)
    throw new InvalidArgumentError(`writePhotonModels: sync has ${marker.length} bytes, not 16`);
  const enc = new TextEncoder();
  const out = new AvroWriter().raw(Uint8Array.from(MAGIC));
  out.long(2).string('avro.schema').bytes(enc.encode(WRITTEN_SCHEMA)).string('avro.codec').bytes(enc.encode('null'));
  out.long(0).raw(marker);
  if (models.length) {
    const data = new AvroWriter();
    for (const m of models) writeModel(data, m);
    out.long(models.length).long(data.length).raw(data.finish()).raw(marker);
  }
  return out.finish();
}

async function inflateRaw(data: Uint8Array, file: string | undefined, offset: number): Promise<Uint8Array> {
  try {
    const stream = new Blob([Uint8Array.from(data)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (err) {
    throw new FormatError(`deflate block does not inflate: ${(err as Error).message}`, { file, offset });
  }
}
