/**
 * LINE's standard probes on a real graph: node classification (one-vs-rest logistic regression on the
 * embeddings, Micro/Macro-F1 over random splits) and link prediction (AUC on held-out edges, against
 * Adamic–Adar on the same split).
 */
import type { Graph } from '../../data/graph.ts';
import { Rng } from '../../data/rng.ts';
import { adamicAdarScorer, embeddingScorer } from '../link-scorers.ts';
import { holdOutEdges, linkPredictionAuc } from '../link-prediction.ts';
import { nodeClassificationF1 } from '../node-classification.ts';
import type { LineConfig } from '../../models/line/config.ts';
import { LineModel } from '../../models/line/model.ts';
import type { LineThreadPoolFactory } from '../../models/line/threads.ts';

/** Micro/Macro-F1 at one labelled ratio. */
export interface F1Pair {
  micro: number;
  macro: number;
}

/** Options shared by the probes. */
export interface LineProbeOptions {
  /** LINE options (default: 64-d per order, K = 5, both orders). */
  line?: LineConfig;
  /** Seed of the splits (default 1). */
  seed?: number;
  /** Random splits per ratio (default 10). */
  repeats?: number;
  /** L2 strength of the logistic regression (default 1, scikit-learn's C = 1). */
  l2?: number;
  /** Thread pool for `line.threads > 1` (Node: `nodeLineThreads`). */
  pool?: LineThreadPoolFactory;
}

/**
 * Trains LINE on `graph` and scores its embeddings by node classification at each labelled `ratio`.
 * @example await lineNodeClassification(karate, [0.5, 0.8]) // { '0.5': { micro: 0.97, macro: 0.97 }, … }
 */
export async function lineNodeClassification(
  graph: Graph,
  ratios: number[],
  opts: LineProbeOptions = {},
): Promise<Record<string, F1Pair>> {
  const model = new LineModel(opts.line, { pool: opts.pool });
  await model.fit(graph);
  const out: Record<string, F1Pair> = {};
  for (const trainRatio of ratios) {
    const r = nodeClassificationF1(model.embeddings(), model.outputDim, graph.classes, {
      trainRatio,
      seed: opts.seed ?? 1,
      repeats: opts.repeats ?? 10,
      l2: opts.l2 ?? 1,
    });
    out[String(trainRatio)] = { micro: r.microF1, macro: r.macroF1 };
  }
  return out;
}

/** Link-prediction AUCs on one held-out split. */
export interface LinkPredictionReport {
  /** 1st + 2nd order concatenated. */
  both: number;
  first: number;
  second: number;
  adamicAdar: number;
}

/**
 * Holds out `fraction` of `graph`'s edges, trains LINE (both orders) on the rest and reports the AUC
 * of each embedding (cosine) and of Adamic–Adar on the same positives and negatives.
 */
export async function lineLinkPrediction(
  graph: Graph,
  fraction = 0.1,
  opts: LineProbeOptions = {},
): Promise<LinkPredictionReport> {
  const split = holdOutEdges(graph, fraction, new Rng(opts.seed ?? 1).fork('holdout'));
  const model = new LineModel({ ...opts.line, order: 'both' }, { pool: opts.pool });
  await model.fit({ ...split.train, directed: graph.directed });
  const d = model.settings.dim;
  const aucOf = (emb: Float32Array, dim: number) =>
    linkPredictionAuc(embeddingScorer(emb, dim), split.positives, split.negatives);
  return {
    both: aucOf(model.embeddings(), 2 * d),
    first: aucOf(model.orderEmbeddings(1), d),
    second: aucOf(model.orderEmbeddings(2), d),
    adamicAdar: linkPredictionAuc(adamicAdarScorer(graph.n, split.train), split.positives, split.negatives),
  };
}
