// Demo wiring only: DOM lives in ui/, everything else comes from the library's public API.
import { connectCourses } from '../src/index.ts';
import { mountBaselinesPanel } from './ui/baselines-panel.ts';
import { showBackend, showBackendError } from './ui/header.ts';
import { mountStorageLine } from './ui/storage-line.ts';
import { initTabs } from './ui/tabs.ts';
import { startModelsTab } from './models.ts';
import { startFeedTab } from './feed.ts';
import { startTalentTab } from './talent.ts';
import { startCoursesTab } from './courses.ts';
import { startImport } from './model-import.ts';

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

const header = document.getElementById('backend')!;
const backendReady = courses
  .then((c) => c.baselinesBackend('auto'))
  .then(
    (report) => showBackend(header, report),
    (error: unknown) => showBackendError(header, error),
  );

const panel = mountBaselinesPanel(document.getElementById('baselines')!, async () => {
  await backendReady;
  try {
    panel.finish(await (await courses).baselines({ ratingsUrl }, (p) => panel.progress(p)).done);
  } catch (error) {
    panel.fail(error);
  }
});

const trainingBackend = document.getElementById('training-backend')!;
void startModelsTab(document.getElementById('models-panel')!, courses, {
  ratingsUrl,
  moviesUrl: new URL(`${import.meta.env.BASE_URL}data/movielens-small/movies.csv`, location.href).href,
  onTrainingBackend(backend) {
    trainingBackend.hidden = false;
    trainingBackend.textContent = `training on ${backend}`;
    trainingBackend.dataset.backend = backend;
  },
});

// "Load a model trained elsewhere": read here, stored in the same model store, ranked by the same workers.
startImport(document.getElementById('models-import')!, courses);

void startFeedTab(document.getElementById('feed-panel')!);
void startTalentTab(document.getElementById('talent-panel')!);
