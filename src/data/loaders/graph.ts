import { DataFormatError, InvalidArgumentError } from '../../errors.ts';
import type { Graph } from '../graph.ts';
import { IdMap } from '../idmap.ts';
import { float32Problem } from './float32.ts';
import { parseJsonWithLines, type JsonValue, type JsonWithLines } from './json-lines.ts';
import { readText, type DataSource, type ReadOptions } from './source.ts';

type JsonObject = { [key: string]: JsonValue };

/**
 * What to do with an edge listed more than once (in either direction when undirected): `'sum'` merges
 * the repeats into one edge whose weight is their sum (a multigraph's parallel edges, as LINE's
 * reference tool effectively trains on them), `'max'` keeps the largest weight, `'error'` rejects the file.
 */
export type GraphRepeatPolicy = 'error' | 'sum' | 'max';

/** Options of {@link parseGraph}. */
export interface ParseGraphOptions {
  /** Name used in error messages (a path or URL). */
  file: string;
  /** Repeated edges (default `'sum'`). */
  onRepeat?: GraphRepeatPolicy;
}

/** A graph plus what the loader did to it, so callers can say so. */
export interface LoadedGraph extends Graph {
  /** Repeated edges: the policy applied and how many listed edges were merged into an earlier one. */
  repeats: { policy: GraphRepeatPolicy; merged: number };
}

/**
 * Parses graph JSON `{name, directed, n, m, description?, nodes: [{id, label?, class?}],
 * edges: [[s, t, w?], …]}` (the format of `public/data/graphs/`) into a {@link Graph}.
 *
 * Checked: the fields and their types, `n`/`m` against the lists, unique node ids, edges naming
 * known nodes, weights > 0 that float32 holds (neither rounding to 0 nor to infinity). An edge listed
 * again (either direction when undirected) is merged into its first listing by `onRepeat` (default:
 * weights summed), counted in `repeats`. Self loops are kept (the Serengeti food web has a cannibal).
 * Problems are `DataFormatError(file, line, problem)`.
 * @example
 * ```ts
 * import { parseGraph } from 'linkrec/data';
 * const json = '{"name":"pair","directed":false,"n":2,"m":1,"nodes":[{"id":"a"},{"id":"b"}],"edges":[["a","b",2]]}';
 * const graph = parseGraph(json, { file: 'pair.json' });
 * graph.n; // 2
 * ```
 */
export function parseGraph(text: string, options: ParseGraphOptions): LoadedGraph {
  const { file } = options;
  const policy = options.onRepeat ?? 'sum';
  if (policy !== 'sum' && policy !== 'max' && policy !== 'error') {
    throw new InvalidArgumentError(`onRepeat must be 'sum', 'max' or 'error', got ${String(policy)}`);
  }
  const doc = parseJsonWithLines(text, file);
  const root = asObject(doc.value, 'the document', file, 1);
  const at = (node: unknown): number => doc.lineOf(node) || 1;
  const field = <T>(key: string, check: (v: JsonValue | undefined) => v is JsonValue & T, what: string): T => {
    const value = root[key];
    if (!check(value)) throw new DataFormatError(file, at(value ?? root), `field "${key}" must be ${what}`);
    return value;
  };
  const name = field<string>('name', isString, 'a string');
  const directed = field<boolean>('directed', isBoolean, 'true or false');
  const n = field<number>('n', isCount, 'a non-negative integer');
  const m = field<number>('m', isCount, 'a non-negative integer');
  const description = root.description === undefined ? '' : field<string>('description', isString, 'a string');
  const nodes = field<JsonValue[]>('nodes', Array.isArray, 'an array');
  const edges = field<JsonValue[]>('edges', Array.isArray, 'an array');
  if (nodes.length !== n) throw new DataFormatError(file, at(nodes), `"n" is ${n} but "nodes" lists ${nodes.length}`);
  if (edges.length !== m) throw new DataFormatError(file, at(edges), `"m" is ${m} but "edges" lists ${edges.length}`);
  const nodeInfo = readNodes(nodes, doc, file);
  const read = readEdges(edges, nodeInfo.nodeIds, directed, { doc, file, policy });
  return { name, directed, description, n, ...nodeInfo, ...read };
}

/**
 * Reads a graph JSON file from any {@link DataSource} (size limit, progress and abort as for logs).
 * @example
 * ```ts
 * import { describeGraphLoad, loadGraph } from 'linkrec/data';
 * const graph = await loadGraph(await (await fetch('/data/graphs/karate.json')).blob(), { file: 'karate.json' });
 * console.log(graph.name, graph.n, describeGraphLoad(graph));
 * ```
 */
export async function loadGraph(
  source: DataSource,
  options: ReadOptions & { onRepeat?: GraphRepeatPolicy },
): Promise<LoadedGraph> {
  return parseGraph(await readText(source, options), { file: options.file, onRepeat: options.onRepeat });
}

/** "12 repeated edges merged by summing their weights" ('' when none), for status lines and logs. */
export function describeGraphLoad(graph: Pick<LoadedGraph, 'repeats'>): string {
  const { merged, policy } = graph.repeats;
  if (merged === 0) return '';
  const how = policy === 'max' ? 'keeping the largest weight' : 'summing their weights';
  return `${merged} repeated ${merged === 1 ? 'edge' : 'edges'} merged by ${how}`;
}

function readNodes(nodes: JsonValue[], doc: JsonWithLines, file: string) {
  const nodeIds = new IdMap([], 'node');
  const labels: (string | null)[] = [];
  const classKeys: (string | number | null)[] = [];
  for (const [k, raw] of nodes.entries()) {
    const line = doc.lineOf(raw) || doc.lineOf(nodes);
    const node = asObject(raw, `node ${k}`, file, line);
    const { id, label = null, class: cls = null } = node;
    if (!(isString(id) || (typeof id === 'number' && Number.isFinite(id)))) {
      throw new DataFormatError(file, line, `node ${k}: "id" must be a string or a number`);
    }
    if (nodeIds.has(id)) throw new DataFormatError(file, line, `node ${k}: id ${JSON.stringify(id)} repeats`);
    if (label !== null && !isString(label))
      throw new DataFormatError(file, line, `node ${k}: "label" must be a string`);
    if (cls !== null && !isString(cls) && typeof cls !== 'number') {
      throw new DataFormatError(file, line, `node ${k}: "class" must be a string or a number`);
    }
    nodeIds.add(id);
    labels.push(label);
    classKeys.push(cls);
  }
  return { nodeIds, labels, ...indexClasses(classKeys) };
}

/** Dense class indices; names sorted (numbers numerically first) so the order never depends on node order. */
function indexClasses(keys: (string | number | null)[]): { classes: Int32Array; classNames: string[] } {
  const distinct = [...new Set(keys.filter((k): k is string | number => k !== null))];
  distinct.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : rank(a, b)));
  const classNames = [...new Set(distinct.map(String))];
  const index = new Map(classNames.map((c, i) => [c, i]));
  const classes = Int32Array.from(keys, (k) => (k === null ? -1 : (index.get(String(k)) ?? -1)));
  return { classes, classNames };
}

function rank(a: string | number, b: string | number): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface EdgeContext {
  doc: JsonWithLines;
  file: string;
  policy: GraphRepeatPolicy;
}

/** Edge columns, one entry per distinct edge in order of first listing, repeats merged by the policy. */
function readEdges(edges: JsonValue[], nodeIds: IdMap, directed: boolean, { doc, file, policy }: EdgeContext) {
  const m = edges.length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const weights = new Float64Array(m); // merged in float64, checked against float32 as they grow
  const lines = new Int32Array(m); // line of each distinct edge, to name it when it repeats
  const firstListing = new Map<number, number>(); // pair key -> distinct edge index
  let distinct = 0;
  for (const [e, raw] of edges.entries()) {
    const line = doc.lineOf(raw) || doc.lineOf(edges);
    if (!Array.isArray(raw) || raw.length < 2 || raw.length > 3) {
      throw new DataFormatError(file, line, `edge ${e} must be [source, target] or [source, target, weight]`);
    }
    const s = endpoint(raw[0], nodeIds, `edge ${e}`, file, line);
    const t = endpoint(raw[1], nodeIds, `edge ${e}`, file, line);
    const w = raw.length === 3 ? raw[2] : 1;
    if (typeof w !== 'number' || !Number.isFinite(w) || !(w > 0)) {
      throw new DataFormatError(file, line, `edge ${e}: weight ${JSON.stringify(w)} must be a finite number > 0`);
    }
    const problem = float32Problem(w);
    if (problem) throw new DataFormatError(file, line, `edge ${e}: weight ${w} ${problem}`);
    const key = directed || s <= t ? s * nodeIds.size + t : t * nodeIds.size + s;
    const earlier = firstListing.get(key);
    if (earlier === undefined) {
      firstListing.set(key, distinct);
      src[distinct] = s;
      dst[distinct] = t;
      weights[distinct] = w;
      lines[distinct++] = line;
      continue;
    }
    if (policy === 'error') {
      throw new DataFormatError(file, line, `edge ${e} repeats the edge on line ${lines[earlier]}`);
    }
    weights[earlier] = policy === 'sum' ? weights[earlier] + w : Math.max(weights[earlier], w);
    const merged = float32Problem(weights[earlier]);
    if (merged)
      throw new DataFormatError(
        file,
        line,
        `edge ${e}: the merged weight ${weights[earlier]} of its repeats ${merged}`,
      );
  }
  return {
    src: src.slice(0, distinct),
    dst: dst.slice(0, distinct),
    weight: Float32Array.from(weights.subarray(0, distinct)),
    repeats: { policy, merged: m - distinct },
  };
}

function endpoint(id: JsonValue, nodeIds: IdMap, what: string, file: string, line: number): number {
  const index = isString(id) || typeof id === 'number' ? nodeIds.indexOrMinusOne(id) : -1;
  if (index < 0) throw new DataFormatError(file, line, `${what} points at unknown node ${JSON.stringify(id)}`);
  return index;
}

function asObject(value: JsonValue | undefined, what: string, file: string, line: number): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DataFormatError(file, line, `${what} must be a JSON object`);
  }
  return value;
}

function isString(v: JsonValue | undefined): v is string {
  return typeof v === 'string';
}

function isBoolean(v: JsonValue | undefined): v is boolean {
  return typeof v === 'boolean';
}

function isCount(v: JsonValue | undefined): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
