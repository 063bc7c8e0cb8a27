/**
 * A recruiter query as a bag of entities plus structured constraints, from the simulator's logged
 * queries or from what a recruiter types (structured fields and free text).
 */
import { ANY_LOCATION } from '../../world/recruiter-truth.ts';
import type { Catalog, World } from '../../world/types.ts';
import { csrIndices } from '../../data/index.ts';

/** A recruiter query. `location` is `ANY_LOCATION` (255) for "anywhere"; `title` −1 for none. */
export interface TalentQuery {
  title: number;
  /** 0 entry … 4 executive. */
  seniority: number;
  skills: number[];
  location: number;
  minYears: number;
  /** Companies the query names (the hiring company, or "people like those at X"). */
  companies: number[];
}

/** Logged query `q` of `world`; its hiring company is the job posting's. */
export function worldQuery(world: Pick<World, 'recruiter' | 'jobs'>, q: number): TalentQuery {
  const r = world.recruiter.queries;
  return {
    title: r.title[q],
    seniority: r.seniority[q],
    skills: Array.from(csrIndices(r.skills, q)),
    location: r.location[q],
    minYears: r.minYears[q],
    companies: [world.jobs.company[r.job[q]]],
  };
}

const norm = (s: string): string =>
  ` ${s
    .toLowerCase()
    .replace(/[^a-z0-9+#.]+/g, ' ')
    .trim()} `;

/** Indices of `names` that occur as whole words in `text`, longest names first (so "Java" does not hide "JavaScript"). */
function mentioned(text: string, names: readonly string[]): number[] {
  const t = norm(text);
  const hits: number[] = [];
  const order = names
    .map((n, i) => [norm(n), i] as const)
    .filter(([n]) => n.trim().length > 1)
    .sort((a, b) => b[0].length - a[0].length);
  let rest = t;
  for (const [n, i] of order) {
    if (rest.includes(n)) {
      hits.push(i);
      rest = rest.replace(n, ' ');
    }
  }
  return hits;
}

/**
 * Entities named in free text ("senior data scientist with Kafka and Redis in Berlin"): skills,
 * the first title, the first location and companies, by whole-word match against the vocabularies.
 */
export function parseQueryText(
  text: string,
  catalog: Pick<Catalog, 'skillName' | 'titleName' | 'locationName'>,
  companyNames: readonly string[] = [],
): { title: number; skills: number[]; location: number; companies: number[] } {
  const titles = mentioned(text, catalog.titleName);
  const locations = mentioned(text, catalog.locationName);
  return {
    title: titles.length ? titles[0] : -1,
    skills: mentioned(text, catalog.skillName).sort((a, b) => a - b),
    location: locations.length ? locations[0] : ANY_LOCATION,
    companies: mentioned(text, companyNames),
  };
}
