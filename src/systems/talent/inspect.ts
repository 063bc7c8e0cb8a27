/**
 * What a talent search shows beside its ranked list: how the query was read (the echo a recruiter
 * checks: title, skills found, city, years; typed skills the model does not know), and the live
 * figures of the pipeline that ranked it — the entity graphs, LINE per graph, pooling of this query's
 * entities and the two-tower for this query.
 */
import type { LineOrder } from '../../models/line/config.ts';
import { ANY_LOCATION } from '../../world/recruiter-truth.ts';
import type { World } from '../../world/types.ts';
import type { EntityKind } from './graph/entity-graphs.ts';
import { parseQueryText, type TalentQuery } from './query.ts';
import type { TalentSearchForm } from './requests.ts';
import type { EntitySpace, Pooling } from './space.ts';

/** Seniority levels as `TalentQuery.seniority` numbers them. */
const SENIORITY_NAMES = ['entry', 'mid-level', 'senior', 'lead', 'executive'] as const;

/** How a search form was read into a {@link TalentQuery}, in names (the search tab's echo). */
export interface TalentQueryReading {
  /** The title searched for, or null for any title. */
  title: string | null;
  /** Where the title came from: the picker, the free text, or nowhere. */
  titleFrom: 'picker' | 'text' | null;
  /** The seniority the free text names ("senior", "lead"…), or null when it names none (mid-level assumed). */
  seniority: string | null;
  /** Skills found in the skills field and the free text, as the model names them. */
  skills: string[];
  /** Comma-separated terms of the skills field that match no skill the model knows (left out of the search). */
  unknownSkills: string[];
  /** The city searched in, or null for anywhere. */
  location: string | null;
  locationFrom: 'picker' | 'text' | null;
  minYears: number;
  /** Companies the free text names ("people like those at X"). */
  companies: string[];
}

/**
 * The reading of `form` that produced `query` (from `formToQuery`): names of what was found, and
 * the skills-field terms that matched nothing.
 */
export function readTalentQuery(
  world: Pick<World, 'catalog' | 'companies'>,
  form: TalentSearchForm,
  query: TalentQuery,
): TalentQueryReading {
  const cat = world.catalog;
  const unknownSkills = form.skills
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t && parseQueryText(t, cat).skills.length === 0);
  const stated = /\b(principal|executive|lead|senior|junior)\b/i.test(form.text);
  return {
    title: query.title >= 0 ? cat.titleName[query.title] : null,
    titleFrom: form.title >= 0 ? 'picker' : query.title >= 0 ? 'text' : null,
    seniority: stated ? SENIORITY_NAMES[query.seniority] : null,
    skills: query.skills.map((s) => cat.skillName[s]),
    unknownSkills,
    location: query.location !== ANY_LOCATION ? cat.locationName[query.location] : null,
    locationFrom: form.location !== ANY_LOCATION ? 'picker' : query.location !== ANY_LOCATION ? 'text' : null,
    minYears: query.minYears,
    companies: query.companies.map((c) => world.companies.name[c]),
  };
}

/** One entity graph's size. */
export interface TalentGraphFigures {
  kind: EntityKind;
  /** Entities (companies, skills or titles). */
  vertices: number;
  /** Undirected edges: pairs of entities some member shares. */
  edges: number;
}

/** How one graph's vectors were made. */
export interface TalentLineFigures {
  kind: EntityKind;
  /** `trained` in this session, `restored` from storage (not retrained), or `imported` from a vectors file. */
  source: 'trained' | 'restored' | 'imported';
  /** LINE's proximities (absent for imported vectors). */
  order?: LineOrder;
  /** Dimensions per order (imported: the file's width). */
  dimPerOrder: number;
  /** Edge samples per order (0 for imported vectors). */
  samples: number;
  /** Chunks run (each a progress report); null when not trained in this session. */
  chunks: number | null;
  /** Training seconds; null when not trained in this session. */
  seconds: number | null;
  /** Which path trained it (`WebGPU (…)`, `CPU`, `imported`, or the stored label). */
  backend: string;
}

/** Pooling of the current query's entities into one vector per kind. */
export interface TalentPoolingFigures {
  mode: Pooling;
  /** Width of each pooled vector (LINE's output width). */
  dim: number;
  /** Per kind: entities the query names, and how many of them have a (non-zero) vector. */
  kinds: { kind: EntityKind; named: number; withVector: number }[];
}

/** The two-tower stage for the current query. */
export interface TalentTowerFigures {
  /** Length of the query tower's output vector for this query. */
  queryDim: number;
  /** Members scored (every member of the world). */
  membersScored: number;
  /** Milliseconds to score and rank them all (features, towers and the combiner). */
  ms: number;
}

/** The live figures of the talent pipeline for one search. */
export interface TalentPipelineFigures {
  graphs: TalentGraphFigures[];
  line: TalentLineFigures[];
  pooling: TalentPoolingFigures;
  tower: TalentTowerFigures;
  /** Candidates returned. */
  shown: number;
}

function nonZeroRows(emb: Float32Array, dim: number, ids: ArrayLike<number>): number {
  let n = 0;
  for (let k = 0; k < ids.length; k++) {
    const r = ids[k] * dim;
    for (let i = 0; i < dim; i++)
      if (emb[r + i] !== 0) {
        n++;
        break;
      }
  }
  return n;
}

/** Pooling figures of `query` in `space`. */
export function poolingFigures(space: EntitySpace, query: TalentQuery, mode: Pooling): TalentPoolingFigures {
  const titles = query.title >= 0 ? [query.title] : [];
  return {
    mode,
    dim: space.dim,
    kinds: [
      { kind: 'title', named: titles.length, withVector: nonZeroRows(space.title, space.dim, titles) },
      { kind: 'skill', named: query.skills.length, withVector: nonZeroRows(space.skill, space.dim, query.skills) },
      {
        kind: 'company',
        named: query.companies.length,
        withVector: nonZeroRows(space.company, space.dim, query.companies),
      },
    ],
  };
}

/** Logistic sigmoid: a logit as a probability. */
export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
