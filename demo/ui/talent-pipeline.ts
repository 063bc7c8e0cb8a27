/**
 * The talent pipeline's boxes for the live diagram (pipeline.ts): entity graphs → LINE first order →
 * LINE second order → pooling → two-tower → ranked list, each with figures from the running objects
 * (the service's `inspect`) for the query just searched, and an explanation in our own words.
 */
import type { TalentPipelineFigures } from '../../src/talent.ts';
import type { Explanation } from './glossary.ts';
import type { PipelineStage } from './pipeline.ts';

const LINE_PAPER = {
  title: 'Tang, Qu, Wang, Zhang, Yan, Mei, LINE: Large-scale Information Network Embedding, WWW 2015',
  url: 'https://arxiv.org/abs/1503.03578',
};
const TALENT_PAPER = {
  title: 'Ramanath et al., Towards Deep and Representation Learning for Talent Search at LinkedIn, CIKM 2018',
  url: 'https://arxiv.org/abs/1809.06473',
};

/** What each box explains, in our own words. */
export const TALENT_STAGES: Record<string, Explanation> = {
  graphs: {
    title: 'Entity graphs',
    body: "Each member profile lists companies worked at, titles held and skills. Two companies are joined by an edge when some member worked at both; the edge's weight is how many members did. The same goes for titles and for skills. Things that often appear on the same profiles end up close in the graph, which is what the next step learns from.",
    source: TALENT_PAPER,
  },
  line1: {
    title: 'LINE, first order',
    body: 'Learns a vector per entity so that two entities joined by a heavy edge get vectors pointing the same way: directly linked things look alike. It samples edges in proportion to their weight and nudges both ends together, while pushing apart a few random pairs (negative sampling).',
    source: LINE_PAPER,
  },
  line2: {
    title: 'LINE, second order',
    body: 'Learns a second vector per entity so that entities with the same neighbours look alike even if they are never linked themselves: two skills used alongside the same tools count as related. The two orders are normalised and placed side by side into one vector per entity.',
    source: LINE_PAPER,
  },
  pooling: {
    title: 'Pooling',
    body: "A query (and a member) names several entities: a title, some skills, companies. Pooling turns each kind's bag into one vector, either the average of the vectors (mean) or the largest value of each dimension (max). Names the model does not know have no vector and are left out. Comparing the pooled query and member vectors gives soft matches: a related title, neighbouring skills, companies like the hiring one.",
    source: TALENT_PAPER,
  },
  tower: {
    title: 'Two-tower model',
    body: "One small network (the query tower) turns the query's entities into a vector; another (the member tower) does the same for each member's profile. Their cosine similarity, scaled and shifted, is a logit trained on past InMails: did the member accept and was it relevant? Member vectors do not depend on the query, so a real system computes them ahead of time and only the query tower runs per search.",
    source: TALENT_PAPER,
  },
  ranked: {
    title: 'Ranked list',
    body: "A logistic regression, fitted on InMails held out from the two-tower's training, combines the exact matches (title, share of skills, city, years), the pooled LINE similarities and the two-tower score into one logit per member. Its sigmoid is the estimated P(accept); members are sorted by it and the top ones shown, each with the reasons that hold for them.",
    source: TALENT_PAPER,
  },
};

const KIND_PLURAL = { company: 'companies', skill: 'skills', title: 'titles' } as const;
const n = (x: number): string => x.toLocaleString('en-US');

/** One line per graph of the LINE order `order`, or why it has none. */
function lineFigures(p: TalentPipelineFigures, order: 1 | 2): string[] {
  return p.line.map((l) => {
    const name = KIND_PLURAL[l.kind];
    if (l.source === 'imported') return `${name}: imported ${l.dimPerOrder}-dim vectors, not trained here`;
    const has = l.order === 'both' || l.order === (order === 1 ? 'first' : 'second');
    if (!has) return `${name}: not used (${l.order} order only)`;
    return `${name}: ${l.dimPerOrder} dims, ${n(l.samples)} edge samples`;
  });
}

/** How long LINE took (both orders of every graph), or that it was restored. */
function lineTime(p: TalentPipelineFigures): string {
  const trained = p.line.filter((l) => l.seconds !== null);
  if (!trained.length) return p.line.some((l) => l.source === 'restored') ? 'restored from storage, not retrained' : '';
  const s = trained.reduce((sum, l) => sum + (l.seconds ?? 0), 0);
  const chunks = trained.reduce((sum, l) => sum + (l.chunks ?? 0), 0);
  return `both orders: ${s.toFixed(1)} s, ${n(chunks)} chunks on ${[...new Set(trained.map((l) => l.backend))].join(' / ')}`;
}

/** The boxes for `p`; `unknownSkills` counts the typed skills that had no vector at all. */
export function talentStages(p: TalentPipelineFigures, unknownSkills: number): PipelineStage[] {
  const pooled = p.pooling.kinds.map((k) => {
    const extra = k.kind === 'skill' && unknownSkills ? `; ${unknownSkills} unknown, left out` : '';
    return `${KIND_PLURAL[k.kind]}: ${k.withVector} of ${k.named} found a vector${extra}`;
  });
  return [
    {
      id: 'graphs',
      title: 'Entity graphs',
      figures: p.graphs.map((g) => `${KIND_PLURAL[g.kind]}: ${n(g.vertices)} vertices, ${n(g.edges)} edges`),
      explain: TALENT_STAGES.graphs,
    },
    { id: 'line1', title: 'LINE first order', figures: lineFigures(p, 1), explain: TALENT_STAGES.line1 },
    {
      id: 'line2',
      title: 'LINE second order',
      figures: [...lineFigures(p, 2), lineTime(p)].filter(Boolean),
      explain: TALENT_STAGES.line2,
    },
    {
      id: 'pooling',
      title: `Pooling (${p.pooling.mode})`,
      figures: [...pooled, `→ one ${p.pooling.dim}-dim vector per kind`],
      explain: TALENT_STAGES.pooling,
    },
    {
      id: 'tower',
      title: 'Two-tower',
      figures: [
        `query vector: ${p.tower.queryDim} dims`,
        `${n(p.tower.membersScored)} members scored`,
        `${p.tower.ms.toFixed(0)} ms`,
      ],
      explain: TALENT_STAGES.tower,
    },
    { id: 'ranked', title: 'Ranked list', figures: [`top ${p.shown} shown`], explain: TALENT_STAGES.ranked },
  ];
}
