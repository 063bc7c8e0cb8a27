/** The supervised two-tower ranker: sparse-input towers, scaled-cosine cross network, Adam. */
export { Adam } from './adam.ts';
export { TwoTowerModel, type IdBags, type Triples, type TwoTowerConfig } from './model.ts';
export { Tower, type TowerShape, type TowerTrace } from './tower.ts';
export { TWO_TOWER_KIND, TWO_TOWER_STATE_VERSION, twoTowerFromState, twoTowerToState } from './state.ts';
