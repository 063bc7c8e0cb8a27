/** Reliability bins for the O/E calibration plot: mean predicted vs observed rate per pCTR decile. */

/** One bin of predictions. */
export interface CalibrationBin {
  predicted: number;
  observed: number;
  count: number;
}

/** `bins` equal-count bins of the predictions sorted by pCTR (empty bins omitted). */
export function calibrationBins(p: ArrayLike<number>, labels: ArrayLike<number>, bins: number): CalibrationBin[] {
  const order = Array.from({ length: p.length }, (_, i) => i).sort((x, y) => p[x] - p[y]);
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor((b * order.length) / bins),
      hi = Math.floor(((b + 1) * order.length) / bins);
    if (hi <= lo) continue;
    let sp = 0,
      sy = 0;
    for (let r = lo; r < hi; r++) (sp += p[order[r]]), (sy += labels[order[r]]);
    out.push({ predicted: sp / (hi - lo), observed: sy / (hi - lo), count: hi - lo });
  }
  return out;
}
