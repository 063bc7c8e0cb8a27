/**
 * Writes the shipped-model fixture the ship tests load: a tiny MF trained on the checkerboard log,
 * exported with `modelStateToSafetensors` to `public/models/mf-tiny.safetensors` (served by the dev
 * server and the browser tests), and its sha256 into `shipped-model.ts`. Run: `npx tsx src/testing/make-shipped-model.ts`.
 */
import { writeFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { initBackend } from '../backend/index.ts';
import { modelStateToSafetensors } from '../interop/model-file.ts';
import { createModel } from '../models/registry.ts';
import { checkerboardFixture } from './recommender-fixtures.ts';

await initBackend('cpu');
const { log } = checkerboardFixture();
const model = createModel('mf', { dim: 4, epochs: 3, batchSize: 16, seed: 7 });
await model.fit(log);
const bytes = modelStateToSafetensors(await model.toState());
model.dispose();
const file = new URL('../../public/models/mf-tiny.safetensors', import.meta.url);
writeFileSync(file, bytes);
const fixture = `/** The shipped-model fixture (written by \`make-shipped-model.ts\`): a tiny MF as a linkrec model file. */
export const SHIPPED_MF = {
  /** Where the dev server (and the browser tests) serve it. */
  url: '/models/mf-tiny.safetensors',
  sha256: '${bytesToHex(sha256(bytes))}',
  bytes: ${bytes.length},
} as const;
`;
writeFileSync(new URL('./shipped-model.ts', import.meta.url), fixture);
console.log(`${file.pathname}: ${bytes.length} bytes, sha256 ${bytesToHex(sha256(bytes))}`);
