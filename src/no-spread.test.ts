/**
 * No call-argument spread in library code: `Math.max(...xs)`, `push(...ids)`, `f(...args)` and
 * `f.apply(this, xs)` pass every element as an argument, and past ~120k elements V8 throws
 * `RangeError` (the NCF split reader died so on a 100k-row file). Loops, `reduce` and `concat` have
 * no such limit. Array literals (`[...xs]`), object spreads, rest parameters and destructuring rest
 * are not calls and are fine. The check parses each file with TypeScript, so comments and strings
 * cannot fool it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** One call that passes a spread (or an array through `apply`): line and the offending code. */
interface CallSpread {
  line: number;
  code: string;
}

/**
 * Spreads that are provably small and fixed, as `path: code` (`*: code` in any file), each with why.
 * Anything else found is a failure: loop, `reduce` or `concat` instead.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  'src/systems/talent/validate.ts: ...WORLD_BOUNDS.members': 'a frozen [min, max] pair',
  'src/systems/feed/validate.ts: ...WORLD_BOUNDS.members': 'a frozen [min, max] pair',
  'src/backend/select.ts: original.apply(console, args)':
    "forwards console.warn's own arguments, which already fit the limit",
  // The fuzz suite's fixed lists of literals (src/testing/fuzz/mutate.ts): fast-check's constantFrom takes values as arguments.
  '*: ...WEIRD_VALUES': 'a fixed list of a few dozen odd values',
  '*: ...WEIRD_TOKENS': 'a fixed list of a few dozen odd tokens',
  '*: ...STRUCTURE_CHARS': 'a fixed list of a few characters',
  '*: ...TENSOR_VALUES': 'a fixed list of a few odd tensor entries',
  'src/testing/fuzz/targets/services.ts: ...extra': "a request type's few extra bad values (fast-check constantFrom)",
  'src/testing/fuzz/targets/services.ts: ...fields': "a request type's field names (fast-check constantFrom)",
  'src/testing/fuzz/report.ts: ...names.map((n) => n.length)': 'one name per fuzz target (a few dozen)',
};

/** Every call-argument spread and every `f.apply(thisArg, array)` / `Reflect.apply` in `text`. */
function findCallSpreads(text: string, file = 'sample.ts'): CallSpread[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: CallSpread[] = [];
  const report = (node: ts.Node) =>
    found.push({
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      code: node.getText(source),
    });
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      for (const arg of node.arguments ?? []) if (ts.isSpreadElement(arg)) report(arg);
      if (ts.isCallExpression(node) && passesArray(node)) report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `f.apply(thisArg, args)` (two arguments: a method merely named `apply` rarely takes exactly that) or `Reflect.apply(…)`. */
function passesArray(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'apply') return false;
  return call.arguments.length === 2 || callee.expression.getText() === 'Reflect';
}

/** The non-test `.ts` files under `dir`, appended to `out`. */
function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

describe('no call-argument spread in src/ and workers/', () => {
  it('the detector flags call spreads and apply, and nothing else', () => {
    const sample = `
      const top = Math.max(...xs);
      ids.push(...more);
      const low = Math.min(0, ...ys);
      const len = Math.hypot(...v);
      const s = String.fromCharCode(...codes);
      const set = new Set(...pairs);
      f.apply(null, args);
      Reflect.apply(f, undefined, args);
      class E extends Error { constructor(...args: string[]) { super(...args); } }
      // Allowed: rest parameters, array and object spreads, destructuring rest, text that only looks like a spread.
      const g = (...args: number[]) => args.length;
      function h(a: number, ...rest: number[]): number { return a + rest.length; }
      const copy = [...xs, ...ys];
      const o = { ...defaults, k: 1 };
      const { a, ...others } = o;
      const [first, ...tail] = copy;
      adam.apply(vars, grads, lr);
      std.apply(x);
      const note = 'Math.max(...xs)'; // push(...ids)
    `;
    expect(findCallSpreads(sample).map((f) => f.code)).toEqual([
      '...xs',
      '...more',
      '...ys',
      '...v',
      '...codes',
      '...pairs',
      'f.apply(null, args)',
      'Reflect.apply(f, undefined, args)',
      '...args',
    ]);
    expect(findCallSpreads('const a = 1;\nconst b = Math.max(...xs);\n')).toEqual([{ line: 2, code: '...xs' }]);
  });

  it('finds none in library code outside the allowlist', () => {
    const findings: string[] = [];
    const used = new Set<string>();
    for (const file of sourceFiles('workers', sourceFiles('src'))) {
      for (const f of findCallSpreads(readFileSync(file, 'utf8'), file)) {
        const key = [`${file}: ${f.code}`, `*: ${f.code}`].find((k) => k in ALLOWED);
        if (key) used.add(key);
        else findings.push(`${file}:${f.line}: ${f.code}`);
      }
    }
    expect(findings, 'spread arguments overflow past ~120k elements: use a loop, reduce or concat').toEqual([]);
    // An entry whose code is gone is stale: drop it rather than let it excuse a future spread.
    expect(Object.keys(ALLOWED).filter((k) => !used.has(k))).toEqual([]);
  });
});
