/**
 * `npm run eval -- talent [--graph path.json] [--members N] [--queries N] [--seed N] [--pooling mean|max]`
 *
 * LINE (64-d per order, K = 5, 1st + 2nd concatenated, T = 100 passes over the arcs) on the real graphs:
 * node-classification Micro/Macro-F1 at 50% and 80% labelled nodes over 10 random splits, with the
 * logistic regression's L2 chosen by 5-fold CV inside each training split (and, for comparison, at
 * the fixed scikit-learn default C = 1); link-prediction AUC on netscience with 10% of the edges held
 * out, against Adamic–Adar. Then talent search in the simulated world: NDCG@10 of structured match,
 * + LINE, + two-tower. With `--graph`, only that graph's F1 figures.
 */
import { loadGraphFile } from '../../src/data/node.ts';
import { describeGraphLoad } from '../../src/data/loaders/graph.ts';
import type { Graph } from '../../src/data/graph.ts';
import { nodeClassificationF1 } from '../../src/eval/node-classification.ts';
import { lineLinkPrediction } from '../../src/eval/line/evaluate.ts';
import { LineModel } from '../../src/models/line/model.ts';
import { nodeClassificationCv } from '../../src/eval/line/probe.ts';
import { evaluateTalent } from '../../src/systems/talent/evaluate.ts';
import type { Pooling } from '../../src/systems/talent/space.ts';
import { generateWorld } from '../../src/world/index.ts';
import { flag, printTable } from '../table.ts';

const GRAPHS = ['football', 'polbooks', 'adjnoun', 'karate'] as const;
const r4 = (x: number) => Math.round(x * 10000) / 10000;

interface GraphF1 {
  micro_f1_50: number;
  macro_f1_50: number;
  micro_f1_80: number;
  macro_f1_80: number;
  micro_f1_50_c1: number;
  seconds: number;
}

async function graphF1(g: Graph, seed: number): Promise<GraphF1> {
  const t0 = performance.now();
  const model = new LineModel({ samples: 100 * 2 * g.src.length, seed });
  await model.fit(g);
  const emb = model.embeddings(),
    dim = model.outputDim;
  const at = (trainRatio: number) => nodeClassificationCv(emb, dim, g.classes, { trainRatio, seed });
  const [f50, f80] = [at(0.5), at(0.8)];
  const c1 = nodeClassificationF1(emb, dim, g.classes, { trainRatio: 0.5, seed, l2: 1 });
  return {
    micro_f1_50: r4(f50.microF1),
    macro_f1_50: r4(f50.macroF1),
    micro_f1_80: r4(f80.microF1),
    macro_f1_80: r4(f80.macroF1),
    micro_f1_50_c1: r4(c1.microF1),
    seconds: r4((performance.now() - t0) / 1000),
  };
}

function printF1(rows: [string, GraphF1][]): void {
  printTable(
    ['graph', 'Micro-F1 50%', 'Macro-F1 50%', 'Micro-F1 80%', 'Macro-F1 80%', 'Micro-F1 50% (C=1)', 's'],
    rows.map(([n, r]) => [
      n,
      r.micro_f1_50.toFixed(3),
      r.macro_f1_50.toFixed(3),
      r.micro_f1_80.toFixed(3),
      r.macro_f1_80.toFixed(3),
      r.micro_f1_50_c1.toFixed(3),
      r.seconds.toFixed(1),
    ]),
  );
}

export async function run(args: string[]): Promise<unknown> {
  const seed = Number(flag(args, '--seed') ?? 1);
  const custom = flag(args, '--graph');
  if (custom) {
    const g = await loadGraphFile(custom);
    if (g.repeats.merged) console.log(`${custom}: ${describeGraphLoad(g)}`);
    const r = await graphF1(g, seed);
    printF1([[g.name, r]]);
    return {
      graph: {
        name: g.name,
        micro_f1_50: r.micro_f1_50,
        macro_f1_50: r.macro_f1_50,
        micro_f1_80: r.micro_f1_80,
        macro_f1_80: r.macro_f1_80,
      },
    };
  }
  const line: Record<string, unknown> = {};
  const rows: [string, GraphF1][] = [];
  for (const name of GRAPHS) {
    const r = await graphF1(await loadGraphFile(`public/data/graphs/${name}.json`), seed);
    rows.push([name, r]);
    line[name] = {
      micro_f1_50: r.micro_f1_50,
      macro_f1_50: r.macro_f1_50,
      micro_f1_80: r.micro_f1_80,
      macro_f1_80: r.macro_f1_80,
    };
  }
  printF1(rows);
  const lp = await lineLinkPrediction(await loadGraphFile('public/data/graphs/netscience.json'), 0.1, {
    seed,
    line: { samples: 1_000_000, seed },
  });
  printTable(
    ['netscience link prediction (10% held out)', 'AUC'],
    [
      ['LINE 1st + 2nd', lp.both.toFixed(4)],
      ['LINE 1st order', lp.first.toFixed(4)],
      ['LINE 2nd order', lp.second.toFixed(4)],
      ['Adamic–Adar', lp.adamicAdar.toFixed(4)],
    ],
  );
  line.netscience_lp_auc = r4(lp.first);
  line.netscience_lp = {
    both: r4(lp.both),
    first: r4(lp.first),
    second: r4(lp.second),
    adamic_adar: r4(lp.adamicAdar),
  };
  const members = Number(flag(args, '--members') ?? 20_000);
  const queries = Number(flag(args, '--queries') ?? 2_000);
  const pooling = (flag(args, '--pooling') ?? 'mean') as Pooling;
  const t = await evaluateTalent(generateWorld({ members, seed, recruiterQueries: queries }), { seed, pooling });
  console.log(
    `talent: ${members} members, ${queries} queries (${t.queries.tower} two-tower / ${t.queries.combiner} combiner / ${t.queries.test} test), ${pooling} pooling, ${t.seconds.total.toFixed(1)} s`,
  );
  printTable(
    ['ranking', 'NDCG@10'],
    [
      ['structured match', t.ndcg10.structured.toFixed(4)],
      ['+ LINE', t.ndcg10.line.toFixed(4)],
      ['+ two-tower', t.ndcg10.twoTower.toFixed(4)],
    ],
  );
  return {
    line,
    talent: {
      ndcg10_structured: r4(t.ndcg10.structured),
      ndcg10_line: r4(t.ndcg10.line),
      ndcg10_two_tower: r4(t.ndcg10.twoTower),
    },
  };
}
