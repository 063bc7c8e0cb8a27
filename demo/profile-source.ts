/**
 * The library's per-person profile (`openProfile`), seen as the "Your profile" panel needs it: course
 * ids in and out, the model's own reasons where it gives them, change events from other tabs only
 * (this tab re-ranks after its own changes itself).
 */
import { openProfile, type CoursesClient, type ModelInfo } from '../src/index.ts';
import type { ProfileHandle, ProfileRanking } from './profile.ts';

/** Kinds whose ranking worker gives a reason per item for a history (`explainFor`). */
const EXPLAINED_KINDS = new Set(['blend', 'glmix']);

/** Opens the person `person`'s profile for the stored model `info`, through `client`'s ranking worker. */
export async function openCourseProfile(client: CoursesClient, info: ModelInfo, person = 'me'): Promise<ProfileHandle> {
  const profile = await openProfile(client, { modelId: info.id, version: info.version, person });
  const explained = EXPLAINED_KINDS.has(info.kind);
  return {
    history: async () => (await profile.history()).map((i) => Number(i.item)),
    add: async (course) => void (await profile.add({ item: course })),
    forget: async (course) => void (await profile.forget(course)),
    forgetAll: async () => void (await profile.forgetAll()),
    async recommend(k): Promise<ProfileRanking> {
      const explainedRanking = explained ? await profile.explain({ k }) : null;
      const r = explainedRanking ?? (await profile.recommend({ k }));
      return {
        items: r.items.map(Number),
        scores: r.scores,
        reasons: explainedRanking?.reasons.map((x) => x.text),
        unknown: r.unknown.map(Number),
        method: r.folded?.method,
        iterations: r.folded?.iterations,
      };
    },
    onChange: (listener) => profile.onChange((change) => change.origin === 'remote' && listener()),
    dispose: () => profile.dispose(),
  };
}
