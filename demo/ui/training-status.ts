import type { TrainProgress } from '../../src/index.ts';

/** One line saying where a training is, for the status area under the progress bar. */
export function describeProgress(p: TrainProgress): string {
  switch (p.status) {
    case 'start':
      return p.resumedFrom
        ? `Resumed from the stored checkpoint (epoch ${p.resumedFrom.epoch}, step ${p.resumedFrom.step}) on ${p.backend}.`
        : `Training on ${p.backend}: ${p.samples.toLocaleString('en')} interactions, ${p.epochs} epochs.`;
    case 'epoch': {
      const metric = p.metric ? ` · ${p.metric.name} ${p.metric.value.toFixed(3)}` : '';
      return `Epoch ${p.epoch}/${p.epochs} · loss ${p.loss.toFixed(4)}${metric} · ${Math.round(p.samplesPerSec).toLocaleString('en')} samples/s · ${p.backend}`;
    }
    case 'checkpoint':
      return `Checkpoint stored (epoch ${p.cursor.epoch}, step ${p.cursor.step}, version ${p.version}).`;
    case 'backend-switch':
      return `${p.from} failed (${p.reason}); training continues on ${p.to}.`;
    case 'restart':
      return `The training worker stopped (${p.reason}); a new one continues from the last checkpoint.`;
    case 'done':
      return `Trained in ${p.seconds.toFixed(1)} s on ${p.backend} · loss ${p.loss.toFixed(4)} · stored as version ${p.version}.`;
    case 'error':
      return `${p.error.name}: ${p.error.message}`;
  }
}

/** Fraction of the training done, from an epoch event (the bar only moves on epochs). */
export function epochFraction(p: TrainProgress): number | null {
  return p.status === 'epoch' ? p.epoch / p.epochs : p.status === 'done' ? 1 : null;
}
