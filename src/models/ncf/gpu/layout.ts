/**
 * Where each NCF parameter lives in the one flat buffer the WGSL kernels update (weights, gradients and
 * Adam's moments share it), and how a host mini-batch is packed into one u32 buffer. The dense block
 * comes first with the L2-regularised MLP weights at its head, so the kernels test one bound for "dense
 * L2" and reduce the dense gradients per workgroup over one contiguous range.
 */
import type { NcfSettings } from '../config.ts';
import { paramSpecs } from '../params.ts';
import type { NcfStepInput } from '../stepper.ts';

/** One parameter's place in the flat buffer. */
export interface Slot {
  name: string;
  offset: number;
  size: number;
}

/** The flat layout of `s`'s parameters. */
export interface ParamLayout {
  slots: Slot[];
  /** Offset by name (−1 when the architecture lacks the parameter). */
  at: (name: string) => number;
  /** Total floats. */
  total: number;
  /** Floats of the MLP weight matrices (L2 on the whole of them), at offset 0. */
  l2End: number;
  /** Floats of the dense block (MLP weights and biases, h, timeW), at offset 0. */
  denseEnd: number;
}

/** The layout for `s` at `nUsers` × `nItems` (names as `paramSpecs`). */
export function paramLayout(s: NcfSettings, nUsers: number, nItems: number): ParamLayout {
  const specs = paramSpecs(s, nUsers, nItems);
  const names = Object.keys(specs);
  const size = (n: string) => specs[n].shape.reduce((a, b) => a * b, 1);
  const weights = names.filter((n) => /^w\d+$/.test(n));
  const biases = names.filter((n) => /^b\d+$/.test(n));
  const denseRest = ['h', 'timeW'].filter((n) => specs[n]);
  const tables = names.filter((n) => !weights.includes(n) && !biases.includes(n) && !denseRest.includes(n));
  const slots: Slot[] = [];
  let offset = 0;
  for (const name of [...weights, ...biases, ...denseRest, ...tables]) {
    slots.push({ name, offset, size: size(name) });
    offset += size(name);
  }
  const byName = new Map(slots.map((sl) => [sl.name, sl.offset]));
  const sum = (ns: string[]) => ns.reduce((a, n) => a + size(n), 0);
  return {
    slots,
    at: (n) => byName.get(n) ?? -1,
    total: offset,
    l2End: sum(weights),
    denseEnd: sum([...weights, ...biases, ...denseRest]),
  };
}

/** Word offsets of a packed batch's sections (uniform fields of the kernels). */
export interface BatchOffsets {
  rows: number;
  users: number;
  items: number;
  labels: number;
  context: number;
  rowUser: number;
  rowItem: number;
  inHist: number;
  /** Seed: learner segments, then course segments (nL + nC). */
  nL: number;
  nC: number;
  segStart: number;
  segCount: number;
  /** Seed: each learner segment's count as the reference normalises by (float). */
  norm: number;
  entryIdx: number;
  entryW: number;
  words: number;
}

/** Packs `input` into u32 words (floats as their bit patterns); segment starts index the joined entries. */
export function packBatch(input: NcfStepInput): { words: Uint32Array<ArrayBuffer>; at: BatchOffsets } {
  const rows = input.users.length;
  const sb = input.seed;
  const nL = sb ? sb.learners.n : 0;
  const nC = sb ? sb.courses.n : 0;
  const eL = sb ? sb.learners.idx.length : 0;
  const eC = sb ? sb.courses.idx.length : 0;
  let o = 0;
  const take = (n: number) => ((o += n), o - n);
  const at: BatchOffsets = {
    rows,
    users: take(rows),
    items: take(rows),
    labels: take(rows),
    context: take(input.context ? rows : 0),
    rowUser: take(sb ? rows : 0),
    rowItem: take(sb ? rows : 0),
    inHist: take(sb ? rows : 0),
    nL,
    nC,
    segStart: take(nL + nC),
    segCount: take(nL + nC),
    norm: take(nL),
    entryIdx: take(eL + eC),
    entryW: take(eL + eC),
    words: 0,
  };
  at.words = Math.max(o, 4);
  const words = new Uint32Array(at.words);
  const f = new Float32Array(words.buffer);
  words.set(input.users, at.users);
  words.set(input.items, at.items);
  f.set(input.labels, at.labels);
  if (input.context) f.set(input.context, at.context);
  if (sb) {
    words.set(sb.rowUser, at.rowUser);
    words.set(sb.rowItem, at.rowItem);
    f.set(sb.inHist, at.inHist);
    f.set(sb.learners.count, at.norm);
    // Segments are contiguous in their FlatRows (flatRows / flatWindows make them so): starts by prefix sum.
    let start = 0;
    const segs = [sb.learners, sb.courses];
    for (let part = 0, s = 0; part < 2; part++) {
      const fr = segs[part];
      const counts = new Uint32Array(fr.n);
      for (let k = 0; k < fr.seg.length; k++) counts[fr.seg[k]]++;
      for (let r = 0; r < fr.n; r++, s++) {
        words[at.segStart + s] = start;
        words[at.segCount + s] = counts[r];
        start += counts[r];
      }
    }
    words.set(sb.learners.idx, at.entryIdx);
    words.set(sb.courses.idx, at.entryIdx + eL);
    f.set(sb.learners.w, at.entryW);
    f.set(sb.courses.w, at.entryW + eL);
  }
  return { words, at };
}
