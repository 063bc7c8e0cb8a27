/**
 * The Courses tab's controller. A small simulated learning world: seed-NCF trains on its relevant
 * watches in the training worker (progress, cancel, checkpoints in IndexedDB; a reload restores the
 * model without retraining); GLMix and the blender fit in this thread on the same world. A dropped
 * MovieLens-format CSV is read and checked here, then trained on in the worker — it never leaves the device.
 */
import {
  BlendModel, coWatchRows, connectRecommender, courseDataFromWorld, currentBackend, describeMember, generateWorld, GlmixModel,
  initBackend, loadInteractions, reasonFor, relevantWatches, type CourseData, type RecommenderClient, type TrainOptions,
} from '../src/index';
import { mountCoursesPanel, type CourseRow, type CoursesPanel } from './ui/courses-panel';
import { describeError } from './ui/dom';

const MODEL_ID = 'courses-ncf';
const UPLOAD_ID = 'courses-ncf-upload';
const NCF_CONFIG = { epochs: 8, batchSize: 256, learningRate: 0.01, neighbours: 20 };

/** Mounts the tab into `root` and starts it. */
export async function startCoursesTab(root: HTMLElement): Promise<void> {
  const world = generateWorld({ seed: 4, members: 600, watchesPerMember: 6 });
  const data = courseDataFromWorld(world);
  const positives = relevantWatches(data);
  const coWatch = coWatchRows(userRows(positives), 20);
  const title = (c: number) => world.courses.title[c];
  const csv = toCsv(positives);
  let client: RecommenderClient | null = null;
  let cancel: (() => Promise<void>) | null = null;
  let blend: BlendModel | null = null;
  let glmix: GlmixModel | null = null;
  let member = 0;

  const show = async (): Promise<void> => {
    panel.history(historyOf(positives, member).map(title));
    if (blend && glmix) {
      const b = await blend.explain(member, { k: 10, excludeSeen: true });
      panel.list('blend', `Weights learned on a validation split: NCF ${blend.learned?.w[0].toFixed(2)}, GLMix ${blend.learned?.w[1].toFixed(2)}.`, rows(b.items, b.scores, title, (i, t) => b.reasons[t].text));
      const g = await glmix.recommend(member, { k: 10, excludeSeen: true });
      panel.list('glmix', 'Global + per-learner + per-course logistic regression.', rows(g.items, g.scores, title, (i) => reasonFor(member, i, 0, userRows(positives), coWatch, glmix!.features, { course: title }).text));
    }
    await showNcf('restored from IndexedDB without retraining').catch((e: unknown) =>
      panel.list('ncf', describeError(e).includes('no model') ? 'No NCF model stored yet: train one.' : describeError(e), []),
    );
  };

  const showNcf = async (source: string): Promise<void> => {
    const c = await ensureClient();
    const info = (await c.models()).find((m) => m.id === MODEL_ID && !m.checkpoint);
    if (!info) throw new Error('no model');
    const r = await c.recommend({ modelId: MODEL_ID, version: info.version, user: member, k: 10, excludeSeen: true });
    const items = Int32Array.from(r.items, Number);
    panel.list('ncf', `${MODEL_ID} v${info.version}, ${source}.`, rows(items, r.scores, title, (i) => reasonFor(member, i, 1, userRows(positives), coWatch, null, { course: title }).text));
  };

  const ensureClient = async (): Promise<RecommenderClient> => {
    client ??= await connectRecommender({
      training: () => new Worker(new URL('../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'linkrec-courses-train' }),
      ranking: () => new Worker(new URL('../workers/rank.worker.ts', import.meta.url), { type: 'module', name: 'linkrec-courses-rank' }),
      heartbeatTimeoutMs: 60_000,
    });
    return client;
  };

  const train = async (request: TrainOptions, onDone: () => Promise<void>): Promise<void> => {
    panel.training(true);
    panel.resetChart();
    panel.status('training', 'Starting the training worker…');
    try {
      const c = await ensureClient();
      const handle = c.train(request, (p) => {
        if (p.status === 'epoch') {
          panel.epoch(p.epoch, p.loss);
          panel.status('training', `Epoch ${p.epoch}/${p.epochs} on ${p.backend}: loss ${p.loss.toFixed(4)}`);
        }
      });
      cancel = handle.cancel;
      const result = await handle.done;
      panel.status('done', `Trained ${request.modelId} in ${result.seconds.toFixed(1)} s on ${result.backend}.`);
      await onDone();
    } catch (error) {
      panel.status('error', describeError(error));
    } finally {
      cancel = null;
      panel.training(false);
    }
  };

  const panel: CoursesPanel = mountCoursesPanel(root, {
    pick: (m) => void ((member = m), show()),
    train: () => void train({ modelId: MODEL_ID, kind: 'ncf', config: NCF_CONFIG, data: { csv, file: 'world-watches.csv' }, backend: 'wasm', checkpointEvery: 10, fresh: true }, () => showNcf('trained just now')),
    cancel: () => void cancel?.(),
    drop: (file) => void upload(file),
  });

  const upload = async (file: File): Promise<void> => {
    try {
      const text = await file.text();
      // Parsed here first, so a malformed file is reported before any training starts.
      const log = await loadInteractions(new Blob([text]), { file: file.name });
      panel.upload('ok', `${file.name}: ${log.length} ratings, ${log.userIds.size} users, ${log.itemIds.size} items. Training NCF on this device…`);
      await train({ modelId: UPLOAD_ID, kind: 'ncf', config: { ...NCF_CONFIG, epochs: 4 }, data: { csv: text, file: file.name }, backend: 'wasm', fresh: true }, async () => {
        const c = await ensureClient();
        const info = (await c.models()).find((m) => m.id === UPLOAD_ID) as { version: number };
        const user = log.userIds.id(0);
        const r = await c.recommend({ modelId: UPLOAD_ID, version: info.version, user, k: 10, excludeSeen: true });
        panel.upload('ok', `Top 10 for user ${user} of ${file.name} (trained here, never uploaded):`, r.items.map((id, t) => ({ title: `item ${id}`, score: r.scores[t], reason: 'learners with similar ratings liked it' })));
      });
    } catch (error) {
      panel.upload('error', `Could not read ${file.name}: ${describeError(error)}`);
    }
  };

  const learners = Array.from({ length: 40 }, (_, m) => m).filter((m) => historyOf(positives, m).length > 0);
  panel.learners(learners.map((m) => ({ id: m, label: `m${m}: ${describeMember(world, m)}` })));
  member = learners[0] ?? 0;
  panel.status('idle', 'Fitting GLMix and the blender in this page…');
  if (!currentBackend()) await initBackend('cpu');
  glmix = new GlmixModel({ rounds: 2 });
  await glmix.fit(data);
  blend = new BlendModel({ ncf: { ...NCF_CONFIG, epochs: 4 }, glmix: { rounds: 2 } });
  blend.setCourseNames(title);
  await blend.fit(data);
  panel.status('idle', 'GLMix and the blender are ready; NCF trains in the worker.');
  await show();
}

function rows(items: Int32Array, scores: Float32Array, title: (item: number) => string, reason: (item: number, t: number) => string): CourseRow[] {
  return Array.from(items, (i, t) => ({ title: title(i), score: scores[t], reason: reason(i, t) }));
}

function historyOf(log: CourseData['log'], member: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < log.length; k++) if (log.users[k] === member) out.push(log.items[k]);
  return out;
}

function userRows(log: CourseData['log']) {
  const n = log.userIds.size;
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < log.length; k++) lists[log.users[k]].push(log.items[k]);
  const indptr = new Int32Array(n + 1);
  const flat: number[] = [];
  lists.forEach((l, u) => (flat.push(...[...new Set(l)].sort((a, b) => a - b)), (indptr[u + 1] = flat.length)));
  return { nRows: n, nCols: log.itemIds.size, indptr, indices: Int32Array.from(flat) };
}

/** The relevant watches as a MovieLens-format CSV (member and course indices as ids). */
function toCsv(log: CourseData['log']): string {
  // One line per (member, course), its latest watch: the loader rejects repeated pairs.
  const latest = new Map<string, number>();
  for (let k = 0; k < log.length; k++) {
    const key = `${log.users[k]},${log.items[k]}`;
    latest.set(key, Math.max(latest.get(key) ?? -Infinity, log.times[k]));
  }
  return ['userId,movieId,rating,timestamp', ...[...latest].map(([pair, t]) => `${pair},1,${t}`)].join('\n');
}
