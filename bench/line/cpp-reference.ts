/**
 * The reference C++ LINE tool (tangjianpku/LINE, `linux/line.cpp`) built and timed on the same graph,
 * so `npm run bench -- talent` prints its samples/s beside ours from one window of this machine.
 *
 * Source: `$LINE_CPP_SRC` (a path to `line.cpp`), else `/tmp/line-cpp/line.cpp`, else a shallow git clone
 * of the repository into `/tmp/line-cpp` (needs the network). Build: `g++ -O3 -march=native
 * -funroll-loops -ffast-math -pthread … -lgsl -lgslcblas -lm` (needs GSL's headers: Debian's `libgsl-dev`).
 * Without a compiler, GSL or the source, {@link cppLineSpeed} returns `{ skipped: why }`: no test needs it.
 *
 * The copy that is built prints one more line: the training phase's wall time (the tool itself prints
 * only `clock()`, the process's CPU time, which is the per-CPU-second figure). The edge list is our
 * graph's arcs as the tool wants them, `u v w` per directed arc (both directions of an undirected edge).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { buildLineTables, type LineGraph } from '../../src/models/line/tables.ts';

const DIR = '/tmp/line-cpp';
const FLAGS = ['-O3', '-march=native', '-funroll-loops', '-ffast-math', '-pthread'];

/** One run of the C++ tool. */
export interface CppLineRun {
  order: 1 | 2;
  threads: number;
  samples: number;
  /** Training phase only (tables and output excluded), wall clock. */
  seconds: number;
  /** CPU seconds of the training phase, all threads (`clock()`, what the tool prints as "Total time"). */
  cpuSeconds: number;
  samplesPerSec: number;
  samplesPerCpuSec: number;
}

/** Where the source is, or null. */
function findSource(): string | null {
  const env = process.env.LINE_CPP_SRC;
  if (env && existsSync(env)) return env;
  const local = `${DIR}/line.cpp`;
  if (existsSync(local)) return local;
  const clone = spawnSync('git', ['clone', '--depth', '1', 'https://github.com/tangjianpku/LINE', `${DIR}/repo`], {
    stdio: 'ignore',
    timeout: 60_000,
  });
  const cloned = `${DIR}/repo/linux/line.cpp`;
  return clone.status === 0 && existsSync(cloned) ? cloned : null;
}

/** Builds the tool into /tmp (once per source); returns the binary's path or why it could not. */
export function buildCppLine(): { binary: string } | { skipped: string } {
  mkdirSync(DIR, { recursive: true });
  const src = findSource();
  if (!src) return { skipped: 'no line.cpp (set LINE_CPP_SRC, or allow a git clone of tangjianpku/LINE)' };
  if (!existsSync('/usr/include/gsl/gsl_rng.h')) return { skipped: 'GSL headers missing (apt-get install libgsl-dev)' };
  // Time the training phase by the wall clock too: two lines added around the tool's own clock() calls.
  const patched = readFileSync(src, 'utf8')
    .replace('#include <pthread.h>', '#include <pthread.h>\n#include <sys/time.h>')
    .replace('clock_t start = clock();', 'clock_t start = clock(); struct timeval w0, w1; gettimeofday(&w0, NULL);')
    .replace(
      'clock_t finish = clock();',
      'clock_t finish = clock(); gettimeofday(&w1, NULL); printf("Wall time: %lf\\n", (w1.tv_sec - w0.tv_sec) + (w1.tv_usec - w0.tv_usec) / 1e6);',
    );
  if (!patched.includes('Wall time')) return { skipped: `${src} is not the expected line.cpp` };
  const file = `${DIR}/line-timed.cpp`;
  const binary = `${DIR}/line`;
  writeFileSync(file, patched);
  try {
    execFileSync('g++', [...FLAGS, file, '-o', binary, '-lgsl', '-lgslcblas', '-lm'], { stdio: 'pipe' });
  } catch (e) {
    return { skipped: `g++ failed: ${String((e as { stderr?: Buffer }).stderr ?? e).slice(0, 300)}` };
  }
  return { binary };
}

/** Writes `graph`'s arcs as the tool's `u v w` lines; returns the path. */
export function writeEdgeList(graph: LineGraph, name: string): string {
  const t = buildLineTables(graph);
  const lines: string[] = [];
  for (let a = 0; a < t.arcSrc.length; a++) lines.push(`${t.arcSrc[a]} ${t.arcDst[a]} ${t.arcWeight[a]}`);
  const path = `${DIR}/${name}.txt`;
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/**
 * Runs the built tool: `millions` M samples of one order at 64-d, K = 5, on `threads` threads.
 * The tool's own 1e8-cell negative table and output are outside the timed phase.
 */
export function runCppLine(binary: string, edges: string, order: 1 | 2, millions: number, threads: number): CppLineRun {
  const out = execFileSync(
    binary,
    [
      '-train',
      edges,
      '-output',
      `${DIR}/vec-${order}.txt`,
      '-size',
      '64',
      '-order',
      String(order),
      '-negative',
      '5',
      '-samples',
      String(millions),
      '-threads',
      String(threads),
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const cpuSeconds = Number(/Total time: ([\d.]+)/.exec(out)?.[1]);
  const seconds = Number(/Wall time: ([\d.]+)/.exec(out)?.[1]);
  const samples = millions * 1e6;
  return {
    order,
    threads,
    samples,
    seconds,
    cpuSeconds,
    samplesPerSec: samples / seconds,
    samplesPerCpuSec: samples / cpuSeconds,
  };
}
