export { ItemKnnModel, ITEMKNN_KIND, ITEMKNN_STATE_VERSION, type ItemKnnConfig } from './model.ts';
