/** Worker handler of talent search. */
import { exposeService } from '../rpc/expose.ts';
import { TalentService } from '../systems/talent/service.ts';
import { idbStore } from './idb-store.ts';

/**
 * Talent search: entity graphs, LINE and two-tower training and ranking (`connectTalent`).
 * @example
 * // talent.worker.ts — the app's own worker file:
 * import { serveTalent } from 'linkrec/worker';
 * serveTalent();
 * // the page:
 * import { connectTalent } from 'linkrec';
 * const client = await connectTalent({
 *   workers: { talent: () => new Worker(new URL('./talent.worker.ts', import.meta.url), { type: 'module' }) },
 * });
 */
export function serveTalent(): void {
  exposeService(new TalentService(idbStore()));
}
