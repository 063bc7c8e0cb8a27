/**
 * One training run inside the training service (the lock is already held): fit, save each checkpoint,
 * save the final model; when the WebGPU device is lost mid-fit, move to the next backend and go on from
 * the last checkpoint, telling the caller which backend took over and why.
 */
import type { FitProgress, FitResult, Json, ModelState, Recommender, TrainingCursor } from '../models/recommender.ts';
import type { ModelData } from '../models/registry.ts';
import type { ModelStore } from '../store/types.ts';
import type { BackendKeeper } from './backend-keeper.ts';
import { deviceLoss } from './backend-keeper.ts';
import type { ProgressChannel } from './progress.ts';
import type { TrainRequest, TrainResult } from './protocol.ts';
import { dataProvenance } from './training-data.ts';
import { VALIDATION_USERS, validationHr10, type ValidationSlice } from './validation-slice.ts';

/** Builds models: the registry, unless a test replaces it. */
export interface ModelFactory {
  create(kind: string, config: { [key: string]: Json }): Recommender<ModelData>;
  fromState(state: ModelState): Promise<Recommender<ModelData>>;
}

/** What a run needs from its service. */
export interface RunContext {
  request: TrainRequest;
  /** Stored in every saved state's meta (`trainedBy`), so only the same request resumes it. */
  fingerprint: Json;
  store: ModelStore;
  models: ModelFactory;
  keeper: BackendKeeper;
  progress: ProgressChannel;
  signal: AbortSignal;
  /** The held-out slice HR@10 is measured on after every epoch, or null (none asked for). */
  validation?: ValidationSlice | null;
}

type Attempt = { ok: true; result: TrainResult } | { ok: false; reason: string; checkpoint: ModelState | null };

/** Meta key of the training fingerprint. */
export const TRAINED_BY = 'trainedBy';

/** Default milliseconds between `step` events. */
const STEP_EVERY_MS = 250;

/** Trains to the end from `resume` (a stored checkpoint) or from scratch, surviving device loss. */
export async function runTraining(ctx: RunContext, data: ModelData, resume: ModelState | null): Promise<TrainResult> {
  let state = resume;
  for (;;) {
    const attempt = await fitOnce(ctx, data, state);
    if (attempt.ok) return attempt.result;
    const from = ctx.keeper.report?.backend ?? 'webgpu';
    const report = await ctx.keeper.replace(from, attempt.reason);
    state = attempt.checkpoint ?? state;
    const { modelId } = ctx.request;
    const { reason } = attempt;
    ctx.progress.send({
      status: 'backend-switch',
      modelId,
      from,
      to: report.backend,
      reason,
      resumeFrom: cursorOf(state),
    });
  }
}

async function fitOnce(ctx: RunContext, data: ModelData, state: ModelState | null): Promise<Attempt> {
  const { request, models, signal, validation } = ctx;
  const model = state ? await models.fromState(state) : models.create(request.kind, request.config ?? {});
  const validate = validation
    ? async () => {
        const value = await validationHr10(model, validation);
        return Number.isNaN(value) ? undefined : { name: 'hr10', value };
      }
    : undefined;
  const lost = deviceLoss();
  const fitAbort = new AbortController();
  const stopLinking = linkAbort(signal, fitAbort);
  const tracker = new AttemptTracker(ctx, cursorOf(state));
  try {
    const fit = model.fit(data, {
      signal: fitAbort.signal,
      checkpointEvery: request.checkpointEvery ?? 0,
      stepEveryMs: request.stepEveryMs ?? STEP_EVERY_MS,
      validate,
      onProgress: (p) => tracker.onProgress(p),
      onCheckpoint: (s) => tracker.onCheckpoint(s),
    });
    const outcome = await raceLoss(fit, lost);
    if ('lost' in outcome) {
      tracker.stale = true; // the abandoned fit may still call back: ignore it
      fitAbort.abort();
      return { ok: false, reason: outcome.lost, checkpoint: tracker.checkpoint };
    }
    return { ok: true, result: await saveFinal(ctx, model, outcome.result, tracker) };
  } finally {
    stopLinking();
    disposeQuietly(model);
  }
}

/** The fit's result, or the reason the device was lost (also when the loss made the fit throw). */
async function raceLoss(
  fit: Promise<FitResult>,
  lost: Promise<string>,
): Promise<{ result: FitResult } | { lost: string }> {
  fit.catch(() => undefined); // an abandoned fit must not become an unhandled rejection
  try {
    return await Promise.race([fit.then((result) => ({ result })), lost.then((why) => ({ lost: why }))]);
  } catch (err) {
    // A lost device can fail the fit a moment before `lost` settles.
    const why = await Promise.race([lost, new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
    if (why === null) throw err;
    return { lost: why };
  }
}

/** Forwards one attempt's progress (tagged with the model id) and saves its checkpoints. */
class AttemptTracker {
  stale = false;
  checkpoint: ModelState | null = null;
  private lastCursor: TrainingCursor | null = null;
  private readonly rates: number[] = [];
  private metric: { name: string; value: number } | undefined;

  constructor(
    private readonly ctx: RunContext,
    readonly resumedFrom: TrainingCursor | null,
  ) {}

  get samplesPerSec(): number {
    return this.rates.length ? this.rates.reduce((a, b) => a + b, 0) / this.rates.length : 0;
  }

  get lastMetric(): { name: string; value: number } | undefined {
    return this.metric;
  }

  onProgress(p: FitProgress): void {
    if (this.stale) return;
    const { modelId } = this.ctx.request;
    if (p.status === 'start') this.ctx.progress.send({ ...p, modelId, resumedFrom: this.resumedFrom });
    else if (p.status === 'step') this.ctx.progress.send({ ...p, modelId });
    else if (p.status === 'epoch') {
      this.rates.push(p.samplesPerSec);
      this.metric = p.metric ?? this.metric;
      this.ctx.progress.send({ ...p, modelId });
    } else if (p.status === 'checkpoint') this.lastCursor = p.cursor;
    // 'checkpoint' is re-sent once stored, 'done' once the final model is; 'error' by the service.
  }

  async onCheckpoint(state: ModelState): Promise<void> {
    if (this.stale) return;
    const cursor = cursorOf(state) ?? this.lastCursor;
    if (!cursor) return;
    const { store, request, fingerprint, progress, keeper } = this.ctx;
    const info = await store.save(request.modelId, tag(state, fingerprint, request), {
      checkpoint: { epoch: cursor.epoch, step: cursor.step },
      durability: 'relaxed', // a crash may lose the newest checkpoint; the previous one stays whole
    });
    this.checkpoint = state;
    const backend = keeper.report?.backend ?? 'cpu';
    progress.send({ status: 'checkpoint', modelId: request.modelId, backend, cursor, version: info.version });
    // Go on only once the caller has seen it: its view of what is safe is then never behind the store.
    await progress.flush();
  }
}

async function saveFinal(
  ctx: RunContext,
  model: Recommender<ModelData>,
  fit: FitResult,
  tracker: AttemptTracker,
): Promise<TrainResult> {
  const { request, store, fingerprint, progress } = ctx;
  const { epochs, loss, seconds, backend } = fit;
  const summary = { modelId: request.modelId, backend, epochs, loss, seconds, samplesPerSec: tracker.samplesPerSec };
  const metrics: { [name: string]: number } = { epochs, loss, seconds, samplesPerSec: summary.samplesPerSec };
  const metric = tracker.lastMetric;
  if (metric) metrics[metric.name] = metric.value;
  // Only now is the finished version replaced: every checkpoint before went to the id's checkpoint slot.
  const state = tag(await model.toState(), fingerprint, request);
  const info = await store.save(request.modelId, state, { metrics: finite(metrics) });
  const trainer = fit.trainer === undefined ? {} : { trainer: fit.trainer };
  progress.send({ status: 'done', ...summary, ...trainer, version: info.version });
  return { ...summary, info, resumedFrom: tracker.resumedFrom };
}

/** The training cursor a checkpoint state carries in `meta.cursor`, or null. */
export function cursorOf(state: ModelState | null): TrainingCursor | null {
  const c = state?.meta.cursor;
  if (!c || typeof c !== 'object' || Array.isArray(c)) return null;
  const { epoch, step } = c;
  if (typeof epoch !== 'number' || typeof step !== 'number') return null;
  return c.extra === undefined ? { epoch, step } : { epoch, step, extra: c.extra };
}

/** The state with what it was trained by and on in its meta (listed with the model: `ModelInfo.meta`). */
function tag(state: ModelState, fingerprint: Json, request: TrainRequest): ModelState {
  const meta: { [key: string]: Json } = { ...state.meta, [TRAINED_BY]: fingerprint, ...dataProvenance(request.data) };
  if (request.validation) meta.validationUsers = request.validation.users ?? VALIDATION_USERS;
  return { ...state, meta };
}

function finite(metrics: { [name: string]: number }): { [name: string]: number } {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v)));
}

/** Aborts `target` when `source` aborts; returns the unlinking function. */
function linkAbort(source: AbortSignal, target: AbortController): () => void {
  const onAbort = (): void => target.abort(source.reason);
  if (source.aborted) onAbort();
  source.addEventListener('abort', onAbort);
  return () => source.removeEventListener('abort', onAbort);
}

function disposeQuietly(model: Recommender<ModelData>): void {
  try {
    model.dispose();
  } catch {
    // Tensors of a lost device cannot always be released; they go with the device.
  }
}
