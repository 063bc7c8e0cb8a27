/**
 * The Models tab's controller: trains on MovieLens in the training worker, keeps the models in
 * IndexedDB, ranks in the ranking worker with the model the user picks. A retrain writes its
 * checkpoints beside the finished model, which keeps ranking until the new version is done. On load
 * the stored models are listed straight from IndexedDB (no worker needed), the picked one ranks, and
 * an unfinished training of this tab resumes from its checkpoint with the form showing its settings.
 */
import { loadItemTitles } from '../src/data.ts';
import {
  IdbModelStore,
  type CoursesClient,
  type CourseTrainRequest,
  type ModelInfo,
  type TrainProgress,
} from '../src/index.ts';
import { datasetLabel, modelLabel, movieLensModels } from './models-catalogue.ts';
import { MODEL_IMPORTED } from './model-import.ts';
import { storageChanged } from './ui/storage-line.ts';
import { mountModelsPanel, type ModelsPanel, type TrainSettings } from './ui/models-panel.ts';

const LAST_REQUEST = 'linkrec-demo:last-train';
const PICKED = 'linkrec-demo:rank-model';
/** Ids of the models this tab trains on MovieLens (`movielens-mf`, …). */
const MODEL_PREFIX = 'movielens-';
/** HR@10 after every epoch on 200 users' latest ratings, held out of training (99 sampled negatives). */
const VALIDATION = { users: 200 };

/** Where the demo's data lives (same origin) and what to tell the header. */
export interface ModelsTabOptions {
  ratingsUrl: string;
  moviesUrl: string;
  onTrainingBackend(text: string): void;
}

/** Mounts the panel at once, lists what is stored, then ranks and resumes through the course client's workers. */
export async function startModelsTab(
  root: HTMLElement,
  connecting: Promise<CoursesClient>,
  options: ModelsTabOptions,
): Promise<CoursesClient> {
  const { ratingsUrl } = options;
  const titles = fetch(options.moviesUrl).then((r) => loadItemTitles(r.body!, { file: options.moviesUrl }));
  // The page reads the listing itself: no wait for a worker to start (a reload shows the models at once).
  const pageStore = IdbModelStore.open().catch(() => null);
  const listModels = async (): Promise<ModelInfo[]> => (await pageStore)?.list() ?? (await connecting).list();
  let cancel: (() => Promise<void>) | null = null;
  let offered: ModelInfo[] = [];
  /** The model behind the list on screen, so a delete can say the list is gone. */
  let shown: string | null = null;

  const refresh = async (): Promise<ModelInfo[]> => {
    const list = await listModels();
    panel.models(list);
    storageChanged();
    // The store is shared with the other tabs (talent and feed bundles, uploads, imported files):
    // only models trained on this MovieLens file are offered, so no other catalogue's ids become titles.
    offered = movieLensModels(list, ratingsUrl);
    const saved = localStorage.getItem(PICKED);
    const picked = offered.some((m) => m.id === saved) ? saved : (offered[0]?.id ?? null);
    panel.picker(
      offered.map((m) => ({ id: m.id, label: modelLabel(m, ratingsUrl) })),
      picked,
    );
    return list;
  };
  const pickedModel = (): ModelInfo | undefined => offered.find((m) => m.id === panel.picked());

  // Several recommends can be in flight (after training, on Enter, on restore): the last one asked for wins.
  let latestRecommend = 0;
  const recommend = async (info: ModelInfo, source: string): Promise<void> => {
    const ticket = ++latestRecommend;
    const user = panel.user();
    try {
      const client = await connecting;
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
      shown = info.id;
      panel.recommendations(
        `Top 10 for user ${user} from ${info.id} v${info.version} (${info.kind}, ${datasetLabel(info, ratingsUrl)}), ${source}.`,
        rows,
      );
    } catch (error) {
      if (ticket === latestRecommend) panel.recommendFailed(error);
    }
  };

  const onProgress = (p: TrainProgress): void => {
    panel.progress(p);
    if (p.status === 'checkpoint') void refresh();
    if (p.status === 'start' || p.status === 'backend-switch')
      options.onTrainingBackend(p.status === 'start' ? p.backend : p.to);
  };

  const train = async (request: CourseTrainRequest): Promise<void> => {
    localStorage.setItem(LAST_REQUEST, JSON.stringify(request));
    panel.training(true);
    try {
      const client = await connecting;
      const handle = client.train(request, onProgress);
      cancel = handle.cancel;
      const result = await handle.done;
      // Done: the new version replaces the finished one, so it is what ranks from now on.
      localStorage.setItem(PICKED, result.info.id);
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
        data: { ratingsUrl },
        backend,
        checkpointEvery: 20,
        fresh: true,
        validation: VALIDATION,
      };
      // Typed by kind: an option the kind does not have would not compile.
      void train(kind === 'mf' ? { ...common, kind, config: { epochs, dim } } : { ...common, kind });
    },
    cancel: () => void cancel?.(),
    async recommend() {
      await refresh();
      const info = pickedModel();
      if (info) await recommend(info, 'the model picked above');
      else panel.recommendNotice('No MovieLens model is stored on this device yet: train one first.');
    },
    pick(id) {
      localStorage.setItem(PICKED, id);
      const info = pickedModel();
      if (info) void recommend(info, 'the model picked above');
    },
    loseDevice: () =>
      void connecting
        .then((client) => client.debugLoseDevice())
        .then((r) =>
          panel.notice(
            r.destroyed
              ? 'WebGPU device destroyed…'
              : `Nothing to reset: training runs on ${r.backend ?? 'no backend'}.`,
          ),
        ),
    async delete(id) {
      await (await connecting).delete(id).catch((e: unknown) => panel.recommendFailed(e));
      await refresh();
      if (shown === id) {
        shown = null;
        panel.recommendNotice(`${id} was deleted; pick a model and press Recommend.`);
      }
    },
    dataset: (m) => datasetLabel(m, ratingsUrl),
  });

  // A model file loaded below ("Load a model trained elsewhere") joins the stored models' table.
  document.addEventListener(MODEL_IMPORTED, () => void refresh());

  const stored = await refresh();
  const finished = pickedModel();
  if (finished) {
    panel.recommendNotice(`Ranking with ${finished.id} v${finished.version}, stored on this device…`);
    void recommend(finished, `stored on this device (trained ${new Date(finished.updatedAt).toLocaleString()})`);
  }
  const last = lastRequest();
  const pending = stored.find((m) => m.checkpoint && m.id === last?.modelId);
  if (pending?.checkpoint && last) {
    panel.showSettings(settingsOf(last));
    const { epoch, step } = pending.checkpoint;
    const meanwhile = finished ? ` ${finished.id} v${finished.version} ranks meanwhile.` : '';
    panel.notice(
      `Resuming ${pending.id} from checkpoint ${pending.version} (epoch ${epoch + 1}, step ${step}): the training worker is loading the data.${meanwhile}`,
      'resuming',
    );
    void train({ ...last, fresh: false });
  }
  return connecting;
}

/** The last training this tab started (to resume it after a reload), or null. */
function lastRequest(): CourseTrainRequest | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(LAST_REQUEST) ?? 'null') as CourseTrainRequest | null;
    return parsed && typeof parsed.modelId === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** The form's values for `request`: what the resumed run really uses, not the defaults. */
function settingsOf(request: CourseTrainRequest): Partial<TrainSettings> {
  const config = (request.config ?? {}) as { epochs?: number; dim?: number };
  const settings: Partial<TrainSettings> = { kind: request.kind as TrainSettings['kind'] };
  if (request.backend) settings.backend = request.backend;
  if (config.epochs !== undefined) settings.epochs = config.epochs;
  if (config.dim !== undefined) settings.dim = config.dim;
  return settings;
}
