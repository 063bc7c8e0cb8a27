// Demo wiring only: DOM lives in ui/, everything else comes from the library's public API.
import { BaselineClient } from '../src/index';
import { mountBaselinesPanel } from './ui/baselines-panel';
import { showBackend, showBackendError } from './ui/header';
import { mountStorageLine } from './ui/storage-line';
import { initTabs } from './ui/tabs';
import { startModelsTab } from './models';
import { startFeedTab } from './feed';
import { startTalentTab } from './talent';
import { startCoursesTab } from './courses';

const worker = new Worker(new URL('../workers/baselines.worker.ts', import.meta.url), {
  type: 'module',
  name: 'linkrec-baselines',
});
const client = new BaselineClient(worker);
// Served from public/ by this same origin: the data never comes from anywhere else.
const ratingsUrl = new URL(`${import.meta.env.BASE_URL}data/movielens-small/ratings.csv`, location.href).href;

initTabs(document.querySelector<HTMLElement>('[role="tablist"]')!, 'tab-models');

// How much of this origin's quota the stored models use, and a request to keep them (persist()).
mountStorageLine(document.querySelector<HTMLElement>('.app-header')!);

const header = document.getElementById('backend')!;
const backendReady = client.init('auto').then(
  (report) => showBackend(header, report),
  (error: unknown) => showBackendError(header, error),
);

const panel = mountBaselinesPanel(document.getElementById('baselines')!, async () => {
  await backendReady;
  try {
    panel.finish(await client.run({ ratingsUrl }, (p) => panel.progress(p)));
  } catch (error) {
    panel.fail(error);
  }
});

const trainingBackend = document.getElementById('training-backend')!;
void startModelsTab(document.getElementById('models-panel')!, {
  ratingsUrl,
  moviesUrl: new URL(`${import.meta.env.BASE_URL}data/movielens-small/movies.csv`, location.href).href,
  onTrainingBackend(backend) {
    trainingBackend.hidden = false;
    trainingBackend.textContent = `training on ${backend}`;
    trainingBackend.dataset.backend = backend;
  },
});

startFeedTab(document.getElementById('feed-panel')!);
startTalentTab(document.getElementById('talent-panel')!);
// The Courses tab fits its models when first opened, not on every page load.
document.getElementById('tab-courses')!.addEventListener('click', () => void startCoursesTab(document.getElementById('courses-panel')!), { once: true });
