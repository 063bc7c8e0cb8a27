// Demo wiring only: DOM lives in ui/, everything else comes from the library's public API.
import { connectCourses } from '../src/index.ts';
import { startBaselinesTab } from './baselines.ts';
import { mountHeader } from './ui/header.ts';
import { mountStorageLine } from './ui/storage-line.ts';
import { initTabs } from './ui/tabs.ts';
import { startModelsTab } from './models.ts';
import { startFeedTab } from './feed.ts';
import { startTalentTab } from './talent.ts';
import { startCoursesTab } from './courses.ts';
import { startImport } from './model-import.ts';
// A build's service worker: the demo keeps working offline (a call, not a bare import: package.json's
// "sideEffects" lets the bundler drop the body of a module nobody uses).
void import('./offline.ts').then((m) => m.keepOffline(document.querySelector<HTMLElement>('.app-header')!));

// One course client (the package's own training, ranking and baselines workers) for the header,
// the baselines panel and the Models tab. Software GPUs (SwiftShader) compile WebGL shaders
// synchronously for many seconds after a backend switch; only a minute of silence means the
// training worker is gone.
const courses = connectCourses({ heartbeatTimeoutMs: 60_000 });
// Served from public/ by this same origin: the data never comes from anywhere else.
const ratingsUrl = new URL(`${import.meta.env.BASE_URL}data/movielens-small/ratings.csv`, location.href).href;

// The Courses tab fits its models when first opened (by click or keyboard), not on every page load.
let coursesStarted = false;
initTabs(document.querySelector<HTMLElement>('[role="tablist"]')!, 'tab-models', (tabId) => {
  if (tabId !== 'tab-courses' || coursesStarted) return;
  coursesStarted = true;
  void startCoursesTab(document.getElementById('courses-panel')!);
});

// How much of this origin's quota the stored models use, and a request to keep them (persist()).
mountStorageLine(document.querySelector<HTMLElement>('.app-header')!);

// The header: which backend evaluates, ranks and trains, each line true as the workers report.
const header = mountHeader(
  {
    evaluation: document.getElementById('backend')!,
    ranking: document.getElementById('ranking-backend')!,
    choice: document.getElementById('training-choice')!,
    latest: document.getElementById('training-backend')!,
  },
  { remeasure: () => void chooseTrainingBackend(true) },
);
const backendReady = courses
  .then((c) => c.baselinesBackend('auto'))
  .then(
    (report) => header.evaluation(report),
    (error: unknown) => header.evaluationFailed(error),
  );
// Training's 'auto' backend: the training worker's measured probe (cached per device), shown with why.
function chooseTrainingBackend(remeasure: boolean): Promise<void> {
  header.choosing(remeasure);
  return courses
    .then((c) => c.trainingBackend('auto', { remeasure }))
    .then(
      (report) => header.training(report),
      (error: unknown) => header.trainingFailed(error),
    );
}
// The ranking worker warms its backend when it starts; ask until it has one.
void (async () => {
  const client = await courses;
  for (let tries = 0; tries < 120; tries++) {
    const { ranking } = await client.backend();
    header.ranking(ranking);
    if (ranking) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
})().catch((error: unknown) => header.rankingFailed(error));

// Baselines, and every finished MovieLens model stored here, ranked on one split in the baselines worker.
startBaselinesTab(document.getElementById('baselines')!, document.getElementById('panel-baselines')!, courses, {
  ratingsUrl,
  backendReady,
});

const modelsTab = startModelsTab(document.getElementById('models-panel')!, courses, {
  ratingsUrl,
  moviesUrl: new URL(`${import.meta.env.BASE_URL}data/movielens-small/movies.csv`, location.href).href,
  onTrainingBackend: (backend) => header.latestTraining(backend),
});
// Only once the Models tab has shown (or resumed) what is stored: the probe never delays that.
void modelsTab.catch(() => undefined).then(() => chooseTrainingBackend(false));

// "Load a model trained elsewhere": read here, stored in the same model store, ranked by the same workers.
startImport(document.getElementById('models-import')!, courses);

void startFeedTab(document.getElementById('feed-panel')!);
void startTalentTab(document.getElementById('talent-panel')!);
