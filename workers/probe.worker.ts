/** Probe worker: starts a backend and trains the tiny embedding model, reached through comlink. */
import { exposeService } from '../src/rpc/expose';
import { initBackend, type BackendPreference } from '../src/backend';
import { trainTinyEmbedding } from '../src/testing/tiny-embedding';

const probe = {
  init: (backend: BackendPreference) => initBackend(backend),
  trainTiny: (steps: number) => trainTinyEmbedding(steps),
};

/** What `comlink.wrap` gives for this worker. */
export type ProbeWorkerApi = typeof probe;

exposeService(probe);
