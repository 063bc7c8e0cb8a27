/** Entity graphs (company, skill, title) built from the simulated world's member profiles. */
export { cooccurrenceGraph, distinctBags, type Bags, type WeightedEdges } from './cooccurrence.ts';
export { entityGraph, entityGraphs, memberBags, type EntityGraphs, type EntityKind } from './entity-graphs.ts';
