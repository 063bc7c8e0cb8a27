/**
 * Builds a {@link RankingProtocol} from the lines of He et al.'s three split files, one line at a
 * time, into typed columns that grow geometrically: no per-row objects, no intermediate arrays of
 * lines, and no spread of anything large, so ml-1m (1M rows) and pinterest-20 (1.5M) load.
 */
import { IdMap, makeInteractionLog } from '../../data/index.ts';
import { DataFormatError } from '../../errors.ts';
import { finiteDecimal, idIn, MAX_SPLIT_ID, quoted } from './ncf-split-fields.ts';
import type { RankingProtocol } from './protocol.ts';

/** The three files, in the order they are read. */
export type SplitFile = 'train' | 'test' | 'negative';

/** Extra id space allowed beyond the rows, so that small hand-made splits may skip a few ids. */
const ID_SLACK = 1024;

const RATING_LINE = 'user<TAB>item<TAB>rating<TAB>timestamp';
const ID_RULE = `a plain decimal integer from 0 to ${MAX_SPLIT_ID}`;

/** Collects a split line by line (train, then test, then negatives) and checks it as it goes. */
export class NcfSplitBuilder {
  private readonly train = new Rows();
  private readonly test = new Rows();
  private readonly negatives = new Int32Column();
  private negativeLines = 0;
  private nNeg = -1;
  private readonly users = new IdRange('user');
  private readonly items = new IdRange('item');

  private readonly names: Readonly<Record<SplitFile, string>>;

  constructor(readonly name: string) {
    this.names = { train: `${name}.train.rating`, test: `${name}.test.rating`, negative: `${name}.test.negative` };
  }

  /** The name of `file` in error messages (`ml-1m.train.rating`). */
  fileName(file: SplitFile): string {
    return this.names[file];
  }

  /** Adds one non-empty line of `file`; files must come in the order train, test, negative. */
  add(file: SplitFile, line: string, no: number): void {
    if (file === 'negative') this.negativeLine(line, no);
    else this.ratingLine(file, line, no);
  }

  /** Checks what can only be checked once `file` is complete. */
  endFile(file: SplitFile): void {
    if (file !== 'negative') {
      if (this[file].length === 0) throw new DataFormatError(this.fileName(file), 0, 'no ratings');
      return;
    }
    if (this.negativeLines !== this.test.length) {
      throw new DataFormatError(
        this.fileName('negative'),
        0,
        `${this.negativeLines} lines but ${this.fileName('test')} has ${this.test.length}`,
      );
    }
  }

  /** The protocol; call after `endFile` of all three files. */
  build(): RankingProtocol {
    const nUsers = this.users.space(this.train.length + this.test.length);
    const nItems = this.items.space(this.train.length + this.test.length + this.negatives.length);
    const train = makeInteractionLog({
      users: this.train.users.trimmed(),
      items: this.train.items.trimmed(),
      times: this.train.times.trimmed(),
      userIds: new IdMap(denseIds(nUsers), 'user'),
      itemIds: new IdMap(denseIds(nItems), 'item'),
    });
    const { name, nNeg } = this;
    return {
      name,
      train,
      users: this.test.users.trimmed(),
      targets: this.test.items.trimmed(),
      negatives: this.negatives.trimmed(),
      nNeg,
    };
  }

  private ratingLine(file: 'train' | 'test', line: string, no: number): void {
    const name = this.fileName(file);
    const fields = line.split('\t', 5);
    if (fields.length < 2) fail(name, no, `expected ${RATING_LINE}, got ${quoted(line)}`);
    if (fields.length > 4) fail(name, no, `more than 4 fields (expected ${RATING_LINE})`);
    const user = idIn(fields[0], 0, fields[0].length);
    if (user < 0) fail(name, no, `user ${quoted(fields[0])} is not an id (${ID_RULE})`);
    const item = idIn(fields[1], 0, fields[1].length);
    if (item < 0) fail(name, no, `item ${quoted(fields[1])} is not an id (${ID_RULE})`);
    if (fields.length > 2 && Number.isNaN(finiteDecimal(fields[2])))
      fail(name, no, `rating ${quoted(fields[2])} is not a finite number`);
    const time = fields.length > 3 ? finiteDecimal(fields[3]) : 0;
    if (Number.isNaN(time)) fail(name, no, `timestamp ${quoted(fields[3])} is not a finite number`);
    this.users.saw(user, name, no);
    this.items.saw(item, name, no);
    this[file].add(user, item, time);
  }

  private negativeLine(line: string, no: number): void {
    const name = this.fileName('negative');
    const r = this.negativeLines++;
    if (r >= this.test.length)
      fail(name, no, `more lines than the ${this.test.length} rows of ${this.fileName('test')}`);
    const tab = line.indexOf('\t');
    const head = tab < 0 ? line : line.slice(0, tab);
    const user = this.test.users.at(r);
    const target = this.test.items.at(r);
    if (head !== `(${user},${target})`) fail(name, no, `expected "(${user},${target})" first, got ${quoted(head)}`);
    let count = 0;
    for (let start = tab + 1; tab >= 0 && start <= line.length; count++) {
      const next = line.indexOf('\t', start);
      const end = next < 0 ? line.length : next;
      const item = idIn(line, start, end);
      if (item < 0) fail(name, no, `negative ${count + 1} ${quoted(line.slice(start, end))} is not an id (${ID_RULE})`);
      this.items.saw(item, name, no);
      this.negatives.push(item);
      start = end + 1;
    }
    if (this.nNeg < 0) this.nNeg = count;
    if (count !== this.nNeg || count === 0) fail(name, no, `${count} negatives, expected ${this.nNeg || 'at least 1'}`);
  }
}

/** Not a closure per line: a million lines would make a million of them. */
function fail(file: string, line: number, problem: string): never {
  throw new DataFormatError(file, line, problem);
}

/** The largest id of one kind, where it was seen, and whether the id space is plausibly dense. */
class IdRange {
  private max = -1;
  private where = { file: '', line: 0 };

  constructor(private readonly kind: string) {}

  saw(id: number, file: string, line: number): void {
    if (id > this.max) {
      this.max = id;
      this.where = { file, line };
    }
  }

  /**
   * `max + 1`. Ids in this format are dense indices from 0, so a space far beyond the rows that
   * mention ids is raw ids (MovieLens movie ids, say), and allocating it could take gigabytes.
   */
  space(mentions: number): number {
    const n = this.max + 1;
    if (n > 2 * mentions + ID_SLACK) {
      throw new DataFormatError(
        this.where.file,
        this.where.line,
        `${this.kind} id ${this.max} is far beyond the ${mentions} ${this.kind} ids the split lists: ids in this format are dense indices from 0 (re-index them first)`,
      );
    }
    return n;
  }
}

/** Train or test rows: user, item, time. */
class Rows {
  readonly users = new Int32Column();
  readonly items = new Int32Column();
  readonly times = new Float64Column();

  get length(): number {
    return this.users.length;
  }

  add(user: number, item: number, time: number): void {
    this.users.push(user);
    this.items.push(item);
    this.times.push(time);
  }
}

const INITIAL_CAPACITY = 1024;

class Int32Column {
  private data = new Int32Array(INITIAL_CAPACITY);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, new Int32Array(this.data.length * 2));
    this.data[this.length++] = x;
  }

  at(k: number): number {
    return this.data[k];
  }

  trimmed(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

class Float64Column {
  private data = new Float64Array(INITIAL_CAPACITY);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) this.data = grown(this.data, new Float64Array(this.data.length * 2));
    this.data[this.length++] = x;
  }

  trimmed(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

function grown<T extends Int32Array | Float64Array>(old: T, fresh: T): T {
  fresh.set(old as ArrayLike<number>);
  return fresh;
}

function* denseIds(n: number): Generator<number> {
  for (let k = 0; k < n; k++) yield k;
}
