/**
 * PyTorch-BigGraph's TSV export (`torchbiggraph_export_to_tsv`, the entities file): one line per
 * entity, `name\tv1\t…\tvdim`, no header; `dim` is read from the first line and every line must agree.
 * Read policy: that of `embedding-text.ts` (UTF-8, BOM, CRLF, trailing blanks, blank lines and a
 * missing final newline tolerated); fields are separated by single tabs, so a name may hold spaces;
 * a repeated name, a wrong field count or a value that is not a finite number is a FormatError naming
 * the line.
 */
import { FormatError, InvalidArgumentError } from '../errors.ts';
import type { NamedVectors } from '../models/embedding/model.ts';
import { checkName, decodeText, float32ToString, parseValue, textLines } from './embedding-text.ts';

/**
 * Reads a PBG entity TSV.
 * @example
 * ```ts
 * const { names, dim } = readPbgTsv('a\t0.5\t1\nb\t-1\t0\n'); // ['a', 'b'], 2
 * ```
 */
export function readPbgTsv(input: string | Uint8Array, file?: string): NamedVectors {
  const lines = textLines(decodeText(input, file));
  if (lines.length === 0) throw new FormatError('empty file: no entity lines', { file, line: 1 });
  const dim = lines[0].text.split('\t').length - 1;
  if (dim < 1) throw new FormatError('expected `name\\tv1\\t…\\tvdim`, found no tab', { file, line: lines[0].line });
  const names: string[] = [];
  const seen = new Set<string>();
  const vectors = new Float32Array(lines.length * dim);
  lines.forEach(({ line, text }, r) => {
    const fields = text.split('\t');
    if (fields.length !== dim + 1)
      throw new FormatError(
        `expected a name and ${dim} values (as line ${lines[0].line}), got ${fields.length} fields`,
        {
          file,
          line,
        },
      );
    const name = fields[0];
    if (name.length === 0) throw new FormatError('empty name', { file, line });
    if (seen.has(name)) throw new FormatError(`name ${JSON.stringify(name)} repeats`, { file, line });
    seen.add(name);
    names.push(name);
    for (let i = 0; i < dim; i++) vectors[r * dim + i] = parseValue(fields[i + 1].trim(), line, file);
  });
  return { names, dim, vectors };
}

/** Writes a PBG entity TSV (shortest float32 round-trip decimals). */
export function writePbgTsv(embedding: NamedVectors): string {
  const { names, dim, vectors } = embedding;
  if (vectors.length !== names.length * dim)
    throw new InvalidArgumentError(`writePbgTsv: ${vectors.length} values for ${names.length} names × ${dim}`);
  const out: string[] = [];
  for (let r = 0; r < names.length; r++) {
    checkName(names[r], r, /[\t\r\n]/, 'writePbgTsv');
    const row = [names[r]];
    for (let i = 0; i < dim; i++) row.push(float32ToString(vectors[r * dim + i]));
    out.push(`${row.join('\t')}\n`);
  }
  return out.join('');
}
