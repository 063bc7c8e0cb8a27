/**
 * What the GPU bench shares with the PyTorch twin: a synthetic power-law graph, and LINE's arc and
 * alias tables written as raw little-endian arrays, so both sides sample from identical tables.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../src/data/rng.ts';
import type { LineGraph, LineTables } from '../../src/models/line/tables.ts';

/**
 * `edges` undirected edges on `n` nodes whose endpoints are drawn as ⌊n·r²⌋ (a heavy-headed degree
 * distribution, like real graphs): the shape the 1 M-node, 10 M-edge probe used.
 */
export function powerLawGraph(n: number, edges: number, seed: number): LineGraph {
  const rng = new Rng(seed);
  const src = new Int32Array(edges),
    dst = new Int32Array(edges);
  for (let e = 0; e < edges; e++) {
    const a = Math.floor(n * rng.next() ** 2);
    let b = Math.floor(n * rng.next() ** 2);
    if (b === a) b = (a + 1) % n;
    src[e] = a;
    dst[e] = b;
  }
  return { n, src, dst };
}

/** Writes `<name>.{arc_src,arc_dst,edge_alias,node_alias}.i32`, `.{edge_prob,node_prob}.f32` and `.json`. */
export function writeTwinInput(dir: string, name: string, t: LineTables): void {
  const put = (suffix: string, a: Int32Array | Float32Array) =>
    writeFileSync(join(dir, `${name}.${suffix}`), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  put('arc_src.i32', t.arcSrc);
  put('arc_dst.i32', t.arcDst);
  put('edge_prob.f32', t.edgeAlias.prob);
  put('edge_alias.i32', t.edgeAlias.alias);
  put('node_prob.f32', t.nodeAlias.prob);
  put('node_alias.i32', t.nodeAlias.alias);
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ n: t.n, arcs: t.arcSrc.length }));
}
