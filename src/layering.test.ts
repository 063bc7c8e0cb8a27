/**
 * The house rules of the layout (docs: ARCHITECTURE.md), checked on the import graph:
 * - no import cycle among the library's files (`src/`, `workers/`), type-only imports included — a
 *   cycle is fixed by moving the shared piece to a types file or a small module, never by a lazy
 *   import, so dynamic `import()` counts too;
 * - no cycle among model folders (`src/models/<name>/`) or system folders (`src/systems/<name>/`);
 * - a model never imports a system, the simulator, the evaluation (but for the listed metric and
 *   solver uses), the demo or the benchmarks; library code never imports the demo or the benchmarks;
 * - the demo reaches `src/` only through the public entry files, as a consumer of the package would.
 * Test files are exempt (fixtures may use the simulator; a bench tool's test may import it). Each file
 * is parsed with TypeScript, so comments and strings cannot fool the check.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** One relative import: the importing file, the repository path it names, and the line. */
interface Edge {
  from: string;
  to: string;
  line: number;
}

/** A layering rule: files matching `from` must not import files matching any of `forbid`. */
interface Rule {
  name: string;
  from: RegExp;
  forbid: RegExp[];
}

const RULES: Rule[] = [
  {
    name: 'a model never imports a system, the simulator, the evaluation, the demo or the benchmarks',
    from: /^src\/models\//,
    forbid: [/^src\/systems\//, /^src\/world\//, /^src\/eval\//, /^demo\//, /^bench\//],
  },
  {
    name: 'library code never imports the demo or the benchmarks',
    from: /^(src|workers)\//,
    forbid: [/^demo\//, /^bench\//],
  },
];

/**
 * Imports the rules allow, as `from -> to`, each with why (none today: LINE's probes moved to eval/line). An entry
 * whose import is gone is stale and fails the test.
 */
const ALLOWED: Readonly<Record<string, string>> = {};

/** The public entry files: the root export and the subpath exports (`linkrec/courses` …). */
const PUBLIC_ENTRIES = [
  'src/index.ts',
  ...['courses', 'talent', 'feed', 'eval', 'world', 'models', 'data', 'worker', 'interop'].map((s) => `src/${s}.ts`),
];

/** The non-test `.ts` files under `dir` (repository-relative, `/`-separated), appended to `out`. */
function sourceFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(posix.join(ROOT, dir))) return out;
  for (const entry of readdirSync(posix.join(ROOT, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '__screenshots__') sourceFiles(path, out);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts'))
      out.push(path);
  }
  return out;
}

/** Every module specifier `text` imports: static, `export … from`, `import type`, `import()` and `import('…')` types. */
function importSpecifiers(text: string, file = 'sample.ts'): { spec: string; line: number }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { spec: string; line: number }[] = [];
  const add = (literal: ts.Node) => {
    if (ts.isStringLiteralLike(literal))
      found.push({ spec: literal.text, line: source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node.moduleReference.expression);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length > 0
    )
      add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The repository path a relative specifier of `from` names (query stripped); null for a package. */
function resolveSpecifier(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return posix.normalize(posix.join(posix.dirname(from), spec.replace(/\?.*$/, '')));
}

/** The relative imports of `files`, read from disk. */
function importEdges(files: string[]): Edge[] {
  const edges: Edge[] = [];
  for (const from of files) {
    for (const { spec, line } of importSpecifiers(readFileSync(posix.join(ROOT, from), 'utf8'), from)) {
      const to = resolveSpecifier(from, spec);
      if (to !== null) edges.push({ from, to, line });
    }
  }
  return edges;
}

/**
 * The cycles of a directed graph: each strongly connected component of two or more nodes (or one
 * node importing itself), as one cycle through it, starting at its first node in sorted order.
 */
function findCycles(edges: { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    const targets = next.get(from);
    if (targets) targets.push(to);
    else next.set(from, [to]);
  }
  // Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  for (const start of [...next.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, index.size);
    low.set(start, index.get(start)!);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const targets = next.get(top.node) ?? [];
      if (top.i < targets.length) {
        const w = targets[top.i++];
        if (!index.has(w)) {
          index.set(w, index.size);
          low.set(w, index.get(w)!);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0)
        low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.node);
        if (component.length > 1 || (next.get(w) ?? []).includes(w)) components.push(component);
      }
    }
  }
  return components.map((c) => cycleThrough(new Set(c), next));
}

/** One cycle inside a strongly connected component, by breadth-first search back to its first node. */
function cycleThrough(members: Set<string>, next: Map<string, string[]>): string[] {
  const start = [...members].sort()[0];
  const parent = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    for (const w of next.get(queue[q]) ?? []) {
      if (w === start) {
        const path = [queue[q]];
        while (path[0] !== start) path.unshift(parent.get(path[0])!);
        return [...path, start];
      }
      if (members.has(w) && !parent.has(w)) parent.set(w, queue[q]), queue.push(w);
    }
  }
  return [start, start];
}

/** The edges between groups (`group` maps a file to its group, or null to leave it out), without self-edges. */
function groupEdges(edges: Edge[], group: (file: string) => string | null): Edge[] {
  const out: Edge[] = [];
  for (const e of edges) {
    const from = group(e.from);
    const to = group(e.to);
    if (from !== null && to !== null && from !== to) out.push({ from, to, line: e.line });
  }
  return out;
}

/** `src/models/glmix/model.ts` → `src/models/glmix`; files directly in `src/models/` (and other folders) → null. */
const modelOrSystemFolder = (file: string): string | null =>
  /^src\/(models|systems)\/[^/]+(?=\/)/.exec(file)?.[0] ?? null;

/**
 * `src/rpc/client.ts` → `src/rpc`, `src/models/glmix/model.ts` → `src/models` (models and systems each count
 * as one layer here); entry files directly in `src/` and the test fixtures in `src/testing` → null.
 */
const topFolder = (file: string): string | null => {
  const folder = /^src\/[^/]+(?=\/)/.exec(file)?.[0] ?? null;
  return folder === 'src/testing' ? null : folder;
};

/** The imports that break a rule, as `from:line -> to (rule)`, and the allowlist keys used. */
function ruleViolations(
  edges: Edge[],
  rules: Rule[],
  allowed: Readonly<Record<string, string>>,
): { violations: string[]; used: Set<string> } {
  const violations: string[] = [];
  const used = new Set<string>();
  for (const e of edges) {
    for (const rule of rules) {
      if (!rule.from.test(e.from) || !rule.forbid.some((f) => f.test(e.to))) continue;
      const key = `${e.from} -> ${e.to}`;
      if (key in allowed) used.add(key);
      else violations.push(`${e.from}:${e.line} -> ${e.to} (${rule.name})`);
    }
  }
  return { violations, used };
}

/** Demo imports of `src/` that bypass the public entry files. */
function demoViolations(edges: Edge[]): string[] {
  return edges
    .filter((e) => e.from.startsWith('demo/') && e.to.startsWith('src/') && !PUBLIC_ENTRIES.includes(e.to))
    .map((e) => `${e.from}:${e.line} -> ${e.to}`);
}

describe('the checks themselves', () => {
  it('finds every kind of import, and nothing in comments or strings', () => {
    const sample = `
      import { a } from './a.ts';
      import type { B } from '../b.ts';
      import './side-effect.ts';
      export { c } from './c.ts';
      export * from './d.ts';
      export type { E } from './e.ts';
      const f = await import('./f.ts');
      let g: typeof import('./g.ts');
      import h = require('./h.ts');
      import w from './w.ts?worker';
      // import { no } from './comment.ts';
      const s = "import { no } from './string.ts'";
      const x = 'ts';
    `;
    expect(importSpecifiers(sample).map((i) => i.spec)).toEqual([
      './a.ts',
      '../b.ts',
      './side-effect.ts',
      './c.ts',
      './d.ts',
      './e.ts',
      './f.ts',
      './g.ts',
      './h.ts',
      './w.ts?worker',
    ]);
    expect(resolveSpecifier('src/models/glmix/model.ts', '../blend/reasons.ts')).toBe('src/models/blend/reasons.ts');
    expect(resolveSpecifier('demo/ui/x.ts', '../../src/index.ts?url')).toBe('src/index.ts');
    expect(resolveSpecifier('src/a.ts', 'idb')).toBeNull();
  });

  it('finds cycles, type-only and self-imports included, and not a diamond', () => {
    const e = (from: string, to: string) => ({ from, to });
    expect(findCycles([e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd')])).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles([e('x', 'x')])).toEqual([['x', 'x']]);
    expect(findCycles([e('a', 'b'), e('a', 'c'), e('b', 'd'), e('c', 'd')])).toEqual([]);
    const folders = groupEdges(
      [
        { from: 'src/models/glmix/model.ts', to: 'src/models/blend/reasons.ts', line: 1 },
        { from: 'src/models/blend/model.ts', to: 'src/models/glmix/index.ts', line: 1 },
      ],
      modelOrSystemFolder,
    );
    expect(findCycles(folders)).toEqual([['src/models/blend', 'src/models/glmix', 'src/models/blend']]);
    const layers = groupEdges(
      [
        { from: 'src/rpc/validate.ts', to: 'src/systems/talent/requests.ts', line: 1 },
        { from: 'src/systems/talent/client.ts', to: 'src/rpc/worker-slot.ts', line: 1 },
        { from: 'src/index.ts', to: 'src/rpc/client.ts', line: 1 },
      ],
      topFolder,
    );
    expect(findCycles(layers)).toEqual([['src/rpc', 'src/systems', 'src/rpc']]);
  });

  it('flags a forbidden import unless it is allowed, and a demo import past the entry files', () => {
    const edges: Edge[] = [
      { from: 'src/models/mf/model.ts', to: 'src/systems/feed/spr/model.ts', line: 3 },
      { from: 'src/models/line/probe.ts', to: 'src/eval/logistic.ts', line: 10 },
      { from: 'src/data/index.ts', to: 'bench/tools/x.ts', line: 1 },
      { from: 'src/systems/feed/spr/model.ts', to: 'src/models/state-kinds.ts', line: 1 },
    ];
    const allowed = { 'src/models/line/probe.ts -> src/eval/logistic.ts': 'a sample exception' };
    const { violations, used } = ruleViolations(edges, RULES, allowed);
    expect(violations).toEqual([
      `src/models/mf/model.ts:3 -> src/systems/feed/spr/model.ts (${RULES[0].name})`,
      `src/data/index.ts:1 -> bench/tools/x.ts (${RULES[1].name})`,
    ]);
    expect([...used]).toEqual(['src/models/line/probe.ts -> src/eval/logistic.ts']);
    expect(
      demoViolations([
        { from: 'demo/main.ts', to: 'src/index.ts', line: 1 },
        { from: 'demo/ui/x.ts', to: 'src/courses.ts', line: 2 },
        { from: 'demo/feed.ts', to: 'src/systems/feed/index.ts', line: 4 },
      ]),
    ).toEqual(['demo/feed.ts:4 -> src/systems/feed/index.ts']);
  });
});

describe('layering of the repository', () => {
  const library = sourceFiles('workers', sourceFiles('src'));
  const libraryEdges = importEdges(library);
  const allEdges = [...libraryEdges, ...importEdges([...sourceFiles('demo'), ...sourceFiles('bench')])];

  it('reads the whole library, and every relative import names an existing file', () => {
    expect(library.length).toBeGreaterThan(100);
    expect(library).toContain('src/models/glmix/model.ts');
    expect(
      allEdges.filter((e) => !existsSync(posix.join(ROOT, e.to))).map((e) => `${e.from}:${e.line} -> ${e.to}`),
    ).toEqual([]);
  });

  it('has no import cycle among src/ and workers/ files', () => {
    expect(
      findCycles(libraryEdges).map((c) => c.join(' -> ')),
      'move the shared piece into a types file or a small module',
    ).toEqual([]);
  });

  it('has no import cycle among model folders or system folders', () => {
    expect(findCycles(groupEdges(libraryEdges, modelOrSystemFolder)).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('has no import cycle among the top-level folders of src/ (data, models, systems, rpc, store …)', () => {
    expect(findCycles(groupEdges(libraryEdges, topFolder)).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('keeps models off systems, the simulator, the evaluation, the demo and the benchmarks; src off demo and bench', () => {
    const { violations, used } = ruleViolations(allEdges, RULES, ALLOWED);
    expect(violations).toEqual([]);
    // An entry whose import is gone is stale: drop it rather than let it excuse a future import.
    expect(Object.keys(ALLOWED).filter((k) => !used.has(k))).toEqual([]);
  });

  it('lets the demo reach src/ only through the public entry files', () => {
    expect(demoViolations(allEdges), `the demo imports only ${PUBLIC_ENTRIES.join(', ')}`).toEqual([]);
  });
});
