/**
 * The Courses tab's controller. A small simulated learning world: seed-NCF, GLMix and the blender all
 * train in the training worker (progress, cancel; stored in IndexedDB) and are ranked, with reasons,
 * by the ranking worker; a reload restores them from IndexedDB without retraining. The pipeline
 * diagram reads the stored blender (the state the ranking worker serves) for the current learner. A
 * dropped MovieLens-format file is handled by `courses-upload.ts`; it never leaves the device.
 */
import {
  coursePipelineFigures,
  coWatchRows,
  courseDataFromWorld,
  courseDataToWire,
  relevantWatches,
  type CourseData,
} from '../src/courses.ts';
import { userItemRows } from '../src/data.ts';
import {
  connectCourses,
  IdbModelStore,
  type CoursesClient,
  type CourseTrainRequest,
  type ModelConfigs,
  type ModelInfo,
  type ModelState,
} from '../src/index.ts';
import { describeMember, generateWorld } from '../src/world.ts';
import { startUpload } from './courses-upload.ts';
import { startProfile } from './profile.ts';
import { openCourseProfile } from './profile-source.ts';
import { mountCoursesPanel, type CourseRow, type CoursesPanel } from './ui/courses-panel.ts';
import { evidenceReason, itemEvidence } from './ui/courses-reasons.ts';
import { describeError } from './ui/dom.ts';

const MODEL_ID = 'courses-ncf';
const GLMIX_ID = 'courses-glmix';
const BLEND_ID = 'courses-blend';
const NCF_CONFIG = { epochs: 8, batchSize: 256, learningRate: 0.01, neighbours: 20 };
/** A dropped MovieLens-format file has real timestamps: train as the MovieLens evaluation's best NCF does. */
const UPLOAD_NCF = { ...NCF_CONFIG, epochs: 4, window: 10, causal: true, timeWindowDays: 365 };
const RESTORED = 'restored from IndexedDB without retraining';

/** Mounts the tab into `root` and starts it. */
export async function startCoursesTab(root: HTMLElement): Promise<void> {
  const world = generateWorld({ seed: 4, members: 600, watchesPerMember: 6 });
  const data: CourseData = { ...courseDataFromWorld(world), courseNames: world.courses.title };
  const positives = relevantWatches(data);
  const watchedRows = userItemRows(positives);
  const coWatch = coWatchRows(watchedRows, NCF_CONFIG.neighbours);
  const title = (c: number) => world.courses.title[c];
  const evidence = itemEvidence(watchedRows, coWatch, { people: 'learners', verb: 'watched', name: title });
  const csv = toCsv(positives);
  const seniority = data.members.seniority;
  // Learners of each seniority who watched each course (past the threshold): course × seniority.
  const atLevel = new Int32Array(world.courses.count * data.nSeniority);
  for (let m = 0; m < watchedRows.nRows; m++)
    for (let p = watchedRows.indptr[m]; p < watchedRows.indptr[m + 1]; p++)
      atLevel[watchedRows.indices[p] * data.nSeniority + seniority[m]]++;
  /**
   * GLMix's fallback reason ("Popular with learners at your level in X") states a popularity it does
   * not count: said here with the count itself, so the line is true for this course.
   */
  const checkedReason = (text: string, course: number): string => {
    const fallback = /^Popular with learners at your level in (.+)$/.exec(text);
    if (!fallback) return text;
    const mine = watchedRows.indices
      .subarray(watchedRows.indptr[member], watchedRows.indptr[member + 1])
      .includes(course);
    const others = atLevel[course * data.nSeniority + seniority[member]] - (mine ? 1 : 0);
    return others > 0
      ? `In ${fallback[1]}; watched by ${others} other learner${others === 1 ? '' : 's'} at your seniority`
      : `In ${fallback[1]}; no other learner at your seniority has watched it yet`;
  };
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
  /** How each model id came to be held now: trained in this page (with the time) or restored. */
  const sources = new Map<string, string>();
  const source = (id: string) => sources.get(id) ?? RESTORED;
  let client: CoursesClient | null = null;
  let store: IdbModelStore | null = null;
  /** The stored blender's state, read once per version for the pipeline diagram. */
  let blendState: { version: number; state: ModelState } | null = null;
  let cancel: (() => Promise<void>) | null = null;
  let member = 0;
  // The latest pick wins: an older learner's answers arriving late never overwrite a newer one's.
  let ticket = 0;

  const stored = async (id: string): Promise<ModelInfo | undefined> =>
    (await (await ensureClient()).list()).find((m) => m.id === id && !m.checkpoint);

  const show = async (): Promise<void> => {
    const mine = ++ticket;
    const current = () => mine === ticket;
    const times = new Map<number, number>();
    for (const c of historyOf(positives, member)) times.set(c, (times.get(c) ?? 0) + 1);
    panel.history([...times].map(([c, n]) => (n > 1 ? `${title(c)} (watched ${n} times)` : title(c))));
    // GLMix first: a filled blended list then means both are shown (the e2e test waits on it).
    await showExplained(GLMIX_ID, 'glmix', current, () => 'Global + per-learner + per-course logistic regression. ');
    const top = await showExplained(
      BLEND_ID,
      'blend',
      current,
      (i) =>
        `Weights learned on a validation split: NCF ${num(i.meta?.weightNcf)}, GLMix ${num(i.meta?.weightGlmix)}. `,
    );
    await showPipeline(top, current).catch((e: unknown) => current() && panel.pipeline(null, describeError(e)));
    await showNcf(current).catch((e: unknown) =>
      panel.list(
        'ncf',
        describeError(e).includes('no model') ? 'No NCF model stored yet: train one.' : describeError(e),
        [],
      ),
    );
  };

  /** A course model's top-10 with its reasons, from the ranking worker; the top item and model version. */
  const showExplained = async (
    id: string,
    which: 'glmix' | 'blend',
    current: () => boolean,
    caption: (info: ModelInfo) => string,
  ): Promise<{ info: ModelInfo; top: string } | null> => {
    const info = await stored(id);
    if (!info) {
      panel.list(which, `No ${id} model stored yet.`, []);
      return null;
    }
    const r = await (await ensureClient()).explain({
      modelId: id,
      version: info.version,
      user: `m${member}`,
      k: 10,
      excludeSeen: true,
    });
    if (!current()) return null;
    const items = Int32Array.from(r.indices);
    panel.list(
      which,
      `${caption(info)}${id} v${info.version}, ${source(id)}.`,
      rows(items, r.scores, title, (i, t) => checkedReason(r.reasons[t].text, i)),
    );
    return r.items.length ? { info, top: String(r.items[0]) } : null;
  };

  /** The pipeline's figures for this learner and their top blended course, from the stored blender. */
  const showPipeline = async (
    blend: { info: ModelInfo; top: string } | null,
    current: () => boolean,
  ): Promise<void> => {
    if (!blend) return panel.pipeline(null, `No ${BLEND_ID} model stored yet: its figures appear once it is trained.`);
    if (blendState?.version !== blend.info.version) {
      store ??= await IdbModelStore.open();
      const loaded = await store.load(BLEND_ID);
      blendState = { version: loaded.info.version, state: loaded.state };
    }
    const figures = await coursePipelineFigures(blendState.state, `m${member}`, blend.top);
    if (!current()) return;
    const top = title(Number(blend.top.slice(1)));
    const watched = new Set(historyOf(positives, member)).size;
    panel.pipeline(
      { figures, top, candidates: world.courses.count - watched },
      `For learner m${member} and their top blended course “${top}”: ${BLEND_ID} v${blendState.version}, ${source(BLEND_ID)}.`,
    );
  };

  const showNcf = async (current: () => boolean = () => true): Promise<void> => {
    const c = await ensureClient();
    const info = await stored(MODEL_ID);
    if (!info) throw new Error('no model');
    const r = await c.rank({ modelId: MODEL_ID, version: info.version, user: member, k: 10, excludeSeen: true });
    if (!current()) return;
    const items = Int32Array.from(r.items, Number);
    panel.list(
      'ncf',
      `${MODEL_ID} v${info.version}, ${source(MODEL_ID)}. Why: its co-watch neighbours among your courses, and how many learners watched it.`,
      rows(items, r.scores, title, (i) => evidenceReason(evidence, member, i)),
    );
  };

  const ensureClient = async (): Promise<CoursesClient> => {
    // Its own workers (the package's), apart from the Models tab's: both may train at once.
    client ??= await connectCourses({ heartbeatTimeoutMs: 60_000 });
    return client;
  };

  /** Trains `requests` one after another in the worker, with progress; true when all finished. */
  const train = async (requests: CourseTrainRequest[], onDone?: () => Promise<void>): Promise<boolean> => {
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
        sources.set(request.modelId, `trained in the worker at ${new Date().toLocaleTimeString()}`);
        panel.status('done', `Trained ${request.modelId} in ${result.seconds.toFixed(1)} s on ${result.backend}.`);
      }
      await onDone?.();
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
          await showNcf();
          await profile.modelChanged();
        },
      ),
    trainCourses: () => void train(coursesModels, show),
    cancel: () => void cancel?.(),
  });

  // "Your profile": the person's own history, ranked by the stored seed-NCF (fold-in in the ranking worker).
  const profile = startProfile(panel.profileBox, {
    titles: world.courses.title,
    coWatch,
    model: () => stored(MODEL_ID),
    open: async (info) => openCourseProfile(await ensureClient(), info),
    missing: `No ${MODEL_ID} model is stored on this device yet: press “Retrain NCF in the worker” above to train one, then add the courses you watched.`,
  });

  startUpload(panel.uploadBox, { client: ensureClient, train: (r) => train(r), config: UPLOAD_NCF });

  const learners = Array.from({ length: 40 }, (_, m) => m).filter((m) => historyOf(positives, m).length > 0);
  panel.learners(learners.map((m) => ({ id: m, label: `m${m}: ${describeMember(world, m)}` })));
  member = learners[0] ?? 0;
  // Stored GLMix and blender are ranked as they are; only missing ones train (in the worker).
  const missing: CourseTrainRequest[] = [];
  for (const r of coursesModels) if (!(await stored(r.modelId))) missing.push(r);
  panel.status(
    'idle',
    missing.length
      ? `${missing.map((r) => r.modelId).join(' and ')} not stored on this device yet: training in the worker…`
      : `GLMix and the blender ${RESTORED}.`,
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
