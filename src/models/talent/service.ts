/**
 * The talent-search service, a plain class a dedicated worker exposes over comlink: it generates a
 * world, builds its entity graphs, trains LINE (streaming a PCA map of the company embeddings), the
 * two-tower model and the stage combiners, then answers recruiter searches with reasons.
 */
import { describeMember } from '../../world/describe';
import { generateWorld } from '../../world/generate';
import { ANY_LOCATION } from '../../world/recruiter-truth';
import type { World } from '../../world/types';
import { InvalidArgumentError } from '../../errors';
import { pca2 } from './pca';
import { parseQueryText, type TalentQuery } from './query';
import type { TalentRanker } from './ranker';
import { trainEntitySpace, type Pooling } from './space';
import { fitRanker, trainTower } from './train';

/** What `train` reports, status-tagged. */
export type TalentProgress =
  | { status: 'stage'; message: string }
  | { status: 'map'; xy: Float32Array; groups: Uint8Array; caption: string }
  | { status: 'tower'; epoch: number; loss: number };

/** Options of {@link TalentService.train}. */
export interface TalentTrainRequest {
  members: number;
  seed?: number;
  /** LINE edge samples per order per graph, at most (default 300,000). */
  maxSamples?: number;
  towerEpochs?: number;
}

/** A recruiter's search: structured fields (−1 / 255 = unset) and free text. */
export interface TalentSearchForm {
  title: number;
  skills: string;
  location: number;
  minYears: number;
  text: string;
  pooling: Pooling;
  k?: number;
}

/** One ranked candidate. */
export interface TalentHit {
  member: number;
  description: string;
  score: number;
  reasons: string[];
}

const SENIORITY_WORDS: [RegExp, number][] = [[/\b(principal|executive)\b/i, 4], [/\blead\b/i, 3], [/\bsenior\b/i, 2], [/\bjunior\b/i, 0]];

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

/** Trains and serves talent search (no `self`: testable in Node over a MessageChannel). */
export class TalentService {
  private world: World | null = null;
  private rankers: Record<Pooling, TalentRanker> | null = null;

  /** Titles and cities of the trained world (for the form's pickers). */
  vocab(): { titles: string[]; locations: string[] } {
    const w = this.need().world;
    return { titles: w.catalog.titleName, locations: w.catalog.locationName };
  }

  /** Builds everything; `onProgress` receives stages, live company maps and two-tower epochs. */
  async train(req: TalentTrainRequest, onProgress: (p: TalentProgress) => void = () => undefined): Promise<{ members: number; queries: number }> {
    const seed = req.seed ?? 1;
    onProgress({ status: 'stage', message: 'Generating a world and building the company, skill and title graphs…' });
    const world = generateWorld({ members: req.members, seed, recruiterQueries: Math.max(200, Math.round(req.members / 5)) });
    const space = await trainEntitySpace(world, {
      maxSamples: req.maxSamples ?? 300_000,
      line: { chunk: 20_000, seed },
      onProgress(kind, p, model) {
        if (p.status !== 'epoch') return;
        onProgress({ status: 'stage', message: `LINE on the ${kind} graph: chunk ${p.epoch} of ${p.epochs}, loss ${p.loss.toFixed(3)}` });
        if (kind === 'company') onProgress({ status: 'map', xy: pca2(model.embeddings(), model.outputDim, 20), groups: world.companies.family, caption: `Company embeddings (PCA), chunk ${p.epoch} of ${p.epochs}; colour = job family` });
      },
    });
    const n = world.recruiter.queries.count;
    const queries = Int32Array.from({ length: n }, (_, i) => i);
    onProgress({ status: 'stage', message: 'Training the two-tower ranker on the InMail log…' });
    const tower = await trainTower(world, queries.subarray(0, Math.round(n * 0.75)), {
      twoTower: { epochs: req.towerEpochs ?? 4, seed },
      onTowerEpoch: (epoch, loss) => onProgress({ status: 'tower', epoch, loss }),
    });
    const combiner = queries.subarray(Math.round(n * 0.75));
    this.rankers = { mean: fitRanker(world, space, tower, combiner, 'mean'), max: fitRanker(world, space, tower, combiner, 'max') };
    this.world = world;
    return { members: world.members.count, queries: n };
  }

  /** The top `k` (default 10) members for a search, with reasons. */
  search(form: TalentSearchForm): TalentHit[] {
    const { world, rankers } = this.need();
    const everyone = Int32Array.from({ length: world.members.count }, (_, i) => i);
    return rankers[form.pooling === 'max' ? 'max' : 'mean']
      .rank(formToQuery(world, form), everyone, 'twoTower', form.k ?? 10)
      .map((r) => ({ member: r.member, description: describeMember(world, r.member), score: r.score, reasons: r.reasons }));
  }

  private need(): { world: World; rankers: Record<Pooling, TalentRanker> } {
    if (!this.world || !this.rankers) throw new InvalidArgumentError('talent: train first');
    return { world: this.world, rankers: this.rankers };
  }
}
