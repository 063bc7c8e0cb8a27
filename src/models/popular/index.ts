export { PopularModel, POPULAR_KIND, POPULAR_STATE_VERSION, type PopularConfig } from './model.ts';
