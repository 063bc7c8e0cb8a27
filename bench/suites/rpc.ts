/**
 * `npm run bench -- rpc [--backends default,webgpu,cpu] [--calls 1000] [--loads 5] [--dev]`: in real
 * Chromium (playwright-core) on a production build of the bench page (`--dev`: the Vite dev server,
 * unbundled, much slower to load), for each ranking-worker backend:
 *  - the comlink round trip of `recommend` (p50/p99 over `--calls` sequential calls, a small stored
 *    model; and over 100 calls of the large one);
 *  - the time from page load (navigation start) to the first ranking of a stored ~1M-parameter MF:
 *    page script, ranking worker start, backend start, IndexedDB read, rehydration, ranking.
 * Returns `{"rpc":{"recommend_ms":{p50,p99},"first_ranking_ms","params","backend"}}` for the first
 * backend listed ('default' = what `connectCourses` picks), every backend under `"by_backend"`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { CourseTrainRequest } from '../../src/rpc/protocol.ts';
import { launchChromium, repoRoot, startDevServer } from '../../src/testing/e2e.ts';
import type { BenchBackend, FirstRanking, RpcBench } from '../../src/testing/pages/rpc-bench-types.ts';
import { checkerboardCsv } from '../../src/testing/rpc-fixtures.ts';
import { flag, printTable } from '../table.ts';

type BenchWindow = Window & { rpcBench: RpcBench; firstRanking?: FirstRanking | { error: string } };
type Quantiles = { p50: number; p99: number };

interface Row {
  backend: string;
  small: Quantiles;
  large: Quantiles;
  first: { median: number; min: number; max: number; script: number };
}

const SMALL: CourseTrainRequest = {
  modelId: 'bench-small',
  kind: 'mf',
  config: { dim: 8, epochs: 2, batchSize: 64, seed: 1 },
  data: { csv: checkerboardCsv(), file: 'checkerboard.csv' },
  backend: 'wasm',
};

/** Round trips timed on the large model (WebGPU takes ~0.5 s each on SwiftShader). */
const LARGE_CALLS = 100;

/** MovieLens small: (671 users + 9,066 items) × (102 + 1 bias) ≈ 1.0M parameters. */
const large = (origin: string): CourseTrainRequest => ({
  modelId: 'bench-large',
  kind: 'mf',
  config: { dim: 102, epochs: 1, batchSize: 4096, negatives: 1, seed: 1 },
  data: { ratingsUrl: `${origin}/data/movielens-small/ratings.csv` },
  backend: 'wasm',
});

export async function run(args: string[]): Promise<unknown> {
  const backends = (flag(args, '--backends') ?? 'default,webgpu,cpu').split(',') as BenchBackend[];
  const calls = Number(flag(args, '--calls') ?? 1000);
  const loads = Number(flag(args, '--loads') ?? 5);
  const [server, browser] = await Promise.all([args.includes('--dev') ? devServer() : builtServer(), launchChromium()]);
  try {
    const page = await (await browser.newContext()).newPage();
    await open(page, `${server.origin}/rpc-bench.html`);
    // As JSON: playwright's argument types do not terminate on the recursive Json type.
    const requests = JSON.stringify([SMALL, large(server.origin)]);
    const store = (json: string) => (window as unknown as BenchWindow).rpcBench.store(JSON.parse(json));
    const [small, big] = await page.evaluate(store, requests);
    const rows: Row[] = [];
    for (const backend of backends) {
      await open(page, `${server.origin}/rpc-bench.html`);
      const latency = (id: string, version: number, n: number) =>
        page.evaluate(([i, v, c, b]) => (window as unknown as BenchWindow).rpcBench.latency(i, v, c, b), [
          id,
          version,
          n,
          backend,
        ] as const);
      const firstUrl = `${server.origin}/rpc-bench.html?first=${big.id}&version=${big.version}&backend=${backend}`;
      const s = await latency(small.id, small.version, calls);
      const l = await latency(big.id, big.version, LARGE_CALLS);
      const first = await firstRankings(page, firstUrl, loads);
      rows.push({ backend: `${backend} → ${s.backend}`, small: quantiles(s.ms), large: quantiles(l.ms), first });
    }
    report(rows, { calls, loads, smallParams: small.params, largeParams: big.params, largeBytes: big.bytes });
    const main = rows[0];
    return {
      rpc: {
        recommend_ms: main.small,
        first_ranking_ms: round(main.first.median),
        params: big.params,
        backend: main.backend.split(' → ')[1],
        by_backend: Object.fromEntries(rows.map((r) => [r.backend, byBackend(r)])),
      },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

function byBackend(r: Row): unknown {
  return { recommend_ms: r.small, recommend_large_ms: r.large, first_ranking_ms: round(r.first.median) };
}

function report(
  rows: Row[],
  n: { calls: number; loads: number; smallParams: number; largeParams: number; largeBytes: number },
): void {
  const f = (x: number, d = 2) => x.toFixed(d);
  printTable(
    [
      'ranking backend',
      'small p50 ms',
      'small p99 ms',
      '1M p50 ms',
      '1M p99 ms',
      'first ranking ms',
      'min',
      'max',
      'page script ms',
    ],
    rows.map((r) => [
      r.backend,
      ...[r.small.p50, r.small.p99, r.large.p50, r.large.p99].map((x) => f(x)),
      ...[r.first.median, r.first.min, r.first.max, r.first.script].map((x) => f(x, 0)),
    ]),
  );
  console.log(
    `small model ${n.smallParams} params, ${n.calls} calls; large model ${n.largeParams} params ` +
      `(${(n.largeBytes / 2 ** 20).toFixed(1)} MiB), ${LARGE_CALLS} calls; first ranking: median of ${n.loads} page loads (warm HTTP cache)`,
  );
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#status', { hasText: 'ready' }).waitFor({ timeout: 120_000 });
}

/** Loads the page `loads` times (same IndexedDB) and times the first ranking of each. */
async function firstRankings(page: Page, url: string, loads: number): Promise<Row['first']> {
  const ms: number[] = [];
  const script: number[] = [];
  for (let i = 0; i < loads; i++) {
    await open(page, url);
    const first = await page.evaluate(() => (window as unknown as BenchWindow).firstRanking);
    if (!first || 'error' in first) throw new Error(`first ranking failed: ${JSON.stringify(first)}`);
    ms.push(first.ms);
    script.push(first.scriptStart);
  }
  return { median: quantile(ms, 0.5), min: Math.min(...ms), max: Math.max(...ms), script: quantile(script, 0.5) };
}

interface Served {
  origin: string;
  close(): Promise<void>;
}

async function devServer(): Promise<Served> {
  const dev = await startDevServer('src/testing/pages');
  return { origin: dev.origin, close: () => dev.close() };
}

/** `vite build` of the bench page into a temporary folder, served by `vite preview`. */
async function builtServer(): Promise<Served> {
  const outDir = await mkdtemp(join(tmpdir(), 'linkrec-rpc-bench-'));
  const root = join(repoRoot, 'src/testing/pages');
  const common = { configFile: join(repoRoot, 'vite.config.ts'), root, publicDir: join(repoRoot, 'public') };
  const input = join(root, 'rpc-bench.html');
  // Quiet: the bundler's own timing notes would drown the table.
  await build({ ...common, logLevel: 'error', build: { outDir, emptyOutDir: true, rollupOptions: { input } } });
  const server = await preview({
    ...common,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

function quantiles(ms: number[]): Quantiles {
  return { p50: round(quantile(ms, 0.5)), p99: round(quantile(ms, 0.99)) };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
