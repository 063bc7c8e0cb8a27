/**
 * The API reference (`npm run docs`, TypeDoc) is generated from doc comments, so this checks them at
 * the source without running TypeDoc: every export of every public entry file has a doc comment, and
 * the exports an app calls directly — every value of the root entry, and the connect / serve / define /
 * create / load / generate / metric functions of the subpath entries — carry an `@example`. Exports are
 * read the way a consumer sees them: through the TypeScript checker, re-exports resolved to the
 * declaration that carries the comment.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));

/** The public entry files (`linkrec` and `linkrec/<name>`), as typedoc.json lists them. */
const ENTRIES = [
  'index',
  'courses',
  'talent',
  'feed',
  'eval',
  'world',
  'models',
  'data',
  'node',
  'worker',
  'element',
  'interop',
];

/**
 * The subpath exports an app calls directly, which need an `@example` (every value of the root entry
 * needs one too). `'*'` means every value the entry exports.
 */
const EXAMPLE_REQUIRED: Record<string, readonly string[] | '*'> = {
  index: '*',
  worker: '*',
  node: '*',
  element: ['defineRecommendationsElement'],
  courses: ['createModel', 'modelFromState', 'loadNcfSplit', 'parseNcfSplit', 'runBaselines'],
  data: ['loadInteractions', 'loadGraph', 'loadItemTitles', 'parseGraph'],
  world: ['generateWorld'],
  interop: ['readSafetensors', 'writeSafetensors', 'modelStateToSafetensors', 'modelStateFromSafetensors'],
  eval: [
    'auc',
    'hitRateAt',
    'logLoss',
    'macroF1',
    'microF1',
    'ndcgAt',
    'oeRatio',
    'oeRatioByGroup',
    'precisionAt',
    'rankOfTarget',
    'recallAt',
    'reciprocalRank',
  ],
};

/** One export of one entry: its public name, whether it is a value, its doc text and its tags. */
interface ExportDoc {
  entry: string;
  name: string;
  isValue: boolean;
  doc: string;
  tags: readonly string[];
}

/** Reads every entry's exports with their resolved doc comments (one Program, no type check). */
function readExports(): ExportDoc[] {
  const files = ENTRIES.map((e) => `${SRC}${e}.ts`);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const docs: ExportDoc[] = [];
  for (const [i, entry] of ENTRIES.entries()) {
    const source = program.getSourceFile(files[i]!);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read the module ${entry}.ts`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      docs.push({
        entry,
        name: exported.name,
        isValue: (symbol.flags & ts.SymbolFlags.Value) !== 0,
        doc: ts.displayPartsToString(symbol.getDocumentationComment(undefined)).trim(),
        tags: symbol
          .getJsDocTags(undefined)
          .filter((t) => ts.displayPartsToString(t.text).trim() !== '')
          .map((t) => t.name),
      });
    }
  }
  return docs;
}

/** Whether an export must carry an `@example`. */
function needsExample(d: ExportDoc): boolean {
  const required = EXAMPLE_REQUIRED[d.entry];
  if (!required) return false;
  return required === '*' ? d.isValue : required.includes(d.name);
}

describe('API doc comments (the source of `npm run docs`)', () => {
  const exports = readExports();
  const label = (d: ExportDoc) => `${d.entry === 'index' ? 'linkrec' : `linkrec/${d.entry}`}: ${d.name}`;

  it('reads every entry file and its exports', () => {
    for (const entry of ENTRIES) expect(exports.filter((d) => d.entry === entry).length, entry).toBeGreaterThan(0);
    for (const [entry, names] of Object.entries(EXAMPLE_REQUIRED)) {
      if (names === '*') continue;
      const missing = names.filter((n) => !exports.some((d) => d.entry === entry && d.name === n));
      expect(missing, `listed in EXAMPLE_REQUIRED but not exported by ${entry}.ts`).toEqual([]);
    }
  });

  it('documents every export of every entry file', () => {
    expect(exports.filter((d) => d.doc === '').map(label)).toEqual([]);
  });

  it('gives an @example to every root value and every subpath function an app calls directly', () => {
    const required = exports.filter(needsExample);
    expect(required.length).toBeGreaterThan(40);
    expect(required.filter((d) => !d.tags.includes('example')).map(label)).toEqual([]);
  });
});
