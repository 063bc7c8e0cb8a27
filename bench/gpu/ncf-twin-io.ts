/**
 * What the NCF GPU bench shares with its PyTorch twin (`ncf_torch.py`): the host-built mini-batches
 * that NcfModel.fit feeds its steps (rebuilt here with the same code, settings and seed), the initial
 * weights, and our loss on the first batch at those weights — the twin must reproduce it, which
 * shows both run the same step. Arrays are raw little-endian files, indexed by one JSON entry.
 */
import * as tf from '@tensorflow/tfjs-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NcfSettings } from '../../src/models/ncf/config.ts';
import { deviceSeed, trainLogits } from '../../src/models/ncf/forward.ts';
import { NcfParams, paramSpecs, type ParamArrays } from '../../src/models/ncf/params.ts';
import type { HostBatch } from './ncf-host-batches.ts';

export { hostBatcher, type HostBatch, type HostBatcher } from './ncf-host-batches.ts';

/**
 * Our training loss (mean logistic loss + L2 on the touched rows, as src/models/ncf/train.ts `step`) on
 * `hb` at `weights`, on the running tfjs backend; no tensor outlives the call.
 */
export async function ourLoss(
  s: NcfSettings,
  nUsers: number,
  nItems: number,
  weights: ParamArrays,
  hb: HostBatch,
): Promise<number> {
  const params = NcfParams.fromArrays(s, nUsers, nItems, weights);
  try {
    const loss = tf.tidy(() => {
      const rows = hb.batch.users.length;
      const input = {
        users: tf.tensor1d(hb.batch.users, 'int32'),
        items: tf.tensor1d(hb.batch.items, 'int32'),
        seed: hb.seed && deviceSeed(hb.seed),
        context: hb.context && tf.tensor1d(hb.context),
      };
      const { logits, reg } = trainLogits(s, params.vars, input);
      const labels = tf.tensor1d(hb.batch.labels, 'float32');
      const ce = tf.mean(tf.sub(tf.softplus(logits), tf.mul(labels, logits)));
      return tf.add(ce, tf.mul(reg, s.l2 / rows));
    });
    const v = (await loss.data())[0];
    loss.dispose();
    return v;
  } finally {
    params.dispose();
  }
}

/** Sizes of one written batch (offsets follow by summing). */
interface BatchSizes {
  rows: number;
  l_nnz: number;
  l_n: number;
  c_nnz: number;
  c_n: number;
}

/** The JSON index entry of one configuration (see `ncf_torch.py`). */
export interface TwinEntry {
  name: string;
  kind: string;
  arch: string;
  settings: {
    dim: number;
    layers: number[];
    l2: number;
    learningRate: number;
    negatives: number;
    timeWindowDays: number;
  };
  n_users: number;
  n_items: number;
  params: { [name: string]: number[] };
  batches: BatchSizes[];
  has_seed: boolean;
  has_context: boolean;
  our_loss0: number;
}

type Arr = Int32Array | Float32Array;

/**
 * Writes `<name>.{users,items,row_user,row_item,l_idx,l_seg,c_idx,c_seg}.i32`,
 * `<name>.{labels,context,in_hist,l_w,l_count,c_w,c_count}.f32` (batches concatenated) and
 * `<name>.param.<p>.f32`; returns the index entry.
 */
export function writeNcfTwinInput(
  dir: string,
  name: string,
  kind: string,
  s: NcfSettings,
  nUsers: number,
  nItems: number,
  weights: ParamArrays,
  hbs: HostBatch[],
  ourLoss0: number,
): TwinEntry {
  const put = (suffix: string, parts: Arr[]) => {
    const n = parts.reduce((a, p) => a + p.byteLength, 0);
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), o), (o += p.byteLength);
    writeFileSync(join(dir, `${name}.${suffix}`), out);
  };
  const each = (f: (hb: HostBatch) => Arr | undefined) => hbs.map(f).filter((a): a is Arr => a !== undefined);
  put(
    'users.i32',
    each((h) => h.batch.users),
  );
  put(
    'items.i32',
    each((h) => h.batch.items),
  );
  put(
    'labels.f32',
    each((h) => h.batch.labels),
  );
  const hasContext = hbs[0].context !== undefined;
  if (hasContext)
    put(
      'context.f32',
      each((h) => h.context),
    );
  const hasSeed = hbs[0].seed !== undefined;
  if (hasSeed) {
    for (const [side, key] of [
      ['l', 'learners'],
      ['c', 'courses'],
    ] as const) {
      put(
        `${side}_idx.i32`,
        each((h) => h.seed?.[key].idx),
      );
      put(
        `${side}_seg.i32`,
        each((h) => h.seed?.[key].seg),
      );
      put(
        `${side}_w.f32`,
        each((h) => h.seed?.[key].w),
      );
      put(
        `${side}_count.f32`,
        each((h) => h.seed?.[key].count),
      );
    }
    put(
      'row_user.i32',
      each((h) => h.seed?.rowUser),
    );
    put(
      'row_item.i32',
      each((h) => h.seed?.rowItem),
    );
    put(
      'in_hist.f32',
      each((h) => h.seed?.inHist),
    );
  }
  const specs = paramSpecs(s, nUsers, nItems);
  for (const p of Object.keys(specs)) put(`param.${p}.f32`, [weights[p]]);
  return {
    name,
    kind,
    arch: s.arch,
    settings: {
      dim: s.dim,
      layers: [...s.layers],
      l2: s.l2,
      learningRate: s.learningRate,
      negatives: s.negatives,
      timeWindowDays: s.timeWindowDays,
    },
    n_users: nUsers,
    n_items: nItems,
    params: Object.fromEntries(Object.entries(specs).map(([p, spec]) => [p, spec.shape])),
    batches: hbs.map((h) => ({
      rows: h.batch.users.length,
      l_nnz: h.seed?.learners.idx.length ?? 0,
      l_n: h.seed?.learners.n ?? 0,
      c_nnz: h.seed?.courses.idx.length ?? 0,
      c_n: h.seed?.courses.n ?? 0,
    })),
    has_seed: hasSeed,
    has_context: hasContext,
    our_loss0: ourLoss0,
  };
}
