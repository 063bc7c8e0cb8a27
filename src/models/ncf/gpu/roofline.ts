/**
 * A roofline estimate of the fused-webgpu NCF step: the bytes of GPU memory one training row moves under
 * this engine's design (gathers, compare-exchange gradient adds, the seed variant's segment sums and
 * scatters, and the dense Adam pass over every parameter amortised over the batch), and what a card's
 * memory bandwidth allows at that traffic. An estimate of the design's floor, not a measurement: cached
 * dense weights and the batch upload are left out.
 */
import type { NcfSettings } from '../config.ts';
import type { NcfStepInput } from '../stepper.ts';
import type { ParamLayout } from './layout.ts';

/** Bytes per float read; a gradient add is a load and a compare-exchange (read + write): 3 words. */
const READ = 4;
const ADD = 12;
/** Dense Adam per parameter: θ, g, m, v read; θ, g (re-zeroed), m, v written. */
const ADAM = 32;

/** Estimated bytes moved per training row of `batch` for `s` on `layout`. */
export function bytesPerRow(s: NcfSettings, layout: ParamLayout, batch: NcfStepInput): number {
  const rows = batch.users.length;
  const gmf = s.arch === 'gmf' || s.arch === 'neumf' ? 2 * s.dim : 0;
  const mlp = s.arch === 'mlp' || s.arch === 'neumf' ? s.layers[0] : 0;
  let total = rows * (gmf + mlp + 1) * (READ + ADD); // gathered rows and the item bias, and their gradients
  if (batch.seed) {
    const D = s.dim;
    const entries = batch.seed.learners.idx.length + batch.seed.courses.idx.length;
    const segs = batch.seed.learners.n + batch.seed.courses.n;
    total += entries * D * (READ + ADD); // segment sums read the rows; the scatter adds into them
    total += segs * D * (4 + 4 + ADD + 8); // sums written, read per row; their gradients added, read, zeroed
    total += rows * D * READ * (batch.seed.inHist.some((x) => x !== 0) ? 2 : 1);
  }
  total += layout.total * ADAM;
  return total / rows;
}

/** Peak memory bandwidth (GB/s) of known cards by adapter description, else null. */
export function knownBandwidthGBs(description: string): number | null {
  const table: [RegExp, number][] = [
    [/H200/i, 4800],
    [/H100.*PCIe/i, 2000],
    [/H100/i, 3350],
    [/A100.*80/i, 2039],
    [/A100/i, 1555],
    [/L40S/i, 864],
    [/\bL4\b/i, 300],
    [/\bA10\b/i, 600],
    [/\bT4\b/i, 320],
    [/RTX 4090/i, 1008],
  ];
  for (const [re, gbs] of table) if (re.test(description)) return gbs;
  return null;
}
