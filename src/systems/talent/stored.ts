/**
 * What talent search keeps in the model store: one bundle (saved atomically) of the LINE states of
 * the company, skill and title graphs and the two-tower state, with the world spec they were trained
 * on. The world is regenerated from its seed, so restoring redoes no training: LINE vectors and the
 * towers come back bit-identical, and the stage combiners (a few L-BFGS fits) are refitted on them.
 */
import { DataFormatError } from '../../errors.ts';
import type { EntityKind } from './graph/entity-graphs.ts';
import { generateWorld } from '../../world/generate.ts';
import type { World } from '../../world/types.ts';
import type { LineSettings } from '../../models/line/config.ts';
import { LineModel } from '../../models/line/model.ts';
import type { ModelState } from '../../models/recommender.ts';
import { bundleStates, TALENT_KIND, unbundleStates } from '../../models/state-kinds.ts';
import type { TwoTowerModel } from '../../models/two-tower/model.ts';
import { TWO_TOWER_KIND, twoTowerFromState, twoTowerToState } from '../../models/two-tower/state.ts';
import type { EntitySpace } from './space.ts';
import { towerVocab } from './tower-inputs.ts';

/** Store id of the talent-search bundle. */
export const TALENT_MODEL_ID = 'talent-search';

/** The simulated world talent search trains on (regenerated from this on restore). */
export interface TalentWorldSpec {
  members: number;
  seed: number;
}

const ENTITY_KINDS: readonly EntityKind[] = ['company', 'skill', 'title'];

/** The world of `spec`, the same on every call. */
export function talentWorld(spec: TalentWorldSpec): World {
  return generateWorld({
    members: spec.members,
    seed: spec.seed,
    recruiterQueries: Math.max(200, Math.round(spec.members / 5)),
  });
}

/** The bundle to store: each graph's LINE state, the two-tower state, the spec and LINE's backend label. */
export function talentState(
  spec: TalentWorldSpec,
  lines: Record<EntityKind, ModelState>,
  tower: TwoTowerModel,
  lineBackend: string,
): ModelState {
  return bundleStates(
    TALENT_KIND,
    { ...lines, tower: twoTowerToState(tower) },
    { members: spec.members, seed: spec.seed, lineBackend },
  );
}

/** What a stored bundle gives back. */
export interface RestoredTalent {
  spec: TalentWorldSpec;
  world: World;
  space: EntitySpace;
  tower: TwoTowerModel;
  lineBackend: string;
  /** Each graph's stored LINE settings (order, dimensions, samples…), for a pipeline view. */
  line: Record<EntityKind, LineSettings>;
}

function specOf(meta: ModelState['meta']): TalentWorldSpec {
  const { members, seed } = meta;
  if (typeof members !== 'number' || !Number.isInteger(members) || members < 1 || members > 1_000_000) {
    throw new DataFormatError(
      'talent-search state',
      0,
      `meta.members must be an integer in [1, 1e6], got ${JSON.stringify(members)}`,
    );
  }
  if (typeof seed !== 'number' || !Number.isInteger(seed))
    throw new DataFormatError('talent-search state', 0, `meta.seed must be an integer, got ${JSON.stringify(seed)}`);
  return { members, seed };
}

/** Embeddings of one graph's LINE state, checked to have one row per entity of the world. */
async function lineEmbeddings(
  state: ModelState,
  kind: EntityKind,
  rows: number,
): Promise<{ e: Float32Array; dim: number; settings: LineSettings }> {
  const model = new LineModel({}, { backend: 'cpu' });
  try {
    await model.fromState(state);
    const e = model.embeddings(),
      dim = model.outputDim;
    if (e.length !== rows * dim)
      throw new DataFormatError(
        'talent-search state',
        0,
        `${kind} embeddings have ${e.length / dim} rows, the world has ${rows} ${kind}s`,
      );
    return { e, dim, settings: model.settings };
  } finally {
    model.dispose();
  }
}

/**
 * The world, entity space and two-tower model of a stored bundle.
 * @throws DataFormatError naming the part or field; StateVersionError for a version this build cannot read.
 */
export async function restoreTalent(state: ModelState): Promise<RestoredTalent> {
  const { parts, meta } = unbundleStates(state, TALENT_KIND, {
    company: 'line',
    skill: 'line',
    title: 'line',
    tower: TWO_TOWER_KIND,
  });
  const spec = specOf(meta);
  const world = talentWorld(spec);
  const rows: Record<EntityKind, number> = {
    company: world.companies.name.length,
    skill: world.catalog.skillName.length,
    title: world.catalog.titleName.length,
  };
  const out: Partial<Record<EntityKind, Float32Array>> = {};
  const settings: Partial<Record<EntityKind, LineSettings>> = {};
  let dim = 0;
  for (const kind of ENTITY_KINDS) {
    const line = await lineEmbeddings(parts[kind], kind, rows[kind]);
    settings[kind] = line.settings;
    if (dim && line.dim !== dim)
      throw new DataFormatError(
        'talent-search state',
        0,
        `${kind} embeddings have ${line.dim} dimensions, the others ${dim}`,
      );
    [out[kind], dim] = [line.e, line.dim];
  }
  const space: EntitySpace = { dim, company: out.company!, skill: out.skill!, title: out.title! };
  const tower = twoTowerFromState(parts.tower);
  const vocab = towerVocab(world.catalog);
  if (tower.query.shape.vocab !== vocab.query || tower.member.shape.vocab !== vocab.member) {
    throw new DataFormatError(
      'talent-search state',
      0,
      `tower vocabularies ${tower.query.shape.vocab}/${tower.member.shape.vocab} do not match the world's ${vocab.query}/${vocab.member}`,
    );
  }
  const lineBackend = typeof meta.lineBackend === 'string' ? meta.lineBackend : 'unknown';
  return { spec, world, space, tower, lineBackend, line: settings as Record<EntityKind, LineSettings> };
}
