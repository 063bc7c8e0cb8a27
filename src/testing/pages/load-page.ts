/**
 * Test-only page of the load test: trains one model in the real training worker (resuming a stored
 * checkpoint when it loads and finds one, as a reloaded tab does), fires storms of concurrent
 * `recommend` calls at the real ranking worker, and checks the stored final model. Two of these pages
 * in one browser context are two tabs of one origin; `?trainer&epochs=N` marks the training one.
 * Driven through `window.loadPage`.
 */
import { connectCourses, IdbModelStore, TrainingLockedError, type RankedItems } from '../../index.ts';
import type { CallOutcome, FinalCheck, LoadPage, StormOptions } from './load-pattern.ts';
import { LOAD_MODEL_ID, loadRequest } from './load-pattern.ts';

const rec = await connectCourses();
const store = await IdbModelStore.open();
const params = new URLSearchParams(location.search);
const epochs = Number(params.get('epochs') ?? 4);
const itemIds = fetchItemIds();

const page: LoadPage = {
  events: [],
  result: null,
  error: null,
  resumedOnLoad: false,
  startTraining,
  storm,
  finalCheck,
};

/** Trains, retrying while the previous page's worker still holds the training lock. */
function startTraining(): void {
  const run = async (): Promise<void> => {
    for (let tries = 0; ; tries++) {
      try {
        page.result = await rec.train(loadRequest(location.origin, epochs), (p) => page.events.push(p)).done;
        return;
      } catch (err) {
        // A reload terminates the old worker; the browser frees its Web Lock a moment later.
        if (!(err instanceof TrainingLockedError) || tries >= 40) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };
  run().catch((err: unknown) => (page.error = `${(err as Error).name}: ${(err as Error).message}`));
}

/** Item ids of the training file: every ranked item must be one of them. */
async function fetchItemIds(): Promise<Set<string>> {
  const text = await (await fetch('/data/movielens-small/ratings.csv')).text();
  const ids = new Set<string>();
  for (const line of text.split('\n').slice(1)) if (line) ids.add(line.split(',')[1]);
  return ids;
}

/** The newest version stored: the checkpoint's while one is (ranking serves it when named), else the finished model's. */
async function newestVersion(): Promise<number> {
  const [finished, checkpoint] = await Promise.all([store.info(LOAD_MODEL_ID), store.checkpointInfo(LOAD_MODEL_ID)]);
  return Math.max(finished?.version ?? 0, checkpoint?.version ?? 0);
}

/** Why `r` is not a valid answer to a request for `requested` (k items, known, distinct, finite, sorted), or undefined. */
function problemOf(r: RankedItems, requested: number, k: number, known: Set<string>): string | undefined {
  if (r.modelId !== LOAD_MODEL_ID || r.version !== requested)
    return `answered ${r.modelId}@${r.version} for v${requested}`;
  if (r.items.length !== k || r.scores.length !== k)
    return `${r.items.length} items, ${r.scores.length} scores for k=${k}`;
  if (new Set(r.items.map(String)).size !== k) return 'repeated items';
  const unknown = r.items.find((item) => !known.has(String(item)));
  if (unknown !== undefined) return `unknown item ${unknown}`;
  for (let i = 0; i < k; i++) {
    if (!Number.isFinite(r.scores[i])) return `score ${i} is ${r.scores[i]}`;
    if (i > 0 && r.scores[i] > r.scores[i - 1]) return `scores not sorted at ${i}`;
  }
  return undefined;
}

async function call(requested: number, user: number, options: StormOptions, known: Set<string>): Promise<CallOutcome> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('no answer'), { name: 'Timeout' })), options.timeoutMs);
  });
  try {
    const r = await Promise.race([
      rec.rank({ modelId: LOAD_MODEL_ID, version: requested, user, k: options.k }),
      timeout,
    ]);
    return {
      ms: performance.now() - t0,
      requested,
      version: r.version,
      problem: problemOf(r, requested, options.k, known),
    };
  } catch (err) {
    return { ms: performance.now() - t0, requested, error: (err as Error).name ?? String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** `options.calls` calls in waves, each naming the newest stored version (or, now and then, the one before). */
async function storm(options: StormOptions): Promise<CallOutcome[]> {
  const known = await itemIds;
  const calls: Promise<CallOutcome>[] = [];
  const perWave = Math.ceil(options.calls / options.waves);
  for (let wave = 0; calls.length < options.calls; wave++) {
    if (wave > 0) await new Promise((r) => setTimeout(r, options.gapMs));
    const newest = await newestVersion();
    for (let i = 0; i < perWave && calls.length < options.calls; i++) {
      const n = calls.length;
      const stale = options.staleEvery > 0 && n % options.staleEvery === 0 && newest > 1;
      calls.push(call(stale ? newest - 1 : newest, 1 + (n % 600), options, known));
    }
  }
  return Promise.all(calls);
}

/** Loads the stored model and checks info against weights, every weight finite, and a ranking of `version`. */
async function finalCheck(version: number): Promise<FinalCheck> {
  const { info, state } = await store.load(LOAD_MODEL_ID);
  const problems: string[] = [];
  let bytes = 0;
  let params = 0;
  for (const [name, t] of Object.entries(state.tensors)) {
    bytes += t.data.byteLength;
    params += t.data.length;
    if (t.dtype === 'float32' && !t.data.every(Number.isFinite)) problems.push(`tensor ${name} has non-finite weights`);
  }
  if (info.bytes !== bytes || info.params !== params)
    problems.push(`info says ${info.bytes} B / ${info.params} params, weights hold ${bytes} / ${params}`);
  if (info.version !== version) problems.push(`stored v${info.version}, training ended at v${version}`);
  if (info.checkpoint) problems.push('the final model is still marked as a checkpoint');
  const ranked = await rec.rank({ modelId: LOAD_MODEL_ID, version, user: 1, k: 10 });
  const problem = problemOf(ranked, version, 10, await itemIds);
  if (problem) problems.push(`final ranking: ${problem}`);
  return { info, problems, items: ranked.items.length };
}

// Only the training tab resumes (a reload keeps its `?trainer`); the other tab just ranks.
if (params.has('trainer') && (await store.checkpointInfo(LOAD_MODEL_ID))) {
  page.resumedOnLoad = true;
  startTraining();
}
Object.assign(window, { loadPage: page });
document.getElementById('status')!.textContent = 'ready';
