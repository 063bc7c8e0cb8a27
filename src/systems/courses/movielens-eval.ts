/**
 * The MovieLens figures of `npm run eval -- courses`: GMF, MLP, NeuMF, seed-NCF, MF and the
 * foundation baselines on one ranking protocol, each trained on the protocol's training log only, by
 * sampled ranking (99 negatives, ties pessimistic) and by full ranking.
 */
import type { InteractionLog } from '../../data/index.ts';
import type { NcfConfig } from '../../models/ncf/config.ts';
import { fitPretrainedNeuMF } from '../../models/ncf/pretrain.ts';
import type { FitOptions, FitProgress, Recommender } from '../../models/recommender.ts';
import { createModel, type ModelKind } from '../../models/registry.ts';
import { fullFigures, sampledFigures, type RankFigures, type RankingProtocol } from './protocol.ts';

/** One model's figures on the protocol. */
export interface ModelFigures {
  kind: string;
  sampled: RankFigures;
  full: RankFigures | null;
  epochs: number;
  /** The epoch whose weights early stopping (`patience`) kept, 1-based (0: a pre-trained NeuMF's start); absent without it. */
  bestEpoch?: number;
  seconds: number;
}

/** The tuned configurations (`npm run eval -- courses` uses these). */
export const TUNED: Readonly<Record<string, object>> = Object.freeze({
  popular: {},
  itemknn: { k: 200 },
  mf: { dim: 32, epochs: 8, l2: 1e-3 },
  gmf: { dim: 32, epochs: 8, learningRate: 0.005, l2: 1e-3 },
  mlp: { layers: [64, 32, 16], epochs: 8, learningRate: 0.005 },
  neumf: { dim: 32, layers: [64, 32, 16], epochs: 6, learningRate: 0.005, l2: 1e-3 },
  // Epochs, step size and decay chosen on a validation split carved from the training log (leave-latest-out
  // again): 5 × 0.02 × 0.7/epoch gave val HR@10 0.809 against 0.802 for the former 8 × 0.01 × 0.85.
  ncf: {
    dim: 32,
    epochs: 5,
    window: 10,
    neighbours: 20,
    batchSize: 4096,
    learningRate: 0.02,
    lrDecay: 0.7,
    causal: true,
    timeWindowDays: 365,
  },
});

/**
 * GMF / MLP / NeuMF on He et al.'s split (`--ncf-split`), chosen on a validation split carved from the
 * training file (each user's latest training positive; `patience` keeps the best epoch): the PyTorch
 * reference's recipe (guoyang9/NCF: Adam, batch 256, no weight decay, N(0, 0.01) embeddings) with the
 * step size and epochs picked on validation; the MLP tower is 64-32-16, not the reference's 256-128-64-32
 * (4× the CPU per row, unaffordable on the shared box). Other kinds use {@link TUNED}.
 */
export const TUNED_NCF_SPLIT: Readonly<Record<'gmf' | 'mlp' | 'neumf', NcfConfig>> = Object.freeze({
  gmf: { dim: 32, learningRate: 0.002, batchSize: 256, l2: 0, initStd: 0.01, epochs: 30, patience: 5 },
  mlp: { layers: [64, 32, 16], learningRate: 0.002, batchSize: 256, l2: 0, initStd: 0.01, epochs: 20, patience: 3 },
  neumf: {
    dim: 32,
    layers: [64, 32, 16],
    learningRate: 0.002,
    batchSize: 256,
    l2: 0,
    initStd: 0.01,
    epochs: 20,
    patience: 3,
  },
});

/** NeuMF with pre-training (`--pretrain`): the GMF and MLP runs' configs, then NeuMF fine-tuned from both. */
export interface PretrainPlan {
  gmf: NcfConfig;
  mlp: NcfConfig;
  /** The fine-tuning run (its `dim` / `layers` must match the GMF's and MLP's). */
  neumf: NcfConfig;
  /** Weight of the GMF half of NeuMF's output layer (default 0.5). */
  alpha?: number;
}

/** The pre-training plan on He et al.'s split: the tuned GMF and MLP, then Adam at a small step from zeroed moments. */
export const PRETRAIN_NCF_SPLIT: Readonly<PretrainPlan> = Object.freeze({
  gmf: TUNED_NCF_SPLIT.gmf,
  mlp: TUNED_NCF_SPLIT.mlp,
  neumf: { ...TUNED_NCF_SPLIT.neumf, learningRate: 0.0002, epochs: 10, patience: 2 },
});

/** Fits `kind` on the protocol's training log and measures it; `full` adds full ranking; `pretrain` (NeuMF only) pre-trains. */
export async function evaluateKind(
  kind: string,
  config: object,
  p: RankingProtocol,
  o: {
    full?: boolean;
    onEpoch?: (kind: string, epoch: number, loss: number, metric?: number) => void;
    pretrain?: PretrainPlan;
  } = {},
): Promise<ModelFigures> {
  let bestEpoch: number | undefined;
  let best = -Infinity;
  const onProgress = (e: FitProgress) => {
    if (e.status !== 'epoch') return;
    if (e.metric && e.metric.value > best) (best = e.metric.value), (bestEpoch = e.epoch);
    o.onEpoch?.(kind, e.epoch, e.loss, e.metric?.value);
  };
  const { model, fit } = await fitted(kind, config, p, { onProgress }, o.pretrain);
  // Pre-trained NeuMF: 0 epochs means validation kept the un-tuned start.
  if (fit.epochs === 0) bestEpoch = 0;
  try {
    const sampled = await sampledFigures(model, p);
    const full = o.full ? await fullFigures(model, p) : null;
    return {
      kind,
      sampled,
      full,
      epochs: fit.epochs,
      ...(bestEpoch === undefined ? {} : { bestEpoch }),
      seconds: fit.seconds,
    };
  } finally {
    model.dispose();
  }
}

async function fitted(kind: string, config: object, p: RankingProtocol, options: FitOptions, plan?: PretrainPlan) {
  const log = p.train as InteractionLog;
  if (plan && kind === 'neumf') {
    // Early stopping reports NeuMF's own epochs: the pre-training runs' events are not passed on.
    let stage = '';
    const onProgress = (e: FitProgress) => stage === 'neumf' && options.onProgress?.(e);
    const r = await fitPretrainedNeuMF(log, plan.neumf, {
      gmf: plan.gmf,
      mlp: plan.mlp,
      alpha: plan.alpha,
      onStage: (s) => (stage = s),
      onProgress,
    });
    const seconds = r.fits.gmf.seconds + r.fits.mlp.seconds + r.fits.neumf.seconds;
    return { model: r.model, fit: { ...r.fits.neumf, seconds } };
  }
  const model: Recommender<InteractionLog> = createModel(kind as ModelKind, config as never);
  try {
    return { model, fit: await model.fit(log, options) };
  } catch (err) {
    model.dispose();
    throw err;
  }
}
