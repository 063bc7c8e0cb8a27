// Trains a small model in workers and shows one user's top 5 (Vite: no config). The workers are the
// package's own, or with ?own-workers the app's two-line files (app-train.worker.js, app-rank.worker.js: the
// handlers come from linkrec/worker), which every bundler sees as the app's code.
import { connectCourses } from 'linkrec';

const status = document.querySelector('#status');
const list = document.querySelector('#recommendations');

async function main() {
  const ownWorkers = new URLSearchParams(location.search).has('own-workers');
  const courses = await connectCourses(
    ownWorkers
      ? {
          workers: {
            training: () => new Worker(new URL('./app-train.worker.js', import.meta.url), { type: 'module' }),
            ranking: () => new Worker(new URL('./app-rank.worker.js', import.meta.url), { type: 'module' }),
          },
        }
      : {},
  );
  const ratingsUrl = new URL('ratings.csv', location.href).href;
  const training = courses.train(
    { modelId: 'example-mf', kind: 'mf', config: { dim: 16, epochs: 1 }, data: { ratingsUrl } },
    (p) => (status.textContent = `training: ${p.status}…`),
  );
  const { info } = await training.done;
  const { items } = await courses.rank({
    modelId: 'example-mf',
    version: info.version,
    user: 1,
    k: 5,
    excludeSeen: true,
  });
  list.replaceChildren(
    ...items.map((item) => Object.assign(document.createElement('li'), { textContent: `movie ${item}` })),
  );
  const { ranking } = await courses.backend();
  status.textContent = `done (ranked on ${ranking?.backend})`;
  document.body.dataset.backend = ranking?.backend ?? '';
  document.body.dataset.state = 'done';
}

main().catch((error) => {
  status.textContent = `error: ${error?.name}: ${error?.message}`;
  document.body.dataset.state = 'error';
});
