/**
 * The Models tab's controller: trains on MovieLens in the training worker, keeps the model in
 * IndexedDB, ranks in the ranking worker. On load a stored model is used as is (no retraining) and an
 * unfinished checkpoint is resumed.
 */
import { modelKinds } from '../src/courses.ts';
import { loadItemTitles } from '../src/data.ts';
import type { CoursesClient, CourseTrainRequest, ModelInfo } from '../src/index.ts';
import { MODEL_IMPORTED } from './model-import.ts';
import { storageChanged } from './ui/storage-line.ts';
import { mountModelsPanel, type ModelsPanel } from './ui/models-panel.ts';

const LAST_REQUEST = 'linkrec-demo:last-train';
/** Ids of the models this tab trains on MovieLens (`movielens-mf`, …): the only ones it ranks with. */
const MODEL_PREFIX = 'movielens-';

/** Where the demo's data lives (same origin) and what to tell the header. */
export interface ModelsTabOptions {
  ratingsUrl: string;
  moviesUrl: string;
  onTrainingBackend(text: string): void;
}

/** Mounts the panel on the course client's workers, restores or resumes what is stored. */
export async function startModelsTab(
  root: HTMLElement,
  connecting: Promise<CoursesClient>,
  options: ModelsTabOptions,
): Promise<CoursesClient> {
  const client = await connecting;
  const titles = fetch(options.moviesUrl).then((r) => loadItemTitles(r.body!, { file: options.moviesUrl }));
  let cancel: (() => Promise<void>) | null = null;

  const refresh = async (): Promise<ModelInfo[]> => {
    const list = await client.list();
    panel.models(list);
    storageChanged();
    // The store is shared with the other tabs (talent and feed bundles, the Courses tab's course-data
    // models, uploads): this tab ranks only the MovieLens models it trains, never another catalogue.
    return list.filter((m) => m.id.startsWith(MODEL_PREFIX) && (modelKinds() as string[]).includes(m.kind));
  };

  // Several recommends can be in flight (after training, on Enter, on restore): the last one asked for wins.
  let latestRecommend = 0;
  const recommend = async (info: ModelInfo, source: string): Promise<void> => {
    const ticket = ++latestRecommend;
    const user = panel.user();
    const ranked = await client.rank({
      modelId: info.id,
      version: info.version,
      user: /^\d+$/.test(user) ? Number(user) : user,
      k: 10,
      excludeSeen: true,
    });
    const names = await titles;
    const rows = ranked.items.map((id, i) => ({ title: names.get(id) ?? `item ${id}`, score: ranked.scores[i] }));
    if (ticket !== latestRecommend) return;
    panel.recommendations(`Top 10 for user ${user} from ${info.id} v${info.version} (${info.kind}), ${source}.`, rows);
  };

  const train = async (request: CourseTrainRequest): Promise<void> => {
    localStorage.setItem(LAST_REQUEST, JSON.stringify(request));
    panel.training(true);
    const handle = client.train(request, (p) => {
      panel.progress(p);
      if (p.status === 'checkpoint') void refresh();
      if (p.status === 'start' || p.status === 'backend-switch')
        options.onTrainingBackend(p.status === 'start' ? p.backend : p.to);
    });
    cancel = handle.cancel;
    try {
      const result = await handle.done;
      await refresh();
      await recommend(result.info, 'trained just now');
    } catch (error) {
      panel.fail(error);
    } finally {
      cancel = null;
      panel.training(false);
      await refresh();
    }
  };

  const panel: ModelsPanel = mountModelsPanel(root, {
    train() {
      const { kind, epochs, dim, backend } = panel.settings();
      const common = {
        modelId: `${MODEL_PREFIX}${kind}`,
        data: { ratingsUrl: options.ratingsUrl },
        backend,
        checkpointEvery: 20,
        fresh: true,
      };
      // Typed by kind: an option the kind does not have would not compile.
      void train(kind === 'mf' ? { ...common, kind, config: { epochs, dim } } : { ...common, kind });
    },
    cancel: () => void cancel?.(),
    async recommend() {
      const list = await refresh();
      const ready = list.filter((m) => !m.checkpoint).sort((a, b) => b.updatedAt - a.updatedAt)[0];
      if (ready) await recommend(ready, 'from IndexedDB').catch((e) => panel.fail(e));
      else panel.notice('Train a model first.');
    },
    loseDevice: () =>
      void client
        .debugLoseDevice()
        .then((r) =>
          panel.notice(
            r.destroyed
              ? 'WebGPU device destroyed…'
              : `Nothing to reset: training runs on ${r.backend ?? 'no backend'}.`,
          ),
        ),
    async delete(id) {
      await client.delete(id).catch((e) => panel.fail(e));
      await refresh();
    },
  });

  // A model file loaded below ("Load a model trained elsewhere") joins the stored models' table.
  document.addEventListener(MODEL_IMPORTED, () => void refresh());

  const stored = await refresh();
  const pending = stored.find((m) => m.checkpoint);
  const last = localStorage.getItem(LAST_REQUEST);
  if (pending && last && (JSON.parse(last) as CourseTrainRequest).modelId === pending.id) {
    panel.notice(`Found an unfinished training of ${pending.id}; resuming from its checkpoint.`);
    void train({ ...(JSON.parse(last) as CourseTrainRequest), fresh: false });
  } else {
    const ready = stored.filter((m) => !m.checkpoint).sort((a, b) => b.updatedAt - a.updatedAt)[0];
    if (ready) await recommend(ready, 'restored from IndexedDB without retraining').catch((e) => panel.fail(e));
  }
  return client;
}
