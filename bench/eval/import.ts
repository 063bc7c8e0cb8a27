/**
 * `npm run eval -- import --format word2vec|pbg-tsv --file F --graph G.json [--by id|label|auto] [--seed N]
 *   [--export-line]`
 *
 * Imports embeddings trained elsewhere, matches vertex names to the graph's node ids (or labels) and
 * scores them as `eval -- talent` scores LINE: node-classification Micro/Macro-F1 at 50% labelled nodes
 * over 10 random splits, λ by nested CV. Unmatched nodes keep zero vectors (counted in `matched`).
 * With `--export-line`, first trains LINE on G exactly as `eval -- talent --graph G` does and writes
 * its vectors to F with our writer (binary word2vec unless F ends in `.txt`; PBG TSV for pbg-tsv).
 *
 * `npm run eval -- import --format torch-ncf --file F.safetensors --ncf-split PREFIX [--arch gmf|mlp|neumf]`
 *
 * Imports a PyTorch NCF (guoyang9/NCF keys) and ranks each test row of He et al.'s split against its
 * sampled negatives (HR@10, NDCG@10, ties pessimistic), as `eval -- courses --ncf-split` does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { initBackend } from '../../src/backend/index.ts';
import { loadGraphFile } from '../../src/data/node.ts';
import type { Graph } from '../../src/data/graph.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { nodeClassificationCv } from '../../src/eval/line/probe.ts';
import { namedRows } from '../../src/interop/embedding-export.ts';
import { readPbgTsv, writePbgTsv } from '../../src/interop/pbg.ts';
import type { TorchNcfArch } from '../../src/interop/torch-ncf.ts';
import { loadTorchNcf } from '../../src/interop/torch-ncf-load.ts';
import { readWord2vec, writeWord2vecBinary, writeWord2vecText } from '../../src/interop/word2vec.ts';
import { EmbeddingModel, matchToGraph } from '../../src/models/embedding/index.ts';
import { LineModel } from '../../src/models/line/model.ts';
import { loadNcfSplitFiles } from '../../src/systems/courses/ncf-split-files.ts';
import { sampledFigures } from '../../src/systems/courses/protocol.ts';
import { flag, printTable } from '../table.ts';

const r4 = (x: number) => Math.round(x * 10000) / 10000;

export async function run(args: string[]): Promise<unknown> {
  const format = flag(args, '--format');
  const file = flag(args, '--file');
  if (!file) throw new InvalidArgumentError('eval import: --file F is required');
  if (format === 'torch-ncf') return torchNcf(file, args);
  if (format !== 'word2vec' && format !== 'pbg-tsv')
    throw new InvalidArgumentError(`eval import: --format must be word2vec, pbg-tsv or torch-ncf, got ${format}`);
  const graphFile = flag(args, '--graph');
  if (!graphFile) throw new InvalidArgumentError('eval import: --graph G.json is required for embeddings');
  const graph = await loadGraphFile(graphFile);
  const seed = Number(flag(args, '--seed') ?? 1);
  if (args.includes('--export-line')) await exportLine(graph, seed, file, format);
  const bytes = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  const vectors = format === 'word2vec' ? readWord2vec(bytes, { file }) : readPbgTsv(bytes, file);
  const model = new EmbeddingModel(vectors);
  const by = (flag(args, '--by') ?? 'auto') as 'id' | 'label' | 'auto';
  const m = matchToGraph(model, graph, { by });
  const readMs = performance.now() - t0;
  const f1 = nodeClassificationCv(m.vectors, m.dim, graph.classes, { trainRatio: 0.5, seed });
  printTable(
    [
      'file',
      'vectors',
      'dim',
      `matched (by ${m.by})`,
      'unmatched nodes',
      'unused vectors',
      'read ms',
      'Micro-F1 50%',
      'Macro-F1 50%',
    ],
    [
      [
        file,
        String(model.size),
        String(model.dim),
        `${m.matched}/${graph.n}`,
        String(m.unmatched),
        String(m.unused),
        readMs.toFixed(1),
        f1.microF1.toFixed(4),
        f1.macroF1.toFixed(4),
      ],
    ],
  );
  return {
    import: { format, nodes: model.size, dim: model.dim, matched: m.matched },
    graph: { micro_f1_50: r4(f1.microF1), macro_f1_50: r4(f1.macroF1) },
  };
}

/** LINE as `eval -- talent --graph` trains it, written to `file` by our writers. */
async function exportLine(graph: Graph, seed: number, file: string, format: 'word2vec' | 'pbg-tsv'): Promise<void> {
  const line = new LineModel({ samples: 100 * 2 * graph.src.length, seed });
  await line.fit(graph);
  const named = namedRows(graph.nodeIds.ids(), line.outputDim, line.embeddings());
  const out =
    format === 'pbg-tsv'
      ? writePbgTsv(named)
      : file.endsWith('.txt')
        ? writeWord2vecText(named)
        : writeWord2vecBinary(named);
  writeFileSync(file, out);
  console.log(`wrote LINE vectors of ${graph.name} (${graph.n} × ${line.outputDim}) to ${file}`);
}

async function torchNcf(file: string, args: string[]): Promise<unknown> {
  const prefix = flag(args, '--ncf-split');
  if (!prefix) throw new InvalidArgumentError('eval import --format torch-ncf: --ncf-split PREFIX is required');
  await initBackend((flag(args, '--backend') as 'wasm' | undefined) ?? 'wasm');
  const split = await loadNcfSplitFiles(prefix);
  const arch = flag(args, '--arch') as TorchNcfArch | undefined;
  const imported = await loadTorchNcf(new Uint8Array(readFileSync(file)), { file, arch });
  const needUsers = split.train.userIds.size;
  const needItems = split.train.itemIds.size;
  if (imported.users < needUsers || imported.items < needItems)
    throw new InvalidArgumentError(
      `${file}: ${imported.users} users × ${imported.items} items, the split has ${needUsers} × ${needItems}`,
    );
  const r = await sampledFigures(imported.model, split);
  imported.model.dispose();
  printTable(
    ['file', 'arch', 'users', 'items', 'split', 'test rows', 'HR@10', 'NDCG@10'],
    [
      [
        file,
        imported.arch,
        String(imported.users),
        String(imported.items),
        split.name,
        String(split.users.length),
        r.hr10.toFixed(4),
        r.ndcg10.toFixed(4),
      ],
    ],
  );
  return {
    import: { format: 'torch-ncf', arch: imported.arch, users: imported.users, items: imported.items },
    hr10: r4(r.hr10),
    ndcg10: r4(r.ndcg10),
  };
}
