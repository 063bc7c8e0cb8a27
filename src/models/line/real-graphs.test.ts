import { describe, expect, it } from 'vitest';
import { loadGraphFile } from '../../data/node.ts';
import { LineModel } from './model.ts';
import { nodeClassificationCv } from '../../eval/line/probe.ts';

describe('LINE on a real graph', () => {
  it("separates the two factions of Zachary's karate club (Micro-F1 ≥ 0.95 at 50% labels)", async () => {
    const graph = await loadGraphFile('public/data/graphs/karate.json');
    const model = new LineModel({ samples: 100 * 2 * graph.src.length, seed: 1 });
    await model.fit(graph);
    const r = nodeClassificationCv(model.embeddings(), model.outputDim, graph.classes, { trainRatio: 0.5, seed: 1 });
    expect(r.microF1).toBeGreaterThanOrEqual(0.95);
    expect(r.chosenL2).toHaveLength(10);
  });
});
