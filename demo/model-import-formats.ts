/**
 * What the model-file picker recognises, by content: linkrec's own model file and a PyTorch NCF
 * state_dict (guoyang9/NCF key layout) as safetensors, word2vec and PyTorch-BigGraph TSV embeddings,
 * and Photon-ML's GLMix Avro output (placed onto the Courses tab's stored GLMix, which gives its shape).
 * `linkrec/interop` is loaded on first use, so the page pays for the readers only when a file is picked.
 */
import type { ModelState } from '../src/index.ts';
import type { EmbeddingModel, NamedVectors, SafetensorsFile, TorchNcfArch } from '../src/interop.ts';

type Interop = typeof import('../src/interop.ts');

/** What a file was recognised as. */
export type Recognised =
  | { what: 'model'; facts: [string, string][]; state: ModelState; modelId: string }
  | { what: 'vectors'; facts: [string, string][]; embedding: EmbeddingModel }
  | { what: 'described'; facts: [string, string][]; note: string };

/** Options of {@link recognise}. */
export interface RecogniseOptions {
  /** The NCF architecture of a PyTorch file, when the keys cannot say. */
  arch?: TorchNcfArch;
  /** The stored GLMix state Photon coefficients are placed onto, or undefined when none is stored. */
  glmixBase(): Promise<ModelState | undefined>;
}

/** Reads `bytes` (the file `name`) by content: safetensors, Avro (magic `Obj\x01`), PBG TSV, else word2vec. */
export async function recognise(bytes: Uint8Array, name: string, options: RecogniseOptions): Promise<Recognised> {
  const io: Interop = await import('../src/interop.ts');
  if (isAvro(bytes)) return photon(io, bytes, name, options);
  if (name.toLowerCase().endsWith('.safetensors')) {
    const header = io.readSafetensors(bytes, name);
    if (header.metadata.format !== undefined) return linkrecModel(io, bytes, name, header);
    return torchNcf(io, header, name, options.arch);
  }
  if (name.toLowerCase().endsWith('.tsv')) return embedding(io, 'PyTorch-BigGraph TSV', io.readPbgTsv(bytes, name));
  return embedding(io, 'word2vec', io.readWord2vec(bytes, { file: name }));
}

function isAvro(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x4f && bytes[1] === 0x62 && bytes[2] === 0x6a && bytes[3] === 0x01;
}

function linkrecModel(io: Interop, bytes: Uint8Array, name: string, header: SafetensorsFile): Recognised {
  const state = io.modelStateFromSafetensors(bytes, name);
  return {
    what: 'model',
    state,
    modelId: `imported-${state.kind}`,
    facts: [
      ['format', `linkrec model file (${header.metadata.format})`],
      ['kind', state.kind],
      ...idCounts(state),
      ['tensors', String(Object.keys(state.tensors).length)],
    ],
  };
}

function torchNcf(io: Interop, header: SafetensorsFile, name: string, arch?: TorchNcfArch): Recognised {
  const keys = Object.keys(header.tensors);
  if (!keys.some((k) => /(^|\.)(embed_item_(GMF|MLP)\.weight|predict_layer\.weight)$/.test(k)))
    return {
      what: 'described',
      facts: [
        ['format', 'safetensors'],
        ['tensors', `${keys.length}: ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`],
      ],
      note: `${name}: safetensors, but neither a linkrec model file nor a PyTorch NCF state_dict: nothing here can rank with it.`,
    };
  const r = io.importTorchNcf(header, { file: name, ...(arch ? { arch } : {}) });
  return {
    what: 'model',
    state: r.state,
    modelId: `imported-${r.arch}`,
    facts: [
      ['format', 'PyTorch NCF state_dict (guoyang9/NCF layout) as safetensors'],
      ['architecture', `${r.arch.toUpperCase()} (${arch ? 'as chosen' : 'inferred from the keys'})`],
      ['users', String(r.users)],
      ['items', String(r.items)],
      ['GMF factors', String(r.dim)],
      ['MLP layers', r.layers.join(' → ') || 'none'],
      ['tensors not read', r.unused.length ? r.unused.join(', ') : 'none'],
    ],
  };
}

function embedding(io: Interop, format: string, v: NamedVectors): Recognised {
  return {
    what: 'vectors',
    embedding: new io.EmbeddingModel(v),
    facts: [
      ['format', format],
      ['vertices', String(v.names.length)],
      ['dimension', String(v.dim)],
    ],
  };
}

/**
 * Photon-ML `BayesianLinearModelAvro` records: one record is a fixed effect; several are a random
 * effect, per learner or per course by which of the stored GLMix's ids their `modelId`s match more.
 */
async function photon(io: Interop, bytes: Uint8Array, name: string, options: RecogniseOptions): Promise<Recognised> {
  const models = await io.readPhotonModels(bytes, name);
  const coefficients = models.reduce((n, m) => n + m.means.length, 0);
  const facts: [string, string][] = [
    ['format', 'Photon-ML GLMix (BayesianLinearModelAvro)'],
    ['records', String(models.length)],
    ['coefficients', String(coefficients)],
  ];
  const base = await options.glmixBase();
  if (!base)
    return {
      what: 'described',
      facts,
      note: `${name}: read. No GLMix model is stored on this device to place the coefficients onto: open the Courses tab, which trains one.`,
    };
  const ids = (key: 'userIds' | 'itemIds') => new Set(idList(base.meta[key])?.map(String) ?? []);
  const hits = (set: Set<string>) => models.filter((m) => set.has(m.modelId)).length;
  const [users, items] = [ids('userIds'), ids('itemIds')];
  const role =
    models.length === 1 && !users.has(models[0].modelId) && !items.has(models[0].modelId)
      ? 'fixed'
      : hits(users) >= hits(items)
        ? 'member'
        : 'course';
  // The stored model's own records, with this file's in place of its part: the rest stays as trained.
  const own = io.glmixToPhoton(base);
  const { state, report } = io.glmixFromPhoton(
    base,
    role === 'fixed' ? { ...own, fixed: models[0] } : { ...own, [role]: models },
  );
  facts.push([
    'effect',
    role === 'fixed' ? 'fixed effect' : `per-${role === 'member' ? 'learner' : 'course'} random effect`,
  ]);
  if (role === 'fixed') {
    facts.push(['features matched', String(report.fixed.matchedFeatures)]);
    facts.push(['features unmatched', `${report.fixed.unmatchedFeatures}${sample(report.fixed.unmatchedSample)}`]);
  } else {
    const r = report[role];
    facts.push(['entities matched', String(r.matchedEntities)]);
    facts.push(['entities unknown', String(r.unknownEntities)]);
    facts.push(['entities without a record', String(r.missingEntities)]);
    facts.push(['coefficients matched', String(r.matchedFeatures)]);
    facts.push(['coefficients unmatched', String(r.unmatchedFeatures)]);
  }
  return { what: 'model', state, modelId: 'imported-glmix', facts };
}

function sample(names: string[]): string {
  return names.length ? ` (e.g. ${names.slice(0, 3).join(', ')})` : '';
}

/** Users and items of a state, from its `meta` (`nUsers` / `nItems`, else its id maps). */
export function idCounts(state: ModelState): [string, string][] {
  const out: [string, string][] = [];
  const users = count(state.meta.nUsers) ?? idList(state.meta.userIds)?.length;
  const items = count(state.meta.nItems) ?? idList(state.meta.itemIds)?.length;
  if (users !== undefined) out.push(['users', String(users)]);
  if (items !== undefined) out.push(['items', String(items)]);
  return out;
}

/** The external id of a state's first user: its id map's first, or 0 where the ids are the indices. */
export function firstUser(state: ModelState): string | number | undefined {
  const ids = idList(state.meta.userIds);
  if (ids) return ids[0];
  return (count(state.meta.nUsers) ?? 0) > 0 ? 0 : undefined;
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** An id map as `meta` keeps it (`{ kind, ids }`, or a plain list). */
export function idList(v: unknown): (string | number)[] | undefined {
  if (Array.isArray(v)) return v as (string | number)[];
  const ids = (v as { ids?: unknown } | null)?.ids;
  return Array.isArray(ids) ? (ids as (string | number)[]) : undefined;
}
