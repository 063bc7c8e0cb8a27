/**
 * The talent-search service, a plain class a dedicated worker exposes over comlink: it generates a
 * world, builds its entity graphs, trains LINE (streaming a PCA map of the company embeddings), the
 * two-tower model and the stage combiners, then answers recruiter searches with reasons.
 */
import { describeMember } from '../../world/describe.ts';
import { ANY_LOCATION } from '../../world/recruiter-truth.ts';
import type { World } from '../../world/types.ts';
import { InvalidArgumentError } from '../../errors.ts';
import type { EntityKind } from './graph/entity-graphs.ts';
import type { ModelInfo, ModelStore } from '../../store/types.ts';
import { StoredSlot } from '../../store/stored-slot.ts';
import { ordersOf } from '../../models/line/config.ts';
import type { LineModel } from '../../models/line/model.ts';
import type { FitProgress, ModelState } from '../../models/recommender.ts';
import type { TwoTowerModel } from '../../models/two-tower/model.ts';
import { pca2 } from './pca.ts';
import { parseQueryText, type TalentQuery } from './query.ts';
import type { TalentSearchForm, TalentTrainRequest } from './requests.ts';
import type { TalentRanker } from './ranker.ts';
import { cosineSim, trainEntitySpace, type EntitySpace, type Pooling } from './space.ts';
import { restoreTalent, TALENT_MODEL_ID, talentState, talentWorld } from './stored.ts';
import { fitRanker, trainTower } from './train.ts';
import { checkTalentSearch, checkTalentTrain } from './validate.ts';
import { lineBackendLabel } from './line-label.ts';
import { newMemberTable, type NewMemberProfile, type UnknownEntities } from './new-member.ts';
import { describeEntityVectors, importedLineState, type EntityVectorReport } from './entity-vectors.ts';
import { entityGraph } from './graph/entity-graphs.ts';
import { memberIds, queryIds, towerVocab } from './tower-inputs.ts';
import {
  poolingFigures,
  readTalentQuery,
  sigmoid,
  type TalentGraphFigures,
  type TalentLineFigures,
  type TalentPipelineFigures,
  type TalentQueryReading,
} from './inspect.ts';

export { lineBackendLabel };

export type { TalentSearchForm, TalentTrainRequest } from './requests.ts';
export type { NewMemberProfile, UnknownEntities } from './new-member.ts';
export type { EntityVectorReport, EntityVectors } from './entity-vectors.ts';
export type {
  TalentGraphFigures,
  TalentLineFigures,
  TalentPipelineFigures,
  TalentPoolingFigures,
  TalentQueryReading,
  TalentTowerFigures,
} from './inspect.ts';

/** Where a typed-in member would rank for a search ({@link TalentService.rankMember}). */
export interface NewMemberRank {
  /** 1-based position among the trained world's members (ties: after them), as `search` ranks them. */
  rank: number;
  /** Members ranked (the trained world's count). */
  of: number;
  /** The member's score at the search's final stage (comparable with `TalentHit.score`). */
  score: number;
  /** Estimated P(accept), σ(score), as `TalentHit.pAccept`. */
  pAccept: number;
  /** Why they rank there, as a `TalentHit`'s reasons. */
  reasons: string[];
  /** The names the trained world does not know (not used, reported). */
  unknown: UnknownEntities;
}

/** What `train` reports, status-tagged. */
export type TalentProgress =
  | {
      status: 'stage';
      message: string;
      /** On the stage that imported a kind's vectors: how they matched (`message` says it in words). */
      vectors?: { kind: EntityKind } & EntityVectorReport;
    }
  | {
      status: 'map';
      /** PCA coordinates, two per company. */
      xy: Float32Array;
      /** Each company's job family (an index into `groupNames`). */
      groups: Uint8Array;
      caption: string;
      /** Company names, one per point (for hover labels and a list). */
      names: string[];
      /** Job family names, for the colour legend. */
      groupNames: string[];
    }
  | { status: 'line'; kind: EntityKind; backend: 'webgpu' | 'cpu'; kernel?: string; fallback?: string }
  | { status: 'tower'; epoch: number; loss: number };

/** What `train` and `restore` return. */
export interface TalentTrainResult {
  members: number;
  queries: number;
  /**
   * Which path trained LINE, e.g. `WebGPU (subgroups×4 (add))` or `CPU`, per graph where they differ;
   * `imported` for a graph whose vectors came from `request.entityVectors`.
   */
  lineBackend: string;
  /** How each imported kind's vectors matched the world's entities (only the kinds given). */
  entityVectors?: Partial<Record<EntityKind, EntityVectorReport>>;
  /** The stored bundle's info (its `updatedAt` is when it was saved); set by `restore`. */
  stored?: ModelInfo;
}

/** Fewest milliseconds between two live maps read back from a GPU run (the CPU maps every chunk). */
export const MAP_INTERVAL_MS = 250;

/** One ranked candidate. */
export interface TalentHit {
  member: number;
  description: string;
  /** The final stage's logit (a logistic combiner of the match features and the two-tower score). */
  score: number;
  /**
   * Estimated P(accept): σ(score). The final combiner is a logistic regression fitted by log-loss on
   * held-out logged InMails labelled relevant ∧ accepted, so its sigmoid is its probability estimate.
   */
  pAccept: number;
  /** Cosine of the query's and this member's two-tower output vectors (−1 … 1). */
  cosine: number;
  reasons: string[];
}

/** A search with what the page shows beside it ({@link TalentService.inspect}). */
export interface TalentInspection {
  hits: TalentHit[];
  /** How the form was read. */
  reading: TalentQueryReading;
  /** The pipeline's live figures for this search. */
  pipeline: TalentPipelineFigures;
}

const SENIORITY_WORDS: [RegExp, number][] = [
  [/\b(principal|executive)\b/i, 4],
  [/\blead\b/i, 3],
  [/\bsenior\b/i, 2],
  [/\bjunior\b/i, 0],
];

/** Structured fields win; free text fills what they leave unset. */
export function formToQuery(world: World, f: TalentSearchForm): TalentQuery {
  const cat = world.catalog;
  const fromText = parseQueryText(f.text, cat, world.companies.name);
  const fromSkills = parseQueryText(f.skills, cat);
  return {
    title: f.title >= 0 ? f.title : fromText.title,
    seniority: SENIORITY_WORDS.find(([re]) => re.test(f.text))?.[1] ?? 1,
    skills: [...new Set([...fromSkills.skills, ...fromText.skills])].sort((a, b) => a - b),
    location: f.location !== ANY_LOCATION ? f.location : fromText.location,
    minYears: f.minYears,
    companies: fromText.companies,
  };
}

/** The company map's colours and labels: each company's job family, the companies' and families' names. */
const mapLabels = (world: World): { groups: Uint8Array; names: string[]; groupNames: string[] } => ({
  groups: world.companies.family,
  names: world.companies.name,
  groupNames: world.catalog.families,
});

/**
 * The company map while LINE trains: every chunk on the CPU (free), and from a GPU run at most every
 * {@link MAP_INTERVAL_MS} plus each order's first and last chunk (each map reads the vectors back).
 */
function liveMap(
  world: World,
  onProgress: (p: TalentProgress) => void,
): (p: Extract<FitProgress, { status: 'epoch' }>, model: LineModel) => void {
  let last = -Infinity,
    pending = false;
  return (p, model) => {
    const perOrder = p.epochs / ordersOf(model.settings.order).length;
    const edge = (p.epoch - 1) % perOrder === 0 || p.epoch % perOrder === 0;
    if (pending || (p.backend === 'webgpu' && !edge && performance.now() - last < MAP_INTERVAL_MS)) return;
    [pending, last] = [true, performance.now()];
    const caption = `Company embeddings (PCA), chunk ${p.epoch} of ${p.epochs}; colour = job family`;
    // onProgress is not awaited: over comlink it is a round trip, and the next chunk must not wait for it.
    void model
      .snapshot()
      .then((e) => void onProgress({ status: 'map', xy: pca2(e, model.outputDim, 20), ...mapLabels(world), caption }))
      .finally(() => (pending = false));
  };
}

/**
 * Trains and serves talent search (no `self`: testable in Node over a MessageChannel). With a store,
 * `keep` stores LINE's embeddings and the two-tower model after `train`, and `restore` brings them back.
 */
export class TalentService {
  private world: World | null = null;
  private rankers: Record<Pooling, TalentRanker> | null = null;
  private space: EntitySpace | null = null;
  /** How each graph's vectors were made (set by `train` and `restore`). */
  private lineFigures: TalentLineFigures[] = [];
  /** Entity graph sizes of the world in service, computed on first `inspect`. */
  private graphFigures: TalentGraphFigures[] | null = null;
  /** The last training's bundle until {@link keep} stores it. */
  private readonly slot: StoredSlot;

  constructor(store: ModelStore | null = null) {
    this.slot = new StoredSlot(store, TALENT_MODEL_ID, 'talent');
  }

  /** Titles and cities of the trained world (for the form's pickers). */
  vocab(): { titles: string[]; locations: string[] } {
    const w = this.need().world;
    return { titles: w.catalog.titleName, locations: w.catalog.locationName };
  }

  /**
   * Builds everything; `onProgress` receives stages, live company maps, LINE's backend per graph and
   * two-tower epochs. {@link keep} then stores the result.
   */
  async train(
    req: TalentTrainRequest,
    onProgress: (p: TalentProgress) => void = () => undefined,
  ): Promise<TalentTrainResult> {
    checkTalentTrain(req);
    const spec = { members: req.members, seed: req.seed ?? 1 };
    this.slot.set(null); // never keep an earlier run's model in place of a failed one
    onProgress({ status: 'stage', message: 'Generating a world and building the company, skill and title graphs…' });
    const world = talentWorld(spec);
    const labels = new Map<EntityKind, string>();
    const lines: Partial<Record<EntityKind, Promise<ModelState>>> = {};
    const live = liveMap(world, onProgress);
    const keep = this.slot.enabled;
    const imported: Partial<Record<EntityKind, EntityVectorReport>> = {};
    const lineFigures: TalentLineFigures[] = [];
    const space = await trainEntitySpace(world, {
      vectors: req.entityVectors,
      onImported(kind, { vectors, ...report }) {
        imported[kind] = report;
        labels.set(kind, 'imported');
        lineFigures.push({
          kind,
          source: 'imported',
          dimPerOrder: report.dim,
          samples: 0,
          chunks: null,
          seconds: null,
          backend: 'imported',
        });
        if (keep) lines[kind] = Promise.resolve(importedLineState(vectors, report.dim));
        if (kind === 'company') {
          const caption = 'Company embeddings (PCA), imported; colour = job family';
          onProgress({ status: 'map', xy: pca2(vectors, report.dim, 20), ...mapLabels(world), caption });
        }
        const message = `Imported ${kind} vectors: ${describeEntityVectors(kind, report)}`;
        onProgress({ status: 'stage', message, vectors: { kind, ...report } });
      },
      maxSamples: req.maxSamples ?? 300_000,
      line: { chunk: 20_000, seed: spec.seed },
      runtime: req.lineBackend ? { backend: req.lineBackend } : {},
      onProgress(kind, p, model) {
        if (p.status !== 'epoch') return;
        const loss = Number.isFinite(p.loss) ? `, loss ${p.loss.toFixed(3)}` : '';
        onProgress({
          status: 'stage',
          message: `LINE on the ${kind} graph, ${lineBackendLabel(p)}: chunk ${p.epoch} of ${p.epochs}${loss}`,
        });
        if (kind === 'company') live(p, model);
      },
      onFitted(kind, r, model) {
        labels.set(kind, lineBackendLabel(r));
        const { order, dim, samples } = model.settings;
        lineFigures.push({
          kind,
          source: 'trained',
          order,
          dimPerOrder: dim,
          samples,
          chunks: r.epochs,
          seconds: r.seconds,
          backend: lineBackendLabel(r),
        });
        if (keep) lines[kind] = model.toState();
        onProgress({
          status: 'line',
          kind,
          backend: r.backend === 'webgpu' ? 'webgpu' : 'cpu',
          ...(r.kernel ? { kernel: r.kernel } : {}),
          ...(r.fallback ? { fallback: r.fallback } : {}),
        });
      },
    });
    const n = world.recruiter.queries.count;
    const queries = Int32Array.from({ length: n }, (_, i) => i);
    onProgress({ status: 'stage', message: 'Training the two-tower ranker on the InMail log…' });
    const tower = await trainTower(world, queries.subarray(0, Math.round(n * 0.75)), {
      twoTower: { epochs: req.towerEpochs ?? 4, seed: spec.seed },
      onTowerEpoch: (epoch, loss) => onProgress({ status: 'tower', epoch, loss }),
    });
    this.install(world, space, tower.model);
    this.lineFigures = lineFigures;
    const distinct = [...new Set(labels.values())];
    const lineBackend = distinct.length === 1 ? distinct[0] : [...labels].map(([k, l]) => `${k}: ${l}`).join('; ');
    if (keep) {
      const states = { company: await lines.company!, skill: await lines.skill!, title: await lines.title! };
      this.slot.set(talentState(spec, states, tower.model, lineBackend));
    }
    const result: TalentTrainResult = { members: world.members.count, queries: n, lineBackend };
    if (Object.keys(imported).length) result.entityVectors = imported;
    return result;
  }

  /** Stores what `train` built last (LINE's embeddings and the two-tower model, one atomic save). `StorageQuotaError` when it does not fit (the trained state stays, to retry); `InvalidArgumentError` without a store or before training. */
  keep(): Promise<ModelInfo> {
    return this.slot.keep();
  }

  /** The stored bundle's info in a list (empty when nothing is stored), as every client's `list` gives it. */
  list(): Promise<ModelInfo[]> {
    return this.slot.list();
  }

  /** Deletes the stored bundle; `id` must be this system's (`TALENT_MODEL_ID`). */
  delete(id: string): Promise<void> {
    return this.slot.delete(id);
  }

  /** The stored bundle's info (no weights read), or null when nothing is stored (or there is no store). */
  stored(): Promise<ModelInfo | null> {
    return this.slot.stored();
  }

  /**
   * Serves the stored bundle without retraining (the world is regenerated from its seed, the stage
   * combiners refitted on the stored vectors).
   * @throws ModelNotFoundError when nothing (or only the info) is stored: the browser may have evicted it.
   */
  async restore(): Promise<TalentTrainResult> {
    const { info, state } = await this.slot.load();
    const r = await restoreTalent(state);
    this.install(r.world, r.space, r.tower);
    this.lineFigures = (['company', 'skill', 'title'] as const).map((kind) => ({
      kind,
      source: 'restored',
      order: r.line[kind].order,
      dimPerOrder: r.line[kind].dim,
      samples: r.line[kind].samples,
      chunks: null,
      seconds: null,
      backend: r.lineBackend,
    }));
    return {
      members: r.world.members.count,
      queries: r.world.recruiter.queries.count,
      lineBackend: r.lineBackend,
      stored: info,
    };
  }

  /** Fits each pooling's stage combiners on the last quarter of the queries' log. */
  private install(world: World, space: EntitySpace, tower: TwoTowerModel): void {
    const n = world.recruiter.queries.count;
    const combiner = Int32Array.from({ length: n - Math.round(n * 0.75) }, (_, i) => Math.round(n * 0.75) + i);
    const t = { model: tower, vocab: towerVocab(world.catalog) };
    this.rankers = {
      mean: fitRanker(world, space, t, combiner, 'mean'),
      max: fitRanker(world, space, t, combiner, 'max'),
    };
    [this.world, this.space, this.graphFigures] = [world, space, null];
  }

  /** The PCA map of the company embeddings in service (e.g. after `restore`, where no live map was drawn). */
  companyMap(): Extract<TalentProgress, { status: 'map' }> {
    const { world } = this.need();
    const space = this.space as EntitySpace;
    return {
      status: 'map',
      xy: pca2(space.company, space.dim, 20),
      ...mapLabels(world),
      caption: 'Company embeddings (PCA); colour = job family',
    };
  }

  /** The top `k` (default 10) members for a search, with reasons. */
  search(form: TalentSearchForm): TalentHit[] {
    return this.ranked(form).hits;
  }

  /**
   * {@link search}, with how the form was read (title, skills found, unknown skills, city, years) and
   * the pipeline's live figures for it: graph sizes, LINE per graph, pooling of this query's
   * entities, the query tower's output size, members scored and the time taken.
   */
  inspect(form: TalentSearchForm): TalentInspection {
    const { world } = this.need();
    const r = this.ranked(form);
    this.graphFigures ??= (['company', 'skill', 'title'] as const).map((kind) => {
      const g = entityGraph(world, kind);
      return { kind, vertices: g.n, edges: g.src.length };
    });
    return {
      hits: r.hits,
      reading: readTalentQuery(world, form, r.query),
      pipeline: {
        graphs: this.graphFigures,
        line: this.lineFigures,
        pooling: poolingFigures(this.space as EntitySpace, r.query, r.pooling),
        tower: { queryDim: r.queryDim, membersScored: world.members.count, ms: r.ms },
        shown: r.hits.length,
      },
    };
  }

  private ranked(form: TalentSearchForm): {
    hits: TalentHit[];
    query: TalentQuery;
    pooling: Pooling;
    queryDim: number;
    ms: number;
  } {
    const { world, rankers } = this.need();
    checkTalentSearch(form, { titles: world.catalog.titleName.length, locations: world.catalog.locationName.length });
    const pooling: Pooling = form.pooling === 'max' ? 'max' : 'mean';
    const ranker = rankers[pooling];
    const query = formToQuery(world, form);
    const everyone = Int32Array.from({ length: world.members.count }, (_, i) => i);
    const t0 = performance.now();
    const top = ranker.rank(query, everyone, 'twoTower', form.k ?? 10);
    const ms = performance.now() - t0;
    const tower = ranker.tower!; // install always gives the rankers a tower
    const tq = Float32Array.from(tower.model.embedQuery(queryIds(tower.vocab, query)));
    const hits = top.map((r) => ({
      member: r.member,
      description: describeMember(world, r.member),
      score: r.score,
      pAccept: sigmoid(r.score),
      cosine: cosineSim(tq, tower.model.embedMember(memberIds(tower.vocab, world.members, r.member))),
      reasons: r.reasons,
    }));
    return { hits, query, pooling, queryDim: tq.length, ms };
  }

  /**
   * Where a member who is not in the training graphs, typed in by entity names, would rank for
   * `form`: pooled from their entities in the trained entity space and scored by the same fitted
   * stages (nothing retrained), with reasons; unknown names are reported in `unknown`.
   */
  rankMember(form: TalentSearchForm, member: NewMemberProfile): NewMemberRank {
    const { world, rankers } = this.need();
    checkTalentSearch(form, { titles: world.catalog.titleName.length, locations: world.catalog.locationName.length });
    const ranker = rankers[form.pooling === 'max' ? 'max' : 'mean'];
    const { members, unknown } = newMemberTable(world, member);
    const query = formToQuery(world, form);
    const mine = ranker.withMembers(members).rank(query, [0], 'twoTower', 1)[0];
    const everyone = ranker.score(
      query,
      Int32Array.from({ length: world.members.count }, (_, i) => i),
      'twoTower',
    );
    let above = 0;
    for (const s of everyone) if (s >= mine.score) above++;
    return {
      rank: above + 1,
      of: world.members.count,
      score: mine.score,
      pAccept: sigmoid(mine.score),
      reasons: mine.reasons,
      unknown,
    };
  }

  private need(): { world: World; rankers: Record<Pooling, TalentRanker> } {
    if (!this.world || !this.rankers) throw new InvalidArgumentError('talent: train first');
    return { world: this.world, rankers: this.rankers };
  }
}
