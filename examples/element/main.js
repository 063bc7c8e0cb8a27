// <linkrec-recommendations> with Vite (no config): the page trains a small model once, then the element
// (given the page's client, so both share one pair of workers) shows user 1's top 5.
import { connectCourses } from 'linkrec';
import { defineRecommendationsElement } from 'linkrec/element';

const status = document.querySelector('#status');
const element = document.querySelector('linkrec-recommendations');

async function main() {
  defineRecommendationsElement();
  const courses = await connectCourses();
  const ratingsUrl = new URL('ratings.csv', location.href).href;
  const training = courses.train(
    { modelId: 'example-mf', kind: 'mf', config: { dim: 16, epochs: 1 }, data: { ratingsUrl } },
    (p) => (status.textContent = `training: ${p.status}…`),
  );
  await training.done;
  element.titles = (id) => `movie ${id}`;
  element.addEventListener('linkrec-ranked', async () => {
    const { ranking } = await courses.backend();
    status.textContent = `done (ranked on ${ranking?.backend})`;
    document.body.dataset.backend = ranking?.backend ?? '';
    document.body.dataset.state = 'done';
  });
  element.addEventListener('linkrec-error', (e) => fail(e.detail));
  element.source = courses; // ranks now that the model is stored
}

function fail(error) {
  status.textContent = `error: ${error?.name}: ${error?.message}`;
  document.body.dataset.state = 'error';
}

main().catch(fail);
