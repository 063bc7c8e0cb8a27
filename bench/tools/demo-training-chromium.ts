/**
 * The demo's default Models-tab training, timed as a user meets it, in headless Chromium (SwiftShader
 * WebGPU, see src/testing/chromium.ts): open the demo in a fresh profile, wait for the header's training
 * backend choice (the measured probe), press Train with the form's defaults, and time click → "done".
 * `npx tsx bench/tools/demo-training-chromium.ts`; the last line is JSON.
 */
import { cpus, loadavg } from 'node:os';
import { openDemo } from '../../src/testing/e2e.ts';

const demo = await openDemo({ width: 1100, height: 900 }, { consoleErrors: true });
const { page } = demo;
try {
  const opened = Date.now();
  const choice = page.locator('#training-choice');
  await page.waitForFunction(
    () => {
      const b = document.querySelector<HTMLElement>('#training-choice')?.dataset.backend;
      return b !== undefined && b !== 'choosing';
    },
    undefined,
    { timeout: 120_000 },
  );
  const choiceSeconds = (Date.now() - opened) / 1000;
  const header = (await choice.innerText()).replace(/\s+/g, ' ');
  await page.click('#tab-models');
  const form = {
    kind: await page.inputValue('#train-kind'),
    epochs: Number(await page.inputValue('#train-epochs')),
    dim: Number(await page.inputValue('#train-dim')),
    backend: await page.inputValue('#train-backend'),
  };
  // Every epoch line the status shows, with its time since the click (samples/s, validation, backend).
  await page.evaluate(() => {
    const el = document.querySelector('#train-status')!;
    const w = window as unknown as { epochLines: string[]; clicked: number };
    w.epochLines = [];
    new MutationObserver(() => {
      const text = el.textContent ?? '';
      if (/^Epoch \d+\/\d+ done/.test(text))
        w.epochLines.push(`${((Date.now() - w.clicked) / 1000).toFixed(1)} s: ${text}`);
    }).observe(el, { childList: true, characterData: true, subtree: true });
  });
  const load = loadavg()[0];
  const clicked = Date.now();
  await page.evaluate(() => void ((window as unknown as { clicked: number }).clicked = Date.now()));
  await page.click('#train');
  const status = page.locator('#train-status');
  await page.waitForFunction(
    () => document.querySelector('#train-status')?.getAttribute('data-status') === 'done',
    undefined,
    {
      timeout: 600_000,
      polling: 250,
    },
  );
  const trainSeconds = (Date.now() - clicked) / 1000;
  const done = await status.innerText();
  const trainedOn = await page.locator('#training-backend').getAttribute('data-backend');
  console.log(`header: ${header}`);
  console.log(`form: ${JSON.stringify(form)}`);
  const epochs = await page.evaluate(() => (window as unknown as { epochLines: string[] }).epochLines);
  console.log(epochs.join('\n'));
  console.log(`status: ${done}`);
  const loadAverage = { atClick: load, atDone: loadavg()[0], cores: cpus().length };
  console.log(
    JSON.stringify({ choiceSeconds, trainSeconds, trainedOn, form, loadAverage, pageErrors: demo.pageErrors }),
  );
} finally {
  await demo.close();
}
