import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelFigures } from '../../src/systems/courses/movielens-eval.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { PRETRAIN_NCF_SPLIT, TUNED, TUNED_NCF_SPLIT } from '../../src/systems/courses/movielens-eval.ts';
import { configsFor, COURSE_MODELS, run, selectedModels, summary } from './courses.ts';

// Popular and item-kNN need no tensor backend; starting wasm would take most of this file's time.
vi.mock('../../src/backend/index.ts', async (actual) => ({
  ...(await actual<object>()),
  initBackend: async () => ({ backend: 'none (mocked)' }),
}));

afterEach(() => vi.restoreAllMocks());

describe('eval -- courses --models', () => {
  it('selects the named models in run order, all by default', () => {
    expect(selectedModels([])).toEqual(COURSE_MODELS);
    expect(selectedModels(['--models', 'ncf,popular'])).toEqual(['popular', 'ncf']);
    expect(selectedModels(['--ncf-split', 'x', '--models', ' gmf , mlp,'])).toEqual(['gmf', 'mlp']);
  });

  it('refuses unknown or missing names, listing the valid ones', () => {
    expect(() => selectedModels(['--models', 'gmf,bpr'])).toThrow(InvalidArgumentError);
    expect(() => selectedModels(['--models', 'gmf,bpr'])).toThrow(
      /unknown bpr; valid: popular, itemknn, mf, gmf, mlp, neumf, ncf/,
    );
    expect(() => selectedModels(['--models', ','])).toThrow(/no model named/);
    expect(() => selectedModels(['--models'])).toThrow(/no model named/);
  });

  it('runs only the selected models on a split streamed from disk; the others are absent from the result', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const out = await run([
      '--ncf-split',
      'src/systems/courses/fixtures/tiny',
      '--models',
      'itemknn,popular',
      '--skip-world',
    ]);
    expect(out).toEqual({ dataset: 'tiny', protocol: 'loo-2neg', full: { itemknn: { ndcg10: 1 } } });
  });

  it('uses the split-tuned GMF / MLP / NeuMF on a --ncf-split, TUNED otherwise; a consistent pre-training plan', () => {
    const split = configsFor(['--ncf-split', 'x']);
    expect(split.gmf).toEqual(TUNED_NCF_SPLIT.gmf);
    expect(split.neumf).toEqual(TUNED_NCF_SPLIT.neumf);
    expect(split.mf).toEqual(TUNED.mf);
    expect(configsFor([]).gmf).toEqual(TUNED.gmf);
    // Pre-training needs the GMF's dim and the MLP's layers to be NeuMF's.
    expect(PRETRAIN_NCF_SPLIT.gmf.dim).toBe(PRETRAIN_NCF_SPLIT.neumf.dim);
    expect(PRETRAIN_NCF_SPLIT.mlp.layers).toEqual(PRETRAIN_NCF_SPLIT.neumf.layers);
  });

  it("keeps the last line's shape for the models that ran", () => {
    const fig = (kind: string, ndcg10: number): ModelFigures => ({
      kind,
      sampled: { hr10: 0.5, ndcg10, mrr: 0.2 },
      full: { hr10: 0.1, ndcg10: ndcg10 / 10, mrr: 0 },
      epochs: 1,
      seconds: 1,
    });
    const p = { name: 'ml-1m', nNeg: 99 };
    expect(summary(p, [fig('mlp', 0.3), fig('ncf', 0.4)])).toEqual({
      dataset: 'ml-1m',
      protocol: 'loo-99neg',
      mlp: { hr10: 0.5, ndcg10: 0.3 },
      ncf: { hr10: 0.5, ndcg10: 0.4 },
      best: { model: 'ncf', hr10: 0.5, ndcg10: 0.4 },
      full: { best: { ndcg10: 0.04 } },
    });
    const all = summary(
      p,
      COURSE_MODELS.map((k, n) => fig(k, n / 10)),
    );
    expect(Object.keys(all)).toEqual(['dataset', 'protocol', 'gmf', 'mlp', 'neumf', 'ncf', 'best', 'full']);
    expect(all.full).toEqual({ best: { ndcg10: 0.06 }, itemknn: { ndcg10: 0.01 } });
  });
});
