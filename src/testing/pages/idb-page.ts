/**
 * Test-only page: saves and loads a model-sized Float32Array with idb exactly as a model store will
 * (separate `modelInfo` and `weights` stores, one `readwrite` transaction, `durability: 'strict'`).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { fnv1a, weightPattern, type IdbProbe, type ProbeModelInfo } from './idb-pattern.ts';

interface ProbeDB extends DBSchema {
  modelInfo: { key: string; value: ProbeModelInfo };
  weights: { key: string; value: { id: string; data: ArrayBuffer } };
}

const MODEL_ID = 'probe-model';

function open(): Promise<IDBPDatabase<ProbeDB>> {
  return openDB<ProbeDB>('linkrec-e2e-probe', 1, {
    upgrade(db) {
      db.createObjectStore('modelInfo', { keyPath: 'id' });
      db.createObjectStore('weights', { keyPath: 'id' });
    },
  });
}

async function write(length: number, seed: number): Promise<ProbeModelInfo> {
  // Bytes are ready before the transaction opens: an await inside it would let it auto-commit.
  const data = weightPattern(length, seed).buffer as ArrayBuffer;
  const info: ProbeModelInfo = { id: MODEL_ID, version: 1, dtype: 'float32', length, seed, hash: fnv1a(data) };
  const db = await open();
  const tx = db.transaction(['modelInfo', 'weights'], 'readwrite', { durability: 'strict' });
  await Promise.all([
    tx.objectStore('modelInfo').put(info),
    tx.objectStore('weights').put({ id: MODEL_ID, data }),
    tx.done,
  ]);
  db.close();
  return info;
}

async function read(): Promise<Awaited<ReturnType<IdbProbe['read']>>> {
  const db = await open();
  const tx = db.transaction(['modelInfo', 'weights'], 'readonly');
  const [info, weights] = await Promise.all([
    tx.objectStore('modelInfo').get(MODEL_ID),
    tx.objectStore('weights').get(MODEL_ID),
    tx.done,
  ]);
  db.close();
  if (!info || !weights) return null;
  const got = new Uint32Array(weights.data);
  const want = new Uint32Array(weightPattern(info.length, info.seed).buffer);
  let mismatches = Math.abs(got.length - want.length);
  for (let i = 0; i < Math.min(got.length, want.length); i++) if (got[i] !== want[i]) mismatches++;
  return { info, hash: fnv1a(weights.data), byteLength: weights.data.byteLength, mismatches };
}

const probe: IdbProbe = { write, read };
Object.assign(window, { idbProbe: probe });
document.getElementById('status')!.textContent = 'ready';
