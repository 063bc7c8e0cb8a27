import type { TrainProgress } from '../../src/index.ts';

/** Where a training runs, in words: the backend, or a fused engine and the backend that ranks. */
export function trainingWhere(p: { backend: string; trainer?: string }): string {
  if (p.trainer === 'fused-cpu') return `the fused CPU loop (tfjs on ${p.backend} ranks)`;
  if (p.trainer === 'fused-webgpu') return `fused WebGPU kernels (tfjs on ${p.backend} ranks)`;
  return p.backend;
}

/** "about 1 min 20 s left" */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'time left unknown';
  if (seconds < 1) return 'under a second left';
  const s = Math.round(seconds);
  if (s < 60) return `about ${s} s left`;
  const m = Math.floor(s / 60);
  return `about ${m} min ${s % 60} s left`;
}

/**
 * One line saying where a training is, for the status area under the progress bar. Checkpoint
 * events have their own line beside it (`describeCheckpoint`), so this one never loses the loss.
 */
export function describeProgress(p: Exclude<TrainProgress, { status: 'checkpoint' }>): string {
  switch (p.status) {
    case 'start':
      return p.resumedFrom
        ? `Resumed from the stored checkpoint (epoch ${p.resumedFrom.epoch + 1}, step ${p.resumedFrom.step}) on ${trainingWhere(p)}.`
        : `Training on ${trainingWhere(p)}: ${p.samples.toLocaleString('en')} training rows per epoch, ${p.epochs} epochs.`;
    case 'step':
      return `Epoch ${p.epoch}/${p.epochs} · step ${p.step}/${p.stepsPerEpoch} · loss so far ${p.loss.toFixed(4)} · ${Math.round(p.samplesPerSec).toLocaleString('en')} samples/s · ${formatEta(p.etaSeconds)} · ${trainingWhere(p)}`;
    case 'epoch': {
      const metric = p.metric ? ` · validation ${metricName(p.metric.name)} ${p.metric.value.toFixed(3)}` : '';
      const loss = Number.isFinite(p.loss) ? ` · loss ${p.loss.toFixed(4)}` : '';
      return `Epoch ${p.epoch}/${p.epochs} done${loss}${metric} · ${Math.round(p.samplesPerSec).toLocaleString('en')} samples/s · ${trainingWhere(p)}`;
    }
    case 'backend-switch':
      return `${p.from} failed (${p.reason}); training continues on ${p.to}.`;
    case 'restart':
      return `The training worker stopped (${p.reason}); a new one continues from the last checkpoint.`;
    case 'done':
      return `Trained in ${p.seconds.toFixed(1)} s on ${trainingWhere(p)}${Number.isFinite(p.loss) ? ` · loss ${p.loss.toFixed(4)}` : ''} · stored as version ${p.version}, which now ranks.`;
    case 'error':
      return `${p.error.name}: ${p.error.message}`;
  }
}

/** The checkpoint line: "Checkpoint 7 stored (epoch 1, step 40): a reload resumes from here." */
export function describeCheckpoint(p: Extract<TrainProgress, { status: 'checkpoint' }>): string {
  return `Checkpoint ${p.version} stored (epoch ${p.cursor.epoch + 1}, step ${p.cursor.step}): a reload or a crash resumes from here.`;
}

/** "HR@10" for the metric the service reports as `hr10`. */
export function metricName(name: string): string {
  return name === 'hr10' ? 'HR@10' : name;
}

/** Fraction of the training done: per step within an epoch, whole epochs, 1 when done. */
export function trainFraction(p: TrainProgress): number | null {
  if (p.status === 'step') return (p.epoch - 1 + p.step / Math.max(p.stepsPerEpoch, 1)) / Math.max(p.epochs, 1);
  if (p.status === 'epoch') return p.epoch / p.epochs;
  if (p.status === 'checkpoint') return null;
  return p.status === 'done' ? 1 : null;
}
