// Trains a small model in the package's own workers and shows one user's top 5 (webpack 5: default config).
import { connectCourses } from 'linkrec';

const status = document.querySelector('#status');
const list = document.querySelector('#recommendations');

async function main() {
  const courses = await connectCourses();
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
