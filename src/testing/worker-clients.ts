/** Browser tests: clients on the real training and ranking workers, closed by `closeAll`. */
import { connectRecommender, type RecommenderClient } from '../rpc/client';

const open: RecommenderClient[] = [];

/** A client with its own dedicated training and ranking module workers. */
export async function connectWorkers(): Promise<RecommenderClient> {
  const client = await connectRecommender({
    training: () => new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module' }),
    ranking: () => new Worker(new URL('../../workers/rank.worker.ts', import.meta.url), { type: 'module' }),
  });
  open.push(client);
  return client;
}

/** Closes every client `connectWorkers` opened (call in `afterEach`). */
export function closeAll(): void {
  open.splice(0).forEach((c) => c.close());
}
