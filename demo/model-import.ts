/**
 * "Load a model trained elsewhere" (Models tab): reads a picked file on this device, says what it
 * recognised, and makes what it can rankable — a PyTorch NCF state_dict, a linkrec model file or Photon
 * GLMix coefficients are stored in the model store and ranked by the ranking worker; word2vec / PBG
 * embeddings answer "nearest vertices" here. A bad file shows the typed error's message (file, line or
 * byte offset). Nothing is uploaded.
 */
import { IdbModelStore, type CoursesClient, type ModelInfo, type ModelState } from '../src/index.ts';
import type { EmbeddingModel } from '../src/interop.ts';
import { firstUser, recognise } from './model-import-formats.ts';
import { describeError } from './ui/dom.ts';
import { mountImportPanel, type ImportPanel } from './ui/import-panel.ts';
import { storageChanged } from './ui/storage-line.ts';

/** The document event fired after a model file was stored (the Models tab refreshes its table). */
export const MODEL_IMPORTED = 'linkrec:model-imported';

/** Largest model file the demo reads (it is read whole, in this tab's memory). */
export const IMPORT_MAX_BYTES = 256 * 2 ** 20;
/** The Courses tab's GLMix: Photon coefficients are placed onto its shape (features, learners, courses). */
const GLMIX_BASE = 'courses-glmix';
const SHOWN = 10;

/** Mounts the picker into `root`; ranking goes through `client` (the page's course client). */
export function startImport(root: HTMLElement, client: Promise<CoursesClient>): ImportPanel {
  let embedding: EmbeddingModel | null = null;
  // The latest file wins: an earlier, larger file read late never overwrites a newer one's report.
  let ticket = 0;

  const load = async (file: File): Promise<void> => {
    const mine = ++ticket;
    embedding = null;
    panel.status('reading', `Reading ${file.name} on this device…`);
    try {
      if (file.size > IMPORT_MAX_BYTES)
        throw new RangeError(`${file.name} is ${file.size} bytes, over this demo's limit of ${IMPORT_MAX_BYTES} bytes`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const r = await recognise(bytes, file.name, { arch: panel.arch(), glmixBase });
      if (mine !== ticket) return;
      panel.report(r.facts);
      if (r.what === 'described') return panel.status('ok', r.note, true);
      if (r.what === 'vectors') {
        embedding = r.embedding;
        panel.vertices(r.embedding.names.slice(0, 200));
        panel.status(
          'ok',
          `${file.name}: pick a vertex to see its nearest ones (cosine, computed in this page).`,
          true,
        );
        return nearest(r.embedding.names[0]);
      }
      panel.status('reading', `${file.name}: storing it as ${r.modelId} in this browser’s model store…`, true);
      const info = await store(r.modelId, r.state);
      if (mine !== ticket) return;
      await rank(info, r.state, file.name, mine);
    } catch (error) {
      if (mine === ticket) panel.status('error', describeError(error));
    }
  };

  /** Ranks for the model's first user in the ranking worker (the stored version, as for any model). */
  const rank = async (info: ModelInfo, state: ModelState, name: string, mine: number): Promise<void> => {
    const user = firstUser(state);
    if (user === undefined) {
      panel.status(
        'ok',
        `${name}: stored as ${info.id} v${info.version} (${info.kind}); it names no users to rank for.`,
        true,
      );
      return;
    }
    const c = await client;
    // A model file carries no training history, so nothing is left out as already seen.
    const ranked = await c.rank({ modelId: info.id, version: info.version, user, k: SHOWN });
    if (mine !== ticket) return;
    panel.list(
      `Top ${ranked.items.length} for user ${user} from ${info.id} v${info.version} (${info.kind}), ranked by the ranking worker.`,
      ranked.items.map((id, t) => ({ title: `item ${id}`, score: ranked.scores[t] })),
    );
    panel.status('ok', `${name}: stored as ${info.id} v${info.version} and ranked on this device.`, true);
  };

  const nearest = (name: string): void => {
    if (!embedding) return;
    const row = embedding.indexOrMinusOne(name);
    if (row < 0) return panel.list(`No vertex named “${name}” in this file.`, []);
    const { items, scores } = embedding.similarItems(row, SHOWN);
    const names = embedding.names;
    panel.list(
      `Nearest ${items.length} to “${name}” by cosine.`,
      Array.from(items, (r, t) => ({ title: names[r], score: scores[t] })),
    );
  };

  const panel = mountImportPanel(root, { file: (f) => void load(f), nearest });
  panel.status('idle', 'No file loaded.');
  return panel;
}

async function withStore<T>(use: (store: IdbModelStore) => Promise<T>): Promise<T> {
  const s = await IdbModelStore.open();
  try {
    return await use(s);
  } finally {
    s.close();
  }
}

async function store(id: string, state: ModelState): Promise<ModelInfo> {
  const info = await withStore((s) => s.save(id, state));
  storageChanged();
  document.dispatchEvent(new Event(MODEL_IMPORTED));
  return info;
}

/** The stored GLMix of the Courses tab, if any (read whole: Photon records replace part of it). */
function glmixBase(): Promise<ModelState | undefined> {
  return withStore(async (s) => ((await s.info(GLMIX_BASE)) ? (await s.load(GLMIX_BASE)).state : undefined));
}
