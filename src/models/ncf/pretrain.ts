/**
 * NeuMF with pre-training (He et al. 2017, §3.4.1): train a GMF and an MLP, start NeuMF from their
 * weights — both embedding sets and the MLP tower as trained, the output layer h = [α·h_gmf, (1−α)·h_mlp],
 * the item bias and time coefficient likewise α-mixed (the reference code's 0.5 · (b_gmf + b_mlp)) —
 * and fine-tune it. The NeuMF state is built with an unfinished-run cursor at epoch 0, step 0 and
 * zeroed Adam slots, so `NcfModel.fit` resumes from those weights through its ordinary loop
 * (checkpoints, progress, abort, early stopping; the positives hash it checks is that of the log less
 * the early-stopping split, as in `fit`). The paper fine-tunes with plain SGD because Adam's moments are
 * not kept; here Adam restarts from zero moments, so pick a small learning rate. With `patience`, the
 * un-tuned start competes on validation too (`fits.neumf.epochs` is 0 when it wins).
 */
import { type InteractionLog, userItemRows } from '../../data/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { positivesHash } from '../mf/batches.ts';
import { startCursor } from '../mf/cursor.ts';
import type { FitOptions, FitResult, ModelState } from '../recommender.ts';
import type { AdamArrays } from '../shared/adam.ts';
import { resolveNcfConfig, type NcfConfig, type NcfSettings } from './config.ts';
import { NcfModel } from './model.ts';
import { paramSpecs, type ParamArrays } from './params.ts';
import { decodeNcfState, encodeNcfState } from './state.ts';
import { carveValidation, validationHr } from './validation.ts';

/** Options of {@link fitPretrainedNeuMF} beyond `fit`'s own. */
export interface PretrainOptions extends FitOptions {
  /** Overrides for the GMF pre-training run (default: NeuMF's config; `dim` must stay NeuMF's). */
  gmf?: NcfConfig;
  /** Overrides for the MLP pre-training run (default: NeuMF's config; `layers` must stay NeuMF's). */
  mlp?: NcfConfig;
  /** Weight of the GMF half of the output layer, in [0, 1] (default 0.5, the paper's). */
  alpha?: number;
  /** Called as each of the three runs starts (progress events of all three go to `onProgress`). */
  onStage?: (stage: 'gmf' | 'mlp' | 'neumf') => void;
}

/** What {@link fitPretrainedNeuMF} returns: the fine-tuned NeuMF and each run's result. */
export interface PretrainedNeuMF {
  model: NcfModel;
  fits: { gmf: FitResult; mlp: FitResult; neumf: FitResult };
}

/**
 * Trains GMF and MLP on `log`, then NeuMF (`config`) from their weights on the same log.
 * @example
 * ```ts
 * const { model, fits } = await fitPretrainedNeuMF(log, { dim: 32, layers: [64, 32], epochs: 4, learningRate: 1e-4 }, { gmf: { epochs: 10 }, mlp: { epochs: 10 } });
 * console.log(fits.gmf.epochs, fits.mlp.epochs, fits.neumf.epochs);
 * ```
 */
export async function fitPretrainedNeuMF(
  log: InteractionLog,
  config: NcfConfig = {},
  options: PretrainOptions = {},
): Promise<PretrainedNeuMF> {
  const { gmf: gmfOverrides, mlp: mlpOverrides, alpha = 0.5, onStage, ...fitOptions } = options;
  if (!(alpha >= 0 && alpha <= 1)) throw new InvalidArgumentError(`neumf pretrain: alpha ${alpha} is not in [0, 1]`);
  const settings = resolveNcfConfig('neumf', config);
  const { arch: _arch, ...shared } = settings;
  const gmfConfig = { ...shared, ...gmfOverrides };
  const mlpConfig = { ...shared, ...mlpOverrides };
  if (gmfConfig.dim !== settings.dim)
    throw new InvalidArgumentError(`neumf pretrain: gmf.dim ${gmfConfig.dim} differs from NeuMF's dim ${settings.dim}`);
  if (JSON.stringify(mlpConfig.layers) !== JSON.stringify(settings.layers))
    throw new InvalidArgumentError(
      `neumf pretrain: mlp.layers ${JSON.stringify(mlpConfig.layers)} differ from NeuMF's ${JSON.stringify(settings.layers)}`,
    );
  const trained = async (arch: 'gmf' | 'mlp', c: NcfConfig) => {
    onStage?.(arch);
    const m = new NcfModel(arch, c);
    try {
      const fit = await m.fit(log, fitOptions);
      return { fit, state: await m.toState() };
    } finally {
      m.dispose();
    }
  };
  const gmf = await trained('gmf', gmfConfig);
  const mlp = await trained('mlp', mlpConfig);
  onStage?.('neumf');
  const model = new NcfModel('neumf', settings);
  const val = settings.patience > 0 ? carveValidation(log, settings.seed) : null;
  const trainLog = val?.train.length ? val.train : log;
  const start = pretrainedNeuMFState(gmf.state, mlp.state, settings, positivesHash(userItemRows(trainLog)), alpha);
  await model.fromState(start);
  // With early stopping, epoch 0 (the pre-trained weights as they are) is a candidate too: fine-tuning
  // with freshly zeroed Adam moments can only lose to it on validation, and then it is kept.
  const hr = async () => (val ? validationHr(await model.score(val.users, val.items)) : 0);
  const atStart = val ? await hr() : -1;
  const tuned = await model.fit(log, fitOptions);
  if (val && atStart >= (await hr())) {
    await model.fromState(withoutRun(start));
    return { model, fits: { gmf: gmf.fit, mlp: mlp.fit, neumf: { ...tuned, epochs: 0 } } };
  }
  return { model, fits: { gmf: gmf.fit, mlp: mlp.fit, neumf: tuned } };
}

/** `state` as a finished model: no training cursor, no Adam slots. */
function withoutRun(state: ModelState): ModelState {
  const { cursor: _cursor, ...meta } = state.meta;
  const tensors = Object.fromEntries(Object.entries(state.tensors).filter(([name]) => !name.startsWith('adam.')));
  return { ...state, meta, tensors };
}

/**
 * A NeuMF state from a GMF and an MLP state on the same data: GMF's embeddings, MLP's embeddings and
 * tower, h = [α·h_gmf, (1−α)·h_mlp], itemBias (and timeW) = α·GMF's + (1−α)·MLP's; an unfinished run
 * at epoch 0, step 0 with zeroed Adam slots on data with positives hash `dataHash`.
 */
export function pretrainedNeuMFState(
  gmfState: ModelState,
  mlpState: ModelState,
  settings: NcfSettings,
  dataHash: number,
  alpha = 0.5,
): ModelState {
  const g = decodeNcfState(gmfState, resolveNcfConfig('gmf', gmfState.config));
  const m = decodeNcfState(mlpState, resolveNcfConfig('mlp', mlpState.config));
  const { nUsers, nItems } = g.catalogue;
  if (m.catalogue.nUsers !== nUsers || m.catalogue.nItems !== nItems)
    throw new InvalidArgumentError(
      `neumf pretrain: GMF (${nUsers} users × ${nItems} items) and MLP (${m.catalogue.nUsers} × ${m.catalogue.nItems}) were trained on different data`,
    );
  if (g.settings.dim !== settings.dim || JSON.stringify(m.settings.layers) !== JSON.stringify(settings.layers))
    throw new InvalidArgumentError(`neumf pretrain: the GMF's dim or the MLP's layers differ from NeuMF's`);
  if (g.settings.timeWindowDays > 0 !== settings.timeWindowDays > 0)
    throw new InvalidArgumentError(`neumf pretrain: the GMF's time context differs from NeuMF's`);
  const mix = (a: Float32Array, b: Float32Array) => a.map((x, k) => alpha * x + (1 - alpha) * b[k]);
  const specs = paramSpecs(settings, nUsers, nItems);
  const params: ParamArrays = {};
  for (const name of Object.keys(specs)) {
    if (name === 'h') {
      const h = new Float32Array(g.params.h.length + m.params.h.length);
      h.set(g.params.h.map((x) => alpha * x));
      h.set(
        m.params.h.map((x) => (1 - alpha) * x),
        g.params.h.length,
      );
      params.h = h;
    } else if (name === 'itemBias' || name === 'timeW') params[name] = mix(g.params[name], m.params[name]);
    else params[name] = (name.startsWith('gmf') ? g.params[name] : m.params[name]).slice();
  }
  const zeros = () => {
    const z: Record<string, Float32Array> = {};
    for (const [name, spec] of Object.entries(specs)) z[name] = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
    return z;
  };
  const adam: AdamArrays = { step: 0, m: zeros(), v: zeros() };
  return encodeNcfState('neumf', {
    settings,
    catalogue: g.catalogue,
    params,
    seed: null,
    timeline: g.timeline,
    training: { cursor: startCursor(dataHash), adam },
  });
}
