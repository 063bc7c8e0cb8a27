/**
 * `npm run bench -- uss [--reps N] [--segments 2000,6040]`: UnsortedSegmentSum (the gradient of every
 * embedding lookup) with tfjs's stock cpu kernel vs ours on cpu, and ours on wasm (no stock kernel
 * there), in Node; then one embedding training step (gather + gradient + Adam) the same three ways.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  initBackend,
  registerUnsortedSegmentSum,
  unregisterUnsortedSegmentSum,
  type SegmentSumBackend,
} from '../../src/backend/index.ts';

const BATCH = 1024;
const COLS = 32;

interface Options {
  reps: number;
  segments: number[];
}

interface Pair {
  stock_ms: number;
  ours_ms: number;
  speedup: number;
}

interface Wasm {
  ours_ms: number;
  stock: 'missing' | 'present';
}

interface SizeResult {
  uss: { cpu: Pair; wasm: Wasm };
  train_step: { cpu: Pair; wasm: Wasm };
}

function parse(args: string[]): Options {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    reps: Number(value('--reps') ?? 7),
    segments: (value('--segments') ?? '2000,6040').split(',').map(Number),
  };
}

/** Median wall time of `reps` runs of `fn`, in ms, after `warmup` unmeasured runs. */
function time(fn: () => void, reps: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

/** Times `fn` with the stock kernel (cpu) or checks that there is none (wasm), then restores ours. */
function withStock<T>(backend: SegmentSumBackend, fn: () => T): T | 'missing' {
  unregisterUnsortedSegmentSum(backend);
  try {
    if (!tf.getKernel('UnsortedSegmentSum', backend)) return 'missing';
    return fn();
  } finally {
    registerUnsortedSegmentSum(backend);
  }
}

function ussRun(segments: number): () => void {
  const x = tf.randomNormal([BATCH, COLS], 0, 1, 'float32', 1);
  const ids = tf.randomUniform([BATCH], 0, segments, 'int32', 2);
  return () => tf.tidy(() => void tf.unsortedSegmentSum(x, ids as tf.Tensor1D, segments).dataSync());
}

/** One matrix-factorisation step: two embedding tables of `rows` × 32, a batch of 1024 pairs, Adam. */
function trainStep(rows: number): () => void {
  const users = tf.variable(tf.randomNormal([rows, COLS], 0, 0.1, 'float32', 3));
  const items = tf.variable(tf.randomNormal([rows, COLS], 0, 0.1, 'float32', 4));
  const u = tf.randomUniform([BATCH], 0, rows, 'int32', 5);
  const i = tf.randomUniform([BATCH], 0, rows, 'int32', 6);
  const y = tf.cast(tf.greater(tf.randomUniform([BATCH], 0, 1, 'float32', 7), 0.5), 'float32');
  const adam = tf.train.adam(0.01);
  const loss = (): tf.Scalar => {
    const z = tf.sum(tf.mul(tf.gather(users, u), tf.gather(items, i)), 1);
    return tf.mean(tf.sub(tf.softplus(z), tf.mul(y, z)));
  };
  return () => {
    const cost = adam.minimize(loss, true, [users, items]);
    cost?.dataSync();
    cost?.dispose();
  };
}

function pair(stock: number, ours: number): Pair {
  return { stock_ms: round(stock), ours_ms: round(ours), speedup: round(stock / ours) };
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Stock cpu runs once after a warm-up with our kernel (Adam's slots, caches): it takes seconds. */
async function measure(rows: number, reps: number): Promise<SizeResult> {
  await initBackend('cpu');
  const cpuUss = ussRun(rows);
  const cpuUssOurs = time(cpuUss, reps);
  const cpuUssStock = withStock('cpu', () => time(cpuUss, 1, 0));
  const cpuStep = trainStep(rows);
  const cpuStepOurs = time(cpuStep, reps);
  const cpuStepStock = withStock('cpu', () => time(cpuStep, 1, 0));

  await initBackend('wasm');
  const wasmUss = ussRun(rows);
  const wasmStep = trainStep(rows);
  const wasm = (ms: number): Wasm => ({ ours_ms: round(ms), stock: withStock('wasm', () => 'present' as const) });
  const result: SizeResult = {
    uss: { cpu: pair(num(cpuUssStock), cpuUssOurs), wasm: wasm(time(wasmUss, reps)) },
    train_step: { cpu: pair(num(cpuStepStock), cpuStepOurs), wasm: wasm(time(wasmStep, reps)) },
  };
  tf.disposeVariables();
  return result;
}

function num(v: number | 'missing'): number {
  if (v === 'missing') throw new Error('tfjs-backend-cpu has no UnsortedSegmentSum to compare with');
  return v;
}

function printTable(results: Record<string, SizeResult>): void {
  const rows = Object.entries(results).flatMap(([seg, r]) => [
    { what: `uss ${seg}×${COLS}, ${BATCH} rows`, ...flat(r.uss) },
    { what: `train step ${seg} rows`, ...flat(r.train_step) },
  ]);
  console.table(rows);
}

function flat(r: SizeResult['uss']) {
  return {
    'cpu stock ms': r.cpu.stock_ms,
    'cpu ours ms': r.cpu.ours_ms,
    'cpu speedup': `${r.cpu.speedup}×`,
    'wasm ours ms': r.wasm.ours_ms,
    'wasm stock': r.wasm.stock,
  };
}

/** Runs the suite; returns `{uss, train_step}` at the largest size, and every size under `by_segments`. */
export async function run(args: string[]): Promise<unknown> {
  const opts = parse(args);
  const results: Record<string, SizeResult> = {};
  for (const s of opts.segments) results[s] = await measure(s, opts.reps);
  printTable(results);
  const largest = results[Math.max(...opts.segments)];
  return {
    uss: largest.uss,
    train_step: largest.train_step,
    by_segments: results,
    config: { batch: BATCH, cols: COLS, reps: opts.reps, stock_reps: 1, node: process.version },
  };
}
