/**
 * The talent-search entity graphs of a simulated world: companies linked by members who worked at
 * both, skills by members who list both, titles by members who held both. Each is a {@link Graph}
 * (the same shape as the real graphs in `public/data/graphs`), with the entity's job family as its
 * class, so LINE trains on it and node classification can probe it.
 */
import type { Graph } from '../../../data/graph.ts';
import { IdMap } from '../../../data/idmap.ts';
import type { World } from '../../../world/types.ts';
import { cooccurrenceGraph, type Bags } from './cooccurrence.ts';

/** The three entity types that have graphs. */
export type EntityKind = 'company' | 'skill' | 'title';

/** The entity graphs of one world. */
export type EntityGraphs = Record<EntityKind, Graph>;

/** Per member: the entities of `kind` on their profile (companies and titles over the whole career). */
export function memberBags(world: Pick<World, 'members'>, kind: EntityKind): Bags {
  const m = world.members;
  if (kind === 'skill') return { offsets: m.skills.indptr, values: m.skills.indices };
  const h = m.history;
  return { offsets: h.offsets, values: kind === 'company' ? h.company : h.title };
}

/** Number of entities of `kind`, their names and their families. */
function vocabulary(
  world: Pick<World, 'companies' | 'catalog'>,
  kind: EntityKind,
): { names: string[]; family: ArrayLike<number> } {
  const c = world.catalog;
  if (kind === 'company') return { names: world.companies.name, family: world.companies.family };
  if (kind === 'skill') return { names: c.skillName, family: c.skillFamily };
  return { names: c.titleName, family: c.titleFamily };
}

/**
 * The `kind` graph of `world`: undirected, one edge per co-occurring pair, weight = members shared.
 * @example const companies = entityGraph(generateWorld({ members: 10_000 }), 'company');
 */
export function entityGraph(world: Pick<World, 'members' | 'companies' | 'catalog'>, kind: EntityKind): Graph {
  const { names, family } = vocabulary(world, kind);
  const n = names.length;
  const edges = cooccurrenceGraph(memberBags(world, kind), n);
  const families = world.catalog.families;
  return {
    name: `${kind} graph`,
    directed: false,
    description: `${kind}s linked by the number of simulated members they share`,
    n,
    nodeIds: new IdMap(
      Array.from({ length: n }, (_, i) => i),
      kind,
    ),
    labels: names.slice(),
    classes: Int32Array.from(family),
    classNames: families.slice(),
    src: edges.src,
    dst: edges.dst,
    weight: edges.weight,
  };
}

/** All three entity graphs of `world`. */
export function entityGraphs(world: Pick<World, 'members' | 'companies' | 'catalog'>): EntityGraphs {
  return {
    company: entityGraph(world, 'company'),
    skill: entityGraph(world, 'skill'),
    title: entityGraph(world, 'title'),
  };
}
