/**
 * Bench page of `npm run bench -- rpc`. With `?first=<id>&version=<v>&backend=<b>` it asks the ranking
 * worker for one ranking as soon as it loads and records when the answer came (ms since navigation
 * start); otherwise it offers `window.rpcBench` to store the models and time round trips.
 */
import { connectCourses, type CoursesClient } from '../../rpc/client.ts';
import type { BenchBackend, FirstRanking, RpcBench } from './rpc-bench-types.ts';

const params = new URLSearchParams(location.search);
const scriptStart = performance.now();

/** A client whose ranking worker runs `backend` ('default': the client's default). */
function connect(backend: BenchBackend): Promise<CoursesClient> {
  return connectCourses(backend === 'default' ? {} : { rankingBackend: backend });
}

async function firstRanking(modelId: string, version: number, backend: BenchBackend): Promise<FirstRanking> {
  const rec = await connect(backend);
  const ranked = await rec.rank({ modelId, version, user: 1, k: 10 });
  const ms = performance.now();
  const running = (await rec.backend()).ranking?.backend ?? null;
  return { ms, scriptStart, items: ranked.items.length, backend: running };
}

const bench: RpcBench = {
  async store(requests) {
    const rec = await connect('cpu');
    const out = [];
    for (const request of requests) out.push((await rec.train(request).done).info);
    rec.dispose();
    return out;
  },
  async latency(modelId, version, calls, backend) {
    const rec = await connect(backend);
    const users = [1, 2, 3, 4, 5, 6, 7, 8];
    await rec.rank({ modelId, version, user: 1, k: 10 }); // rehydrates; not timed
    const ms: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t0 = performance.now();
      await rec.rank({ modelId, version, user: users[i % users.length], k: 10 });
      ms.push(performance.now() - t0);
    }
    const running = (await rec.backend()).ranking?.backend ?? null;
    rec.dispose();
    return { ms, backend: running };
  },
};

const first = params.get('first');
if (first) {
  const result = firstRanking(
    first,
    Number(params.get('version')),
    (params.get('backend') ?? 'default') as BenchBackend,
  );
  Object.assign(window, { firstRanking: await result.catch((e: unknown) => ({ error: String(e) })) });
}
Object.assign(window, { rpcBench: bench });
document.getElementById('status')!.textContent = 'ready';
