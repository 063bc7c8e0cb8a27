/**
 * State decoder targets: every registry kind (through `modelFromState`, as the store and the ranking
 * worker load them), the store codec (`decodeState` of a malformed weights record, then the model),
 * and the states beside the registry: LINE, two-tower and the feed's SPR. Each starts from the valid
 * state of a tiny trained model and changes one field. An accepted state must give a usable model:
 * finite scores, in-range distinct items, no generic error when ranking.
 */
import fc from 'fast-check';
import { initBackend } from '../../../backend/index.ts';
import { IdMap } from '../../../data/idmap.ts';
import { Rng } from '../../../data/rng.ts';
import { SprModel } from '../../../systems/feed/spr/model.ts';
import { LineModel } from '../../../models/line/model.ts';
import type { ModelState } from '../../../models/recommender.ts';
import { createModel, modelFromState, modelKinds, type ModelKind } from '../../../models/registry.ts';
import { TwoTowerModel, type IdBags } from '../../../models/two-tower/model.ts';
import * as twoTowerState from '../../../models/two-tower/state.ts';
import { decodeState, encodeWeights, nextInfo } from '../../../store/codec.ts';
import type { WeightsRecord } from '../../../store/schema.ts';
import { CONTRACT_CASES } from '../../contract-cases.ts';
import { checkerboardFixture } from '../../recommender-fixtures.ts';
import { weirdValue } from '../mutate.ts';
import { defineTarget, type AnyTarget } from '../types.ts';
import { mutateState, stateMutation, type StateMutation } from './state-mutations.ts';

const USERS = 8;
const ITEMS = 8;

let trained: Promise<Map<string, ModelState>> | undefined;

/** Valid states of tiny trained models of every registry kind (built once per worker). */
function registryStates(): Promise<Map<string, ModelState>> {
  trained ??= (async () => {
    await initBackend('cpu');
    const { log } = checkerboardFixture(USERS, ITEMS);
    const states = new Map<string, ModelState>();
    for (const c of CONTRACT_CASES) {
      const model = createModel(c.kind, c.quickConfig ?? c.config);
      await model.fit((c.data ? c.data(log) : log) as never);
      states.set(c.kind, await model.toState());
      model.dispose();
    }
    return states;
  })();
  return trained;
}

/** What a usable decoded model gives: finite scores, distinct in-range items. */
interface Probe {
  problem?: string;
  /** The ranking the probe saw, for comparisons with the unmutated state's. */
  lists?: string;
}

function rankedProblem(items: Int32Array, scores: Float32Array, nItems: number, what: string): string | undefined {
  if (items.length !== scores.length) return `${what}: ${items.length} items but ${scores.length} scores`;
  if (new Set(items).size !== items.length) return `${what}: repeated items`;
  for (let k = 0; k < items.length; k++) {
    if (!(items[k] >= 0 && items[k] < nItems)) return `${what}: item ${items[k]} outside 0..${nItems - 1}`;
    if (!Number.isFinite(scores[k])) return `${what}: score ${scores[k]} for item ${items[k]}`;
  }
  return undefined;
}

function itemCount(state: ModelState, fallback: number): number {
  try {
    return IdMap.fromJSON(state.meta.itemIds).size;
  } catch {
    return fallback;
  }
}

/**
 * Loads a state through the registry and ranks with it; then saves the loaded model and loads that
 * again, which must rank identically (an accepted state survives a save → load unchanged).
 */
async function loadAndProbe(state: ModelState, roundTrip = true): Promise<Probe> {
  const first = await rankWith(state);
  if (!roundTrip || first.problem) return first;
  const model = await modelFromState(state);
  let saved: ModelState;
  try {
    saved = await model.toState();
  } finally {
    model.dispose();
  }
  const again = await rankWith(saved);
  if (again.problem || again.lists !== first.lists)
    return {
      problem: `saving and reloading the accepted state changed its ranking: ${first.lists} → ${again.lists ?? again.problem}`,
    };
  return first;
}

async function rankWith(state: ModelState): Promise<Probe> {
  const model = await modelFromState(state);
  try {
    const nItems = itemCount(state, ITEMS);
    const lists: number[][] = [];
    for (const user of [0, USERS - 1]) {
      const r = await model.recommend(user, { k: 4 });
      const problem = rankedProblem(r.items, r.scores, nItems, `recommend(${user})`);
      if (problem) return { problem };
      lists.push(Array.from(r.items), Array.from(r.scores));
    }
    const scores = await model.score(Int32Array.of(0, USERS - 1), Int32Array.of(0, ITEMS - 1));
    if (!Array.from(scores).every(Number.isFinite)) return { problem: `score gave ${Array.from(scores).join(',')}` };
    return { lists: JSON.stringify(lists) };
  } finally {
    model.dispose();
  }
}

interface KindCase {
  mutation: StateMutation;
}

function registryTarget(kind: ModelKind): AnyTarget {
  let before: Promise<Probe> | undefined;
  return defineTarget<KindCase, Map<string, ModelState>, Probe & { edit: string; before?: string }>({
    name: `decoder.${kind}`,
    setup: registryStates,
    inputs: () => fc.record({ mutation: stateMutation }),
    run: async ({ mutation }, states) => {
      before ??= loadAndProbe(states.get(kind)!);
      const { state, edit } = mutateState(states.get(kind)!, mutation);
      const result = { ...(await loadAndProbe(state)), edit };
      return { ...result, before: mutation.op === 'field' ? (await before).lists : undefined };
    },
    check: (_c, r) => {
      if (r.problem) return `${r.problem} after ${r.edit}`;
      if (r.before !== undefined && r.lists !== r.before)
        return `ranking changed after ${r.edit} (accepted silently): ${r.before} → ${r.lists}`;
      return undefined;
    },
    show: (c) =>
      JSON.stringify({ kind, mutation: c.mutation }, (_k, v: unknown) =>
        typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
      ),
  });
}

// ---- the store codec --------------------------------------------------------------------------------

interface CodecCase {
  kind: number;
  part: 'format' | 'tensors' | 'tensor' | 'config' | 'meta' | 'shape' | 'dtype' | 'bytes' | 'name';
  at: number;
  value: unknown;
}

function mutateRecord(record: WeightsRecord, c: CodecCase): WeightsRecord {
  const r = structuredClone(record);
  const loose = r as unknown as Record<string, unknown>;
  const k = Math.floor(c.at * r.tensors.length);
  const t = r.tensors[k] as WeightsRecord['tensors'][number] | undefined;
  if (c.part === 'format' || c.part === 'tensors' || c.part === 'config' || c.part === 'meta') loose[c.part] = c.value;
  else if (t && c.part === 'tensor') r.tensors[k] = c.value as never;
  else if (t && c.part === 'bytes') t.data = t.data.slice(0, Math.max(0, t.data.byteLength - 4));
  else if (t && c.part === 'name') t.name = c.value as string;
  else if (t) (t as unknown as Record<string, unknown>)[c.part] = c.value;
  return r;
}

const CODEC_TARGET = defineTarget<CodecCase, Map<string, ModelState>, Probe>({
  name: 'decoder.codec',
  setup: registryStates,
  inputs: () =>
    fc.record({
      kind: fc.nat({ max: modelKinds().length - 1 }),
      part: fc.constantFrom<CodecCase['part']>(
        'format',
        'tensors',
        'tensor',
        'config',
        'meta',
        'shape',
        'shape',
        'dtype',
        'bytes',
        'name',
      ),
      at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      value: fc.oneof(weirdValue, fc.constantFrom('float64', 'int32', [2, -1], [1e9, 1e9], [Infinity])),
    }),
  run: async (c, states) => {
    const kind = modelKinds()[c.kind];
    const state = states.get(kind)!;
    const encoded = encodeWeights('fuzz', state);
    const info = nextInfo('fuzz', state, encoded, {}, undefined, Date.now());
    return loadAndProbe(decodeState(info, mutateRecord(encoded.record, c)));
  },
  check: (_c, r) => r.problem,
});

// ---- LINE, two-tower, SPR ---------------------------------------------------------------------------

let sideStates: Promise<{ line: ModelState; twoTower: ModelState; spr: ModelState }> | undefined;

function twoCliques(): { n: number; src: Int32Array; dst: Int32Array } {
  const src: number[] = [];
  const dst: number[] = [];
  for (const base of [0, 4])
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) src.push(base + i), dst.push(base + j);
  return { n: 8, src: Int32Array.from(src), dst: Int32Array.from(dst) };
}

function bags(n: number, vocab: number): IdBags {
  return {
    offsets: Uint32Array.from({ length: n + 1 }, (_, i) => i),
    values: Uint32Array.from({ length: n }, (_, i) => i % vocab),
    vocab,
  };
}

function sprData(n: number, bits: number) {
  const rng = new Rng(5);
  const offsets = Uint32Array.from({ length: n + 1 }, (_, r) => 2 * r);
  const idx = Int32Array.from({ length: 2 * n }, () => rng.int(1 << bits));
  return {
    count: n,
    offsets,
    idx,
    val: new Float32Array(2 * n).fill(1),
    grp: new Uint8Array(2 * n),
    labels: Uint8Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0)),
    inventory: new Uint8Array(n),
  };
}

function buildSideStates(): Promise<{ line: ModelState; twoTower: ModelState; spr: ModelState }> {
  sideStates ??= (async () => {
    const line = new LineModel({ dim: 4, samples: 2000, chunk: 1000, seed: 3, order: 'both' });
    await line.fit(twoCliques());
    const tt = new TwoTowerModel(4, 6, { epochs: 1, batchSize: 4, hidden: 4, dim: 4 });
    await tt.fit(bags(4, 4), bags(6, 6), {
      query: Int32Array.of(0, 1, 2, 3),
      member: Int32Array.of(0, 1, 2, 3),
      label: Uint8Array.of(1, 0, 1, 0),
    });
    const spr = new SprModel({ bits: 8, epochs: 1 });
    await spr.fit(sprData(64, 8) as never);
    return { line: await line.toState(), twoTower: twoTowerState.twoTowerToState(tt), spr: await spr.toState() };
  })();
  return sideStates;
}

type Side = Awaited<ReturnType<typeof buildSideStates>>;

async function probeLine(state: ModelState): Promise<Probe> {
  const m = new LineModel(state.config as never);
  await m.fromState(state);
  const lists: number[][] = [];
  try {
    for (const node of [0, 7]) {
      const r = await m.recommend(node, { k: 3 });
      const problem = rankedProblem(r.items, r.scores, 8, `line recommend(${node})`);
      if (problem) return { problem };
      lists.push(Array.from(r.items));
    }
  } finally {
    m.dispose();
  }
  return { lists: JSON.stringify(lists) };
}

function probeTwoTower(state: ModelState): Probe {
  const m = twoTowerState.twoTowerFromState(state);
  const s = m.scoreVectors(m.embedQuery([0, 1]), m.embedMember([2]));
  return Number.isFinite(s) ? {} : { problem: `two-tower score ${s}` };
}

async function probeSpr(state: ModelState): Promise<Probe> {
  const m = new SprModel(state.config as never);
  await m.fromState(state);
  const p = m.predictRow([0, 1], [1, 1], 0, 2);
  return Number.isFinite(p) && p >= 0 && p <= 1 ? {} : { problem: `SPR predicted ${p}` };
}

/**
 * With `sameRanking`, an accepted change of config or meta (tensors untouched) must rank as the
 * original state does: such a state either describes its tensors truly or is refused (LINE's order
 * read as another order silently changed every neighbour list).
 */
function sideTarget(
  name: string,
  pick: (s: Side) => ModelState,
  probe: (s: ModelState) => Probe | Promise<Probe>,
  sameRanking = false,
): AnyTarget {
  const original = new WeakMap<ModelState, Promise<Probe>>();
  return defineTarget<KindCase, Side, Probe & { edit: string; before?: string }>({
    name: `decoder.${name}`,
    setup: buildSideStates,
    inputs: () => fc.record({ mutation: stateMutation }),
    run: async ({ mutation }, side) => {
      const valid = pick(side);
      if (!original.has(valid)) original.set(valid, Promise.resolve(probe(valid)));
      const { state, edit } = mutateState(valid, mutation);
      const result = { ...(await probe(state)), edit };
      const before = sameRanking && mutation.op === 'field' ? (await original.get(valid)!).lists : undefined;
      return { ...result, before };
    },
    check: (_c, r) => {
      if (r.problem) return `${r.problem} after ${r.edit}`;
      if (r.before !== undefined && r.lists !== r.before)
        return `ranking changed from ${r.before} to ${r.lists} after ${r.edit} (accepted silently)`;
      return undefined;
    },
  });
}

export const DECODER_TARGETS: AnyTarget[] = [
  ...modelKinds().map(registryTarget),
  CODEC_TARGET,
  sideTarget('line', (s) => s.line, probeLine, true),
  sideTarget('two-tower', (s) => s.twoTower, probeTwoTower),
  sideTarget('spr', (s) => s.spr, probeSpr),
];
