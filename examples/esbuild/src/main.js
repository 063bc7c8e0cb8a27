// Trains a small model in the app's own workers and shows one user's top 5 (esbuild).
// esbuild bundles neither `new Worker(new URL(…))` nor `new URL(…)` assets, so this app builds its
// own two-line workers as extra entry points and copies the wasm binaries beside them (build.mjs),
// then says where both are: the `workers` factories and the `wasmPaths` option.
import { connectCourses } from 'linkrec';

const status = document.querySelector('#status');
const list = document.querySelector('#recommendations');

async function main() {
  const courses = await connectCourses({
    workers: {
      training: () => new Worker(new URL('./train.worker.js', import.meta.url), { type: 'module' }),
      ranking: () => new Worker(new URL('./rank.worker.js', import.meta.url), { type: 'module' }),
    },
    wasmPaths: new URL('./wasm/', import.meta.url).href,
  });
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
