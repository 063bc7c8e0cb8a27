/**
 * The MovieLens figures of `npm run eval -- courses`: GMF, MLP, NeuMF, seed-NCF, MF and the
 * foundation baselines on one ranking protocol, each trained on the protocol's training log only, by
 * sampled ranking (99 negatives, ties pessimistic) and by full ranking.
 */
import type { InteractionLog } from '../../data/index.ts';
import { createModel, type ModelKind } from '../../models/registry.ts';
import { fullFigures, sampledFigures, type RankFigures, type RankingProtocol } from './protocol.ts';

/** One model's figures on the protocol. */
export interface ModelFigures {
  kind: string;
  sampled: RankFigures;
  full: RankFigures | null;
  epochs: number;
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
  ncf: {
    dim: 32,
    epochs: 8,
    window: 10,
    neighbours: 20,
    batchSize: 4096,
    learningRate: 0.01,
    lrDecay: 0.85,
    causal: true,
    timeWindowDays: 365,
  },
});

/** Fits `kind` on the protocol's training log and measures it; `full` adds full ranking. */
export async function evaluateKind(
  kind: string,
  config: object,
  p: RankingProtocol,
  o: { full?: boolean; onEpoch?: (kind: string, epoch: number, loss: number) => void } = {},
): Promise<ModelFigures> {
  const model = createModel(kind as ModelKind, config as never);
  try {
    const fit = await model.fit(p.train as InteractionLog, {
      onProgress: (e) => e.status === 'epoch' && o.onEpoch?.(kind, e.epoch, e.loss),
    });
    const sampled = await sampledFigures(model, p);
    const full = o.full ? await fullFigures(model, p) : null;
    return { kind, sampled, full, epochs: fit.epochs, seconds: fit.seconds };
  } finally {
    model.dispose();
  }
}
