/**
 * The Baselines tab's controller: most-popular, item-kNN and every finished MovieLens model stored in
 * this browser, all ranked in the baselines worker on one leave-one-out split with the same sampled
 * negatives, so a learner sees what training bought (and whether a model saw the held-out ratings).
 */
import type { CoursesClient, ModelInfo } from '../src/index.ts';
import { mountBaselinesPanel, type SplitKind } from './ui/baselines-panel.ts';

/** Ids of the models trained on MovieLens here (the Models tab's `movielens-<kind>`, and the split ones). */
const MODEL_PREFIX = 'movielens-';

/** Where the ratings are, and when the baselines worker's backend is up. */
export interface BaselinesTabOptions {
  ratingsUrl: string;
  backendReady: Promise<unknown>;
}

/** Mounts the panel in `root` (inside the tab panel `tabPanel`) and keeps its list of models current. */
export function startBaselinesTab(
  root: HTMLElement,
  tabPanel: HTMLElement,
  connecting: Promise<CoursesClient>,
  { ratingsUrl, backendReady }: BaselinesTabOptions,
): void {
  // Finished models only: a checkpoint is a half-trained model, not what training bought.
  const stored = async (): Promise<ModelInfo[]> =>
    (await (await connecting).list()).filter((m) => m.id.startsWith(MODEL_PREFIX) && !m.checkpoint);
  const refresh = (): Promise<ModelInfo[]> =>
    stored().then(
      (list) => (panel.models(list), list),
      (error: unknown) => (panel.fail(error), []),
    );

  const panel = mountBaselinesPanel(root, {
    async run() {
      await backendReady;
      try {
        const models = (await refresh()).map((m) => ({ modelId: m.id, version: m.version }));
        const client = await connecting;
        panel.finish(await client.compareModels({ ratingsUrl, models }, (p) => panel.progress(p)).done);
      } catch (error) {
        panel.fail(error);
      }
    },
    async trainOnSplit(kind: SplitKind) {
      try {
        const client = await connecting;
        const csv = await client.trainingSplitCsv({ ratingsUrl });
        const data = { csv, file: 'ratings.csv (training split)' };
        const modelId = `${MODEL_PREFIX}${kind}-split`;
        const training = client.train({ modelId, kind, data, fresh: true }, (p) => panel.splitProgress(p));
        panel.splitDone((await training.done).info);
        await refresh();
      } catch (error) {
        panel.splitFail(error);
      }
    },
  });

  // The Models tab trains while this tab is hidden: read the list again whenever it is shown.
  new MutationObserver(() => void (!tabPanel.hidden && refresh())).observe(tabPanel, { attributeFilter: ['hidden'] });
  void refresh();
}
