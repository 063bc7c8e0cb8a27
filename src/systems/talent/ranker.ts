/**
 * The recruiter ranking: a logistic combiner over structured-field matches, then + the LINE
 * similarities, then + the two-tower score, each fitted on logged (query, member, relevant ∧ accepted)
 * outcomes. Every result carries the reasons it ranks where it does.
 */
import { fitOneVsRest, type OneVsRestModel } from '../../eval/logistic.ts';
import { InvalidArgumentError } from '../../errors.ts';
import type { World } from '../../world/types.ts';
import type { TwoTowerModel } from '../../models/two-tower/model.ts';
import { lineFeatures, poolMember, poolQuery, structuredFeatures, type PooledBag } from './features.ts';
import type { TalentQuery } from './query.ts';
import { explainMatch } from './reasons.ts';
import type { EntitySpace, Pooling } from './space.ts';
import { memberIds, queryIds, type TowerVocab } from './tower-inputs.ts';

/** The ranking stages, each adding features to the previous. */
export type TalentStage = 'structured' | 'line' | 'twoTower';

/** A labelled (query, member) pair for fitting the combiner. */
export interface LabelledPair {
  query: TalentQuery;
  member: number;
  label: 0 | 1;
}

/** One ranked candidate. */
export interface TalentResult {
  member: number;
  score: number;
  reasons: string[];
}

type RankerWorld = Pick<World, 'members' | 'catalog' | 'companies'>;

/** Scores (query, member) pairs by a fitted combiner at one stage. */
export class TalentRanker {
  private readonly memberCache = new Map<number, PooledBag>();
  private readonly combiners = new Map<TalentStage, OneVsRestModel>();

  constructor(
    readonly world: RankerWorld,
    readonly space: EntitySpace | null,
    readonly tower: { model: TwoTowerModel; vocab: TowerVocab } | null,
    readonly pooling: Pooling = 'mean',
  ) {}

  /** The same fitted ranker over other members (e.g. one typed in): combiners shared, nothing refitted. */
  withMembers(members: RankerWorld['members']): TalentRanker {
    const r = new TalentRanker({ ...this.world, members }, this.space, this.tower, this.pooling);
    for (const [stage, model] of this.combiners) r.combiners.set(stage, model);
    return r;
  }

  private pooledMember(m: number): PooledBag {
    let p = this.memberCache.get(m);
    if (!p) this.memberCache.set(m, (p = poolMember(this.space as EntitySpace, this.world.members, m, this.pooling)));
    return p;
  }

  /** Features of (q, each member) at `stage`, row-major. */
  features(q: TalentQuery, members: ArrayLike<number>, stage: TalentStage): { x: Float64Array; dim: number } {
    const dim = stage === 'structured' ? 4 : stage === 'line' ? 7 : 8;
    if (stage !== 'structured' && !this.space)
      throw new InvalidArgumentError('talent: the LINE stage needs an entity space');
    if (stage === 'twoTower' && !this.tower)
      throw new InvalidArgumentError('talent: the two-tower stage needs a trained two-tower model');
    const pq = stage === 'structured' ? null : poolQuery(this.space as EntitySpace, q, this.pooling);
    const tq = stage === 'twoTower' && this.tower ? this.tower.model.embedQuery(queryIds(this.tower.vocab, q)) : null;
    const x = new Float64Array(members.length * dim);
    for (let i = 0; i < members.length; i++) {
      const m = members[i];
      const row = structuredFeatures(this.world.members, q, m);
      if (pq) for (const f of lineFeatures(pq, this.pooledMember(m))) row.push(f);
      if (tq && this.tower)
        row.push(
          this.tower.model.scoreVectors(
            tq,
            this.tower.model.embedMember(memberIds(this.tower.vocab, this.world.members, m)),
          ),
        );
      x.set(row, i * dim);
    }
    return { x, dim };
  }

  /** Fits the stage's logistic combiner on labelled pairs (grouped by query for speed). */
  fitStage(stage: TalentStage, pairs: LabelledPair[]): void {
    const rows: Float64Array[] = [];
    let dim = 0;
    for (const p of pairs) {
      const f = this.features(p.query, [p.member], stage);
      rows.push(f.x);
      dim = f.dim;
    }
    const x = new Float64Array(rows.length * dim);
    rows.forEach((r, i) => x.set(r, i * dim));
    const y = pairs.map((p) => p.label);
    if (new Set(y).size < 2)
      throw new InvalidArgumentError('talent: the combiner needs both positive and negative pairs');
    this.combiners.set(stage, fitOneVsRest(x, dim, y, { l2: 1 }));
  }

  /** Scores of `members` for `q` at `stage` (higher is better). */
  score(q: TalentQuery, members: ArrayLike<number>, stage: TalentStage): Float64Array {
    const model = this.combiners.get(stage);
    if (!model) throw new InvalidArgumentError(`talent: stage ${stage} is not fitted`);
    const { x } = this.features(q, members, stage);
    // Two classes give one decision column, for the larger class (label 1).
    return model.decision(x);
  }

  /** The top `k` of `candidates` for `q` at `stage`, with reasons. */
  rank(q: TalentQuery, candidates: ArrayLike<number>, stage: TalentStage, k = 10): TalentResult[] {
    const s = this.score(q, candidates, stage);
    const order = Array.from(s.keys())
      .sort((a, b) => s[b] - s[a] || candidates[a] - candidates[b])
      .slice(0, k);
    return order.map((i) => ({
      member: candidates[i],
      score: s[i],
      reasons: explainMatch(this.world, this.space, q, candidates[i]),
    }));
  }
}
