/**
 * Browser side of `npm run bench -- talent`'s multi-worker rows: LINE's CPU loop on one thread (the
 * model itself, on the page) against `browserLineThreads` on W shard workers,
 * for speed (samples/s, both orders of the eval's settings) and quality (netscience 1st-order
 * link-prediction AUC; polbooks and football Micro-F1 at 50% labels, as `npm run eval -- talent`).
 * The shard side pays what a pool costs (vectors copied to and from every worker each round).
 */
import { parseGraph } from '../../src/data/loaders/graph.ts';
import type { Graph } from '../../src/data/graph.ts';
import { Rng } from '../../src/data/rng.ts';
import { nodeClassificationCv } from '../../src/eval/line/probe.ts';
import { holdOutEdges, linkPredictionAuc } from '../../src/eval/link-prediction.ts';
import { embeddingScorer } from '../../src/eval/link-scorers.ts';
import { browserLineThreads } from '../../src/models/line/browser-threads.ts';
import { LineModel } from '../../src/models/line/model.ts';
import type { LineThreadPoolFactory } from '../../src/models/line/threads.ts';

/** One configuration's figures. */
export interface ShardFigures {
  workers: number;
  /** Samples/s of the netscience link-prediction fit (both orders, 1M samples each by default). */
  samplesPerSec: number;
  netscience_lp_auc_first: number;
  polbooks_micro_f1_50: number;
  football_micro_f1_50: number;
  /** The loop the shards ran (`'wasm'`/`'js'`), null on one thread. */
  kernel: string | null;
  rounds: number;
}

const load = async (name: string): Promise<Graph> =>
  parseGraph(await (await fetch(`/data/graphs/${name}.json`)).text(), { file: `${name}.json` });

const shardWorker = () => new Worker(new URL('../workers/line-shard.worker.ts', import.meta.url), { type: 'module' });

/**
 * The figures for `workers` at seed `seed`: 1 is the plain model on this thread (the page), more are
 * `browserLineThreads` shard workers; `samples` per order of the netscience fit (the eval's 1M).
 */
export async function shardFigures(workers: number, seed = 1, samples = 1_000_000): Promise<ShardFigures> {
  const pool = workers > 1 ? browserLineThreads(shardWorker) : undefined;
  const runtime: { backend: 'cpu'; pool?: LineThreadPoolFactory } = { backend: 'cpu', ...(pool ? { pool } : {}) };
  const netscience = await load('netscience');
  const split = holdOutEdges(netscience, 0.1, new Rng(seed).fork('holdout'));
  const lp = new LineModel({ samples, seed, threads: workers, order: 'both' }, runtime);
  const t0 = performance.now();
  await lp.fit({ ...split.train, directed: netscience.directed });
  const seconds = (performance.now() - t0) / 1000;
  const auc = linkPredictionAuc(embeddingScorer(lp.orderEmbeddings(1), 64), split.positives, split.negatives);
  const f1 = async (name: string) => {
    const g = await load(name);
    const m = new LineModel({ samples: 100 * 2 * g.src.length, seed, threads: workers }, runtime);
    await m.fit(g);
    return nodeClassificationCv(m.embeddings(), m.outputDim, g.classes, { trainRatio: 0.5, seed }).microF1;
  };
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  return {
    workers,
    samplesPerSec: Math.round((2 * samples) / seconds),
    netscience_lp_auc_first: r4(auc),
    polbooks_micro_f1_50: r4(await f1('polbooks')),
    football_micro_f1_50: r4(await f1('football')),
    kernel: pool?.stats.kernel ?? null,
    rounds: pool?.stats.rounds ?? 0,
  };
}
