import * as Comlink from 'comlink';
import { wrapService } from '../../rpc/expose';
import type { ModelInfo } from '../../store/types';
import type { TalentHit, TalentProgress, TalentSearchForm, TalentService, TalentTrainRequest, TalentTrainResult } from './service';

/**
 * Talks to a {@link TalentService} behind a comlink endpoint (`workers/talent.worker.ts`, or a
 * `MessagePort` in tests).
 * @example
 * const talent = new TalentClient(new Worker(new URL('../workers/talent.worker.ts', import.meta.url), { type: 'module' }));
 * await talent.train({ members: 4000 }, (p) => console.log(p.status));
 * const hits = await talent.search({ title: -1, skills: '', location: 255, minYears: 0, text: 'senior data scientist with Python', pooling: 'mean' });
 */
export class TalentClient {
  private readonly remote: Comlink.Remote<TalentService>;

  constructor(endpoint: Comlink.Endpoint) {
    this.remote = wrapService<TalentService>(endpoint);
  }

  /** Trains in the service; `onProgress` runs on this side. */
  train(req: TalentTrainRequest, onProgress: (p: TalentProgress) => void = () => undefined): Promise<TalentTrainResult> {
    return this.remote.train(req, Comlink.proxy(onProgress));
  }

  /** Stores the trained model on this device (StorageQuotaError when it does not fit). */
  keep(): Promise<ModelInfo> {
    return this.remote.keep();
  }

  /** The stored talent model's info (no weights read), or null when none is stored. */
  stored(): Promise<ModelInfo | null> {
    return this.remote.stored();
  }

  /** Serves the stored model without retraining; ModelNotFoundError when it vanished. */
  restore(): Promise<TalentTrainResult> {
    return this.remote.restore();
  }

  /** The PCA map of the company embeddings in service. */
  companyMap(): Promise<Extract<TalentProgress, { status: 'map' }>> {
    return this.remote.companyMap();
  }

  /** Titles and cities of the trained world. */
  vocab(): Promise<{ titles: string[]; locations: string[] }> {
    return this.remote.vocab();
  }

  /** Ranked members with reasons. */
  search(form: TalentSearchForm): Promise<TalentHit[]> {
    return this.remote.search(form);
  }

  /** Releases the proxy; terminating a worker is the owner's job. */
  dispose(): void {
    this.remote[Comlink.releaseProxy]();
  }
}
