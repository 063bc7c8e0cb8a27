/**
 * The Courses tab's controller. A small simulated learning world: seed-NCF, GLMix and the blender all
 * train in the training worker (progress, cancel; stored in IndexedDB) and are ranked, with reasons,
 * by the ranking worker; a reload restores them from IndexedDB without retraining. A dropped
 * MovieLens-format CSV is read and checked here, then trained on in the worker — it never leaves the device.
 */
import {
  coWatchRows,
  courseDataFromWorld,
  courseDataToWire,
  reasonFor,
  relevantWatches,
  type CourseData,
} from '../src/courses.ts';
import { userItemRows } from '../src/data.ts';
import {
  connectCourses,
  type CoursesClient,
  type CourseTrainRequest,
  type ModelConfigs,
  type ModelInfo,
} from '../src/index.ts';
import { describeMember, generateWorld } from '../src/world.ts';
import { startProfile } from './profile.ts';
import { openCourseProfile } from './profile-source.ts';
import { mountCoursesPanel, type CourseRow, type CoursesPanel } from './ui/courses-panel.ts';
import { describeError } from './ui/dom.ts';
import { readUpload, uploadSummary } from './upload.ts';

const MODEL_ID = 'courses-ncf';
const GLMIX_ID = 'courses-glmix';
const BLEND_ID = 'courses-blend';
const UPLOAD_ID = 'courses-ncf-upload';
const NCF_CONFIG = { epochs: 8, batchSize: 256, learningRate: 0.01, neighbours: 20 };
/** A dropped MovieLens-format file has real timestamps: train as the MovieLens evaluation's best NCF does. */
const UPLOAD_NCF = { ...NCF_CONFIG, epochs: 4, window: 10, causal: true, timeWindowDays: 365 };
const RESTORED = 'restored from IndexedDB without retraining';

/** Mounts the tab into `root` and starts it. */
export async function startCoursesTab(root: HTMLElement): Promise<void> {
  const world = generateWorld({ seed: 4, members: 600, watchesPerMember: 6 });
  const data: CourseData = { ...courseDataFromWorld(world), courseNames: world.courses.title };
  const positives = relevantWatches(data);
  const coWatch = coWatchRows(userItemRows(positives), 20);
  const title = (c: number) => world.courses.title[c];
  const csv = toCsv(positives);
  const courseRequest = <K extends 'glmix' | 'blend'>(
    modelId: string,
    kind: K,
    config: ModelConfigs[K],
  ): CourseTrainRequest =>
    ({
      modelId,
      kind,
      config,
      data: { courses: courseDataToWire(data) },
      backend: 'wasm',
      fresh: true,
    }) as CourseTrainRequest;
  const coursesModels: CourseTrainRequest[] = [
    courseRequest(GLMIX_ID, 'glmix', { rounds: 2 }),
    courseRequest(BLEND_ID, 'blend', { ncf: { ...NCF_CONFIG, epochs: 4 }, glmix: { rounds: 2 } }),
  ];
  const sources = new Map<string, string>();
  let client: CoursesClient | null = null;
  let cancel: (() => Promise<void>) | null = null;
  let member = 0;

  const stored = async (id: string): Promise<ModelInfo | undefined> =>
    (await (await ensureClient()).list()).find((m) => m.id === id && !m.checkpoint);

  const show = async (): Promise<void> => {
    panel.history(historyOf(positives, member).map(title));
    // GLMix first: a filled blended list then means both are shown (the e2e test waits on it).
    await showExplained(GLMIX_ID, 'glmix', () => 'Global + per-learner + per-course logistic regression. ');
    await showExplained(
      BLEND_ID,
      'blend',
      (i) =>
        `Weights learned on a validation split: NCF ${num(i.meta?.weightNcf)}, GLMix ${num(i.meta?.weightGlmix)}. `,
    );
    await showNcf(RESTORED).catch((e: unknown) =>
      panel.list(
        'ncf',
        describeError(e).includes('no model') ? 'No NCF model stored yet: train one.' : describeError(e),
        [],
      ),
    );
  };

  /** A course model's top-10 with its reasons, from the ranking worker. */
  const showExplained = async (
    id: string,
    which: 'glmix' | 'blend',
    caption: (info: ModelInfo) => string,
  ): Promise<void> => {
    const info = await stored(id);
    if (!info) return panel.list(which, `No ${id} model stored yet.`, []);
    const r = await (await ensureClient()).explain({
      modelId: id,
      version: info.version,
      user: `m${member}`,
      k: 10,
      excludeSeen: true,
    });
    const items = Int32Array.from(r.indices);
    panel.list(
      which,
      `${caption(info)}${id} v${info.version}, ${sources.get(id) ?? RESTORED}.`,
      rows(items, r.scores, title, (_, t) => r.reasons[t].text),
    );
  };

  const showNcf = async (source: string): Promise<void> => {
    const c = await ensureClient();
    const info = await stored(MODEL_ID);
    if (!info) throw new Error('no model');
    const r = await c.rank({ modelId: MODEL_ID, version: info.version, user: member, k: 10, excludeSeen: true });
    const items = Int32Array.from(r.items, Number);
    panel.list(
      'ncf',
      `${MODEL_ID} v${info.version}, ${source}.`,
      rows(
        items,
        r.scores,
        title,
        (i) => reasonFor(member, i, 1, userItemRows(positives), coWatch, null, { course: title }).text,
      ),
    );
  };

  const ensureClient = async (): Promise<CoursesClient> => {
    // Its own workers (the package's), apart from the Models tab's: both may train at once.
    client ??= await connectCourses({ heartbeatTimeoutMs: 60_000 });
    return client;
  };

  /** Trains `requests` one after another in the worker, with progress; true when all finished. */
  const train = async (requests: CourseTrainRequest[], onDone: () => Promise<void>): Promise<boolean> => {
    panel.training(true);
    panel.status('training', 'Starting the training worker…');
    try {
      const c = await ensureClient();
      for (const request of requests) {
        panel.resetChart();
        const handle = c.train(request, (p) => {
          if (p.status === 'epoch') {
            panel.epoch(p.epoch, p.loss);
            panel.status(
              'training',
              `${request.modelId}: epoch ${p.epoch}/${p.epochs} on ${p.backend}, loss ${p.loss.toFixed(4)}`,
            );
          }
        });
        cancel = handle.cancel;
        const result = await handle.done;
        sources.set(request.modelId, 'trained in the worker just now');
        panel.status('done', `Trained ${request.modelId} in ${result.seconds.toFixed(1)} s on ${result.backend}.`);
      }
      await onDone();
      return true;
    } catch (error) {
      panel.status('error', describeError(error));
      return false;
    } finally {
      cancel = null;
      panel.training(false);
    }
  };

  const panel: CoursesPanel = mountCoursesPanel(root, {
    pick: (m) => void ((member = m), show()),
    train: () =>
      void train(
        [
          {
            modelId: MODEL_ID,
            kind: 'ncf',
            config: NCF_CONFIG,
            data: { csv, file: 'world-watches.csv' },
            backend: 'wasm',
            checkpointEvery: 10,
            fresh: true,
          },
        ],
        async () => {
          await showNcf('trained just now');
          await profile.modelChanged();
        },
      ),
    trainCourses: () => void train(coursesModels, show),
    cancel: () => void cancel?.(),
    drop: (file) => void upload(file),
  });

  const upload = async (file: File): Promise<void> => {
    // The worker streams the same File through a blob: URL (same origin): the text is never one string.
    let url = '';
    try {
      // Checked here first (size, then every row), so a bad file is reported before any training starts.
      const log = await readUpload(file);
      const summary = uploadSummary(file.name, log);
      panel.upload('ok', `${summary} Training NCF on this device…`);
      url = URL.createObjectURL(file);
      await train(
        [
          {
            modelId: UPLOAD_ID,
            kind: 'ncf',
            config: UPLOAD_NCF,
            data: { ratingsUrl: url },
            backend: 'wasm',
            fresh: true,
          },
        ],
        async () => {
          const c = await ensureClient();
          const info = (await c.list()).find((m) => m.id === UPLOAD_ID) as { version: number };
          const user = log.userIds.id(0);
          const r = await c.rank({ modelId: UPLOAD_ID, version: info.version, user, k: 10, excludeSeen: true });
          panel.upload(
            'ok',
            `${summary} Top 10 for user ${user} (trained here, never uploaded):`,
            r.items.map((id, t) => ({
              title: `item ${id}`,
              score: r.scores[t],
              reason: 'learners with similar ratings liked it',
            })),
          );
        },
      );
    } catch (error) {
      panel.upload('error', `Could not read ${file.name}: ${describeError(error)}`);
    } finally {
      if (url) URL.revokeObjectURL(url);
    }
  };

  // "Your profile": the person's own history, ranked by the stored seed-NCF (fold-in in the ranking worker).
  const profile = startProfile(panel.profileBox, {
    titles: world.courses.title,
    coWatch,
    model: () => stored(MODEL_ID),
    open: async (info) => openCourseProfile(await ensureClient(), info),
    missing: `No ${MODEL_ID} model is stored on this device yet: press “Retrain NCF in the worker” above to train one, then add the courses you watched.`,
  });

  const learners = Array.from({ length: 40 }, (_, m) => m).filter((m) => historyOf(positives, m).length > 0);
  panel.learners(learners.map((m) => ({ id: m, label: `m${m}: ${describeMember(world, m)}` })));
  member = learners[0] ?? 0;
  // Stored GLMix and blender are ranked as they are; only missing ones train (in the worker).
  const missing: CourseTrainRequest[] = [];
  for (const r of coursesModels) if (!(await stored(r.modelId))) missing.push(r);
  panel.status(
    'idle',
    missing.length ? 'GLMix and the blender train in the worker…' : `GLMix and the blender ${RESTORED}.`,
  );
  await show();
  if (missing.length) await train(missing, show);
}

function num(v: unknown): string {
  return typeof v === 'number' ? v.toFixed(2) : '?';
}

function rows(
  items: Int32Array,
  scores: Float32Array,
  title: (item: number) => string,
  reason: (item: number, t: number) => string,
): CourseRow[] {
  return Array.from(items, (i, t) => ({ title: title(i), score: scores[t], reason: reason(i, t) }));
}

function historyOf(log: CourseData['log'], member: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < log.length; k++) if (log.users[k] === member) out.push(log.items[k]);
  return out;
}

/** The relevant watches as a MovieLens-format CSV (member and course indices as ids). */
function toCsv(log: CourseData['log']): string {
  // One line per (member, course), its latest watch (what the loader would keep): a smaller CSV.
  const latest = new Map<string, number>();
  for (let k = 0; k < log.length; k++) {
    const key = `${log.users[k]},${log.items[k]}`;
    latest.set(key, Math.max(latest.get(key) ?? -Infinity, log.times[k]));
  }
  return ['userId,movieId,rating,timestamp', ...[...latest].map(([pair, t]) => `${pair},1,${t}`)].join('\n');
}
