import * as Comlink from 'comlink';
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
    this.remote = Comlink.wrap<TalentService>(endpoint);
  }

  /** Trains in the service; `onProgress` runs on this side. */
  train(req: TalentTrainRequest, onProgress: (p: TalentProgress) => void = () => undefined): Promise<TalentTrainResult> {
    return this.remote.train(req, Comlink.proxy(onProgress));
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
