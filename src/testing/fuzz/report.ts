/** Printing a fuzz report: a table per target and each counterexample with what reproduces it. */
import { DEFECTS, type FuzzCounts, type FuzzExample } from './types.ts';
import type { FuzzReport } from './runner.ts';

const COLUMNS = [
  'cases',
  'typed',
  'accepted',
  'generic',
  'crashes',
  'hangs',
  'wrong',
] as const satisfies readonly (keyof FuzzCounts)[];

/** The counts as an aligned text table (one row per target, plus seconds). */
export function countsTable(report: FuzzReport): string {
  const names = Object.keys(report.counts);
  const width = Math.max(6, ...names.map((n) => n.length));
  const head = ['target'.padEnd(width), ...COLUMNS.map((c) => c.padStart(8)), 'seconds'.padStart(8)].join(' ');
  const rows = names.map((n) =>
    [
      n.padEnd(width),
      ...COLUMNS.map((c) => String(report.counts[n][c]).padStart(8)),
      (report.seconds[n] ?? NaN).toFixed(1).padStart(8),
    ].join(' '),
  );
  return [head, ...rows].join('\n');
}

/** One counterexample with the command that reproduces it (inputs are prefix-stable: case i is the same in any longer run). */
export function describeExample(e: FuzzExample): string {
  const again = `npm run bench -- fuzz --targets ${e.target} --cases ${e.index + 1} --seed ${e.seed}`;
  return `${e.outcome} in ${e.target}, case ${e.index} (FUZZ_SEED=${e.seed}): ${e.detail}\n  input: ${e.input}\n  reproduce: ${again}`;
}

/** Total defects of a target. */
export function defectCount(c: FuzzCounts): number {
  return DEFECTS.reduce((n, d) => n + c[d === 'crash' ? 'crashes' : d === 'hang' ? 'hangs' : d], 0);
}
