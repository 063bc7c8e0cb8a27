/**
 * `npm run bench -- world [--full]`: generation time and typed-array memory of the simulated world at
 * 1k, 10k and 100k members (and 1M with `--full`), with the count of every entity.
 * Returns `{"world": {"1000": {"seconds", "mb", ...counts}, ...}}`.
 */
import { generateWorld, worldBytes, worldCounts } from '../../src/world/index.ts';

interface Row {
  seconds: number;
  mb: number;
  counts: Record<string, number>;
}

function measure(members: number): Row {
  const t0 = performance.now();
  const w = generateWorld({ members, seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds: Math.round(seconds * 1000) / 1000,
    mb: Math.round((worldBytes(w) / 2 ** 20) * 10) / 10,
    counts: worldCounts(w),
  };
}

function printTable(rows: [number, Row][]): void {
  const keys = Object.keys(rows[0][1].counts);
  const head = ['members', 'seconds', 'MB', ...keys.filter((k) => k !== 'members')];
  const lines = rows.map(([n, r]) => [
    String(n),
    r.seconds.toFixed(2),
    r.mb.toFixed(1),
    ...keys.filter((k) => k !== 'members').map((k) => String(r.counts[k])),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(fmt(head));
  for (const l of lines) console.log(fmt(l));
}

/** Runs the suite; `--full` adds 1M members. */
export async function run(args: string[]): Promise<unknown> {
  const sizes = [1_000, 10_000, 100_000, ...(args.includes('--full') ? [1_000_000] : [])];
  const rows: [number, Row][] = [];
  for (const n of sizes) {
    rows.push([n, measure(n)]);
    await new Promise((r) => setTimeout(r, 0)); // let the previous world be collected
  }
  printTable(rows);
  return {
    world: Object.fromEntries(rows.map(([n, r]) => [String(n), { seconds: r.seconds, mb: r.mb, ...r.counts }])),
  };
}
