/** Probe worker: starts a backend and trains the tiny embedding model, reached through comlink. */
import { exposeService } from '../../rpc/expose.ts';
import { initBackend, type BackendPreference } from '../../backend/index.ts';
import { trainTinyEmbedding } from '../tiny-embedding.ts';

const probe = {
  init: (backend: BackendPreference) => initBackend(backend),
  trainTiny: (steps: number) => trainTinyEmbedding(steps),
};

/** What `comlink.wrap` gives for this worker. */
export type ProbeWorkerApi = typeof probe;

exposeService(probe);
