/**
 * NCF weights trained in PyTorch → a linkrec NCF model state. The key layout is that of guoyang9/NCF
 * `model.py` (the widely used PyTorch NCF): `embed_user_GMF.weight` [users, f], `embed_item_GMF.weight`,
 * `embed_user_MLP.weight` [users, e], `embed_item_MLP.weight`, `MLP_layers.<k>.weight` [out, in] and
 * `.bias` (Linear layers of an nn.Sequential, in ascending k), `predict_layer.weight` [1, P] and
 * `.bias` [1]. A `module.` prefix (DataParallel) is stripped; `keyMap` renames keys of other layouts.
 *
 * The mapping is exact: torch's Linear weights are transposed into our `w{l}` [in, out]; the predict
 * layer's weight is our output vector `h` (GMF part first, as torch concatenates), its bias goes into
 * every item's `itemBias`. So `score(u, i)` is PyTorch's `forward(u, i)` (the logit, eval mode: dropout
 * is off) up to float32 summation order.
 *
 * Architecture: GMF when only GMF tensors are present, MLP when only MLP tensors are, NeuMF when both
 * are and the predict layer reads both (P = f + last MLP width). guoyang9's model keeps all four
 * embeddings whatever it trains, so a full GMF or MLP state_dict has both kinds with P = f = last MLP
 * width: that is ambiguous, and `arch` must say which (a FormatError says so).
 */
import { FormatError, InvalidArgumentError } from '../errors.ts';
import type { ExternalId } from '../data/idmap.ts';
import { resolveNcfConfig, type NcfSettings } from '../models/ncf/config.ts';
import type { ModelState, StateTensor } from '../models/recommender.ts';
import { Catalogue } from '../models/shared/catalogue.ts';
import { floatTensor } from '../models/shared/state.ts';
import { readSafetensors, type SafetensorsFile, type SafetensorsTensor } from './safetensors.ts';

/**
 * The NCF state version this importer writes (`NCF_STATE_VERSION` of `models/ncf/state.ts`, which a
 * test checks; not imported, because that module loads tfjs and `linkrec/interop` must not).
 */
export const TORCH_NCF_STATE_VERSION = 2;

/** The id architectures a torch NCF can be. */
export type TorchNcfArch = 'gmf' | 'mlp' | 'neumf';

/** The guoyang9/NCF names a {@link TorchNcfOptions.keyMap} can rename (`MLP_layers` is a prefix). */
export type TorchNcfKey =
  | 'embed_user_GMF.weight'
  | 'embed_item_GMF.weight'
  | 'embed_user_MLP.weight'
  | 'embed_item_MLP.weight'
  | 'MLP_layers'
  | 'predict_layer.weight'
  | 'predict_layer.bias';

/** Options of {@link importTorchNcf}. */
export interface TorchNcfOptions {
  /** The file's name, for error messages. */
  file?: string;
  /** The architecture; default: inferred from the keys (see the module comment). */
  arch?: TorchNcfArch;
  /** Our key → the file's key, for layouts other than guoyang9's (e.g. `{ MLP_layers: 'tower' }`). */
  keyMap?: Partial<Record<TorchNcfKey, string>>;
  /** External ids of the dense users / items (default: the indices, as torch uses them). */
  userIds?: ExternalId[];
  itemIds?: ExternalId[];
}

/** What {@link importTorchNcf} built and recognised. */
export interface TorchNcfImport {
  /** A state `NcfModel.fromState` (or `modelFromState`) loads. */
  state: ModelState;
  arch: TorchNcfArch;
  users: number;
  items: number;
  /** Our settings' `dim` (GMF factors) and `layers` (concatenated MLP embedding width, then each Linear's out). */
  dim: number;
  layers: number[];
  /** File tensors the architecture does not read. */
  unused: string[];
}

/**
 * Builds an NCF state from a PyTorch state_dict saved as safetensors.
 * @example
 * ```ts
 * const { state, arch } = importTorchNcf(bytes, { file: 'NeuMF.safetensors' });
 * const model = new NcfModel(arch);
 * await model.fromState(state);
 * ```
 */
export function importTorchNcf(source: Uint8Array | SafetensorsFile, options: TorchNcfOptions = {}): TorchNcfImport {
  const { file } = options;
  const st = source instanceof Uint8Array ? readSafetensors(source, file) : source;
  const inFile = stripModulePrefix(st.tensors);
  const fail = (problem: string): never => {
    throw new FormatError(problem, { file });
  };
  const key = (k: TorchNcfKey) => options.keyMap?.[k] ?? k;
  const used = new Set<string>();
  const get = (k: TorchNcfKey, rank: number): SafetensorsTensor | null => {
    const t = inFile[key(k)];
    if (!t) return null;
    if (t.data instanceof Int32Array || t.shape.length !== rank)
      fail(`${key(k)}: expected a ${rank}-d float tensor, got ${t.dtype} [${t.shape}]`);
    used.add(key(k));
    return t;
  };
  const gu = get('embed_user_GMF.weight', 2);
  const gi = get('embed_item_GMF.weight', 2);
  const mu = get('embed_user_MLP.weight', 2);
  const mi = get('embed_item_MLP.weight', 2);
  const pw = get('predict_layer.weight', 2);
  const pb = get('predict_layer.bias', 1);
  if (!pw) fail(`no ${key('predict_layer.weight')} tensor`);
  if (!gu !== !gi)
    fail(`GMF embeddings: one of ${key('embed_user_GMF.weight')} / ${key('embed_item_GMF.weight')} is missing`);
  if (!mu !== !mi)
    fail(`MLP embeddings: one of ${key('embed_user_MLP.weight')} / ${key('embed_item_MLP.weight')} is missing`);
  if (!gu && !mu) fail('neither GMF nor MLP embeddings are present');
  const linears = mu ? mlpLinears(inFile, key('MLP_layers'), fail) : [];
  const predict = pw as SafetensorsTensor;
  if (predict.shape[0] !== 1) fail(`${key('predict_layer.weight')}: expected [1, P], got [${predict.shape}]`);
  const P = predict.shape[1];
  const f = gu ? gu.shape[1] : 0;
  const e = mu ? mu.shape[1] : 0;
  const tower = linears.length ? linears[linears.length - 1].out : 2 * e;
  const arch = options.arch ?? inferArch(!!gu, !!mu, P, f, tower, fail);
  if (arch !== 'gmf' && arch !== 'mlp' && arch !== 'neumf')
    throw new InvalidArgumentError(`importTorchNcf: arch must be 'gmf', 'mlp' or 'neumf', got ${String(arch)}`);
  const gmf = arch !== 'mlp';
  const mlp = arch !== 'gmf';
  if (!gmf) for (const k of ['embed_user_GMF.weight', 'embed_item_GMF.weight'] as const) used.delete(key(k));
  if (!mlp) for (const k of ['embed_user_MLP.weight', 'embed_item_MLP.weight'] as const) used.delete(key(k));
  if (gmf && !gu) fail(`arch ${arch} needs the GMF embeddings`);
  if (mlp && !mu) fail(`arch ${arch} needs the MLP embeddings`);
  const width = (gmf ? f : 0) + (mlp ? tower : 0);
  if (P !== width) fail(`${key('predict_layer.weight')}: [1, ${P}], but ${arch} concatenates ${width} values`);
  const users = (gmf ? gu : mu) as SafetensorsTensor;
  const items = (gmf ? gi : mi) as SafetensorsTensor;
  const [nUsers, nItems] = [users.shape[0], items.shape[0]];
  const checkRows = (t: SafetensorsTensor | null, n: number, k: TorchNcfKey, cols: number) => {
    if (t && (t.shape[0] !== n || t.shape[1] !== cols))
      fail(`${key(k)}: [${t.shape}], expected [${n}, ${cols}] as the other embeddings`);
  };
  if (gmf) checkRows(gi, nItems, 'embed_item_GMF.weight', f);
  if (mlp) {
    checkRows(mu, nUsers, 'embed_user_MLP.weight', e);
    checkRows(mi, nItems, 'embed_item_MLP.weight', e);
    let inWidth = 2 * e;
    for (const l of linears) {
      if (l.in !== inWidth) fail(`${l.key}.weight: [${l.out}, ${l.in}], but its input is ${inWidth} wide`);
      inWidth = l.out;
      used.add(`${l.key}.weight`);
      if (l.hasBias) used.add(`${l.key}.bias`);
    }
  }
  if (pb && pb.shape[0] !== 1) fail(`${key('predict_layer.bias')}: expected [1], got [${pb.shape}]`);

  const layers = mlp ? [2 * e, ...linears.map((l) => l.out)] : undefined;
  let settings: NcfSettings;
  try {
    settings = resolveNcfConfig(arch, { dim: gmf ? f : tower, ...(layers ? { layers } : {}) });
  } catch (err) {
    // Our NCF's bounds (even MLP widths 2–4096, at most 8 widths, dim ≤ 1024) are narrower than torch's.
    throw new FormatError(`linkrec's NCF cannot hold this model: ${(err as Error).message}`, { file });
  }
  const tensors: Record<string, StateTensor> = {};
  const put = (name: string, data: Float32Array, shape: number[]) => (tensors[name] = floatTensor(data.slice(), shape));
  if (gmf) {
    put('gmfUser', (gu as SafetensorsTensor).data as Float32Array, [nUsers, f]);
    put('gmfItem', (gi as SafetensorsTensor).data as Float32Array, [nItems, f]);
  }
  if (mlp) {
    put('mlpUser', (mu as SafetensorsTensor).data as Float32Array, [nUsers, e]);
    put('mlpItem', (mi as SafetensorsTensor).data as Float32Array, [nItems, e]);
    linears.forEach((l, k) => {
      put(`w${k + 1}`, transpose(l.weight, l.out, l.in), [l.in, l.out]);
      put(`b${k + 1}`, l.bias ?? new Float32Array(l.out), [l.out]);
    });
  }
  put('h', predict.data as Float32Array, [P]);
  put('itemBias', new Float32Array(nItems).fill(pb ? pb.data[0] : 0), [nItems]);
  const idMap = (kind: string, ids: ExternalId[] | undefined, n: number) => {
    // Torch's rows are the ids: the ranking services look users and items up through these maps.
    if (ids === undefined) return { kind, ids: Array.from({ length: n }, (_, i) => i) };
    if (ids.length !== n) throw new InvalidArgumentError(`importTorchNcf: ${ids.length} ${kind} ids for ${n} ${kind}s`);
    return { kind, ids };
  };
  const catalogue = new Catalogue(nUsers, nItems, {
    userIds: idMap('user', options.userIds, nUsers),
    itemIds: idMap('item', options.itemIds, nItems),
  });
  // The layout of `encodeNcfState` for a finished model without time context or seed inputs.
  const { arch: _arch, ...config } = settings;
  const state: ModelState = {
    kind: arch,
    stateVersion: TORCH_NCF_STATE_VERSION,
    config: { ...config, layers: [...config.layers] },
    tensors,
    meta: catalogue.toMeta(),
  };
  return {
    state,
    arch,
    users: nUsers,
    items: nItems,
    dim: settings.dim,
    layers: mlp ? settings.layers : [],
    unused: Object.keys(inFile)
      .filter((k) => !used.has(k))
      .sort(),
  };
}

interface Linear {
  key: string;
  weight: Float32Array;
  bias: Float32Array | null;
  hasBias: boolean;
  out: number;
  in: number;
}

/** The `<prefix>.<k>.weight` Linear layers (2-d weights) in ascending `k`, each with its bias. */
function mlpLinears(tensors: Record<string, SafetensorsTensor>, prefix: string, fail: (p: string) => never): Linear[] {
  const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.weight$`);
  const found: { k: number; key: string }[] = [];
  for (const name of Object.keys(tensors)) {
    const m = re.exec(name);
    if (m && tensors[name].shape.length === 2) found.push({ k: Number(m[1]), key: name.slice(0, -'.weight'.length) });
  }
  found.sort((a, b) => a.k - b.k);
  return found.map(({ key }) => {
    const w = tensors[`${key}.weight`];
    const b = tensors[`${key}.bias`];
    if (w.data instanceof Int32Array) fail(`${key}.weight: expected a float tensor, got ${w.dtype}`);
    const [out, inW] = w.shape;
    if (b && (b.data instanceof Int32Array || b.shape.length !== 1 || b.shape[0] !== out))
      fail(`${key}.bias: [${b.shape}], expected [${out}]`);
    return {
      key,
      weight: w.data as Float32Array,
      bias: b ? (b.data as Float32Array) : null,
      hasBias: !!b,
      out,
      in: inW,
    };
  });
}

function inferArch(
  hasGmf: boolean,
  hasMlp: boolean,
  P: number,
  f: number,
  tower: number,
  fail: (p: string) => never,
): TorchNcfArch {
  if (!hasMlp) return 'gmf';
  if (!hasGmf) return 'mlp';
  if (P === f + tower) return 'neumf';
  if (P === f && P === tower)
    fail(`GMF and MLP tensors are both present and the predict layer reads ${P} values: GMF or MLP? pass arch`);
  if (P === f) return 'gmf';
  if (P === tower) return 'mlp';
  return fail(`the predict layer reads ${P} values; GMF gives ${f}, the MLP ${tower}, NeuMF ${f + tower}`);
}

/** `w` [rows, cols] row-major → [cols, rows]. */
function transpose(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
  return out;
}

/** A DataParallel `module.` prefix on every key is dropped. */
function stripModulePrefix(t: Record<string, SafetensorsTensor>): Record<string, SafetensorsTensor> {
  const keys = Object.keys(t);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('module.'))) return t;
  return Object.fromEntries(keys.map((k) => [k.slice('module.'.length), t[k]]));
}
