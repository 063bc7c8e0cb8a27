/**
 * `npm run bench -- ncf-split-load [--users N] [--items N] [--rows N] [--negatives N] [--reps N]`:
 * loads an ml-1m-sized split in He et al.'s format (6,040 users, 3,706 items, 994,169 training rows,
 * 99 negatives per test row; written by `bench/tools/write-ncf-split.ts` into a temp dir) the way
 * `eval -- courses --ncf-split` does, streamed from disk, and for comparison from whole in-memory
 * texts. Times: median of `reps` loads, wall and CPU. Memory (streamed path, measured first): after
 * a forced GC, the growth of rss, of the JS heap and of array buffers (the typed columns live
 * outside the heap) that the loaded protocol keeps, and the peak rss growth sampled while loading.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseNcfSplit } from '../../src/systems/courses/ncf-split.ts';
import { loadNcfSplitFiles } from '../../src/systems/courses/ncf-split-files.ts';
import type { RankingProtocol } from '../../src/systems/courses/protocol.ts';
import { flag, printTable } from '../table.ts';
import { ML_1M, writeNcfSplit } from '../tools/write-ncf-split.ts';

interface Measured {
  load_s: number;
  /** CPU time of the load (user + system): steadier than wall time on a shared machine. */
  cpu_s: number;
  rss_mb: number;
  peak_rss_mb: number;
  heap_mb: number;
  array_buffers_mb: number;
  rows: number;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 2 ** 20;

export async function run(args: string[]): Promise<unknown> {
  const size = {
    users: Number(flag(args, '--users') ?? ML_1M.users),
    items: Number(flag(args, '--items') ?? ML_1M.items),
    trainRows: Number(flag(args, '--rows') ?? ML_1M.trainRows),
    negatives: Number(flag(args, '--negatives') ?? ML_1M.negatives),
  };
  const reps = Number(flag(args, '--reps') ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'ncf-split-load-'));
  try {
    const prefix = join(dir, 'ml-1m-size');
    const t0 = performance.now();
    writeNcfSplit(prefix, size);
    const bytes = ['train.rating', 'test.rating', 'test.negative'].reduce(
      (s, ext) => s + statSync(`${prefix}.${ext}`).size,
      0,
    );
    console.log(
      `wrote ${size.users} users × ${size.items} items, ${size.trainRows} training rows, ${size.negatives} negatives per test row: ${(bytes / MB).toFixed(1)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const streamed = await measure(() => loadNcfSplitFiles(prefix), reps);
    const read = (ext: string) => readFileSync(`${prefix}.${ext}`, 'utf8');
    const inMemory = await measure(
      async () =>
        parseNcfSplit(
          { train: read('train.rating'), test: read('test.rating'), negative: read('test.negative') },
          'ml-1m-size',
        ),
      reps,
    );
    const f = (x: number) => x.toFixed(1);
    printTable(
      ['path', 'rows', 'load s', 'cpu s', 'rss MB (kept)', 'peak rss MB', 'heap MB', 'array buffers MB'],
      [
        [
          'loadNcfSplitFiles (streamed)',
          streamed.rows,
          streamed.load_s.toFixed(2),
          streamed.cpu_s.toFixed(2),
          f(streamed.rss_mb),
          f(streamed.peak_rss_mb),
          f(streamed.heap_mb),
          f(streamed.array_buffers_mb),
        ],
        // Its memory would be measured on top of the first load's (rss is not given back): times only.
        [
          'parseNcfSplit (whole texts)',
          inMemory.rows,
          inMemory.load_s.toFixed(2),
          inMemory.cpu_s.toFixed(2),
          '-',
          '-',
          '-',
          '-',
        ],
      ],
    );
    return { ...streamed, file_mb: round(bytes / MB), in_memory: { load_s: inMemory.load_s, cpu_s: inMemory.cpu_s } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median load time over `reps` loads; memory of the first (held until measured, then dropped). */
async function measure(load: () => Promise<RankingProtocol>, reps: number): Promise<Measured> {
  await settle();
  const before = process.memoryUsage();
  let peak = before.rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const times: number[] = [];
  const cpus: number[] = [];
  let p: RankingProtocol | undefined;
  let memory = before;
  try {
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      p = await load();
      const c = process.cpuUsage(c0);
      times.push((performance.now() - t0) / 1000);
      cpus.push((c.user + c.system) / 1e6);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (r === 0) {
        await settle();
        memory = process.memoryUsage();
      }
    }
  } finally {
    clearInterval(sampler);
  }
  return {
    rows: p?.train.length ?? 0,
    load_s: round(median(times)),
    cpu_s: round(median(cpus)),
    rss_mb: round((memory.rss - before.rss) / MB),
    peak_rss_mb: round((peak - before.rss) / MB),
    heap_mb: round((memory.heapUsed - before.heapUsed) / MB),
    array_buffers_mb: round((memory.arrayBuffers - before.arrayBuffers) / MB),
  };
}

/** Collects garbage until array buffers settle (their backing stores are swept after the GC). */
async function settle(): Promise<void> {
  for (let k = 0; k < 3; k++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function median(xs: number[]): number {
  const sorted = xs.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const round = (x: number) => Math.round(x * 100) / 100;
