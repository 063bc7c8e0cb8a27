/** Printing inputs of counterexamples: JSON with typed arrays, NaN, ±Infinity, -0 and undefined shown. */

const LIMIT = 1500;

/** `value` as readable text, at most `limit` characters. */
export function showValue(value: unknown, limit = LIMIT): string {
  const seen = new WeakSet<object>();
  let text: string;
  try {
    text = JSON.stringify(value, (_key, v: unknown) => replace(v, seen)) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length} chars)` : text;
}

function replace(v: unknown, seen: WeakSet<object>): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'number' && Object.is(v, -0)) return '-0';
  if (v === undefined) return '<undefined>';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return '<function>';
  if (ArrayBuffer.isView(v)) {
    const arr = Array.from(v as unknown as ArrayLike<number>).slice(0, 64);
    return `${v.constructor.name}(${(v as unknown as ArrayLike<number>).length})[${arr.join(',')}]`;
  }
  if (v instanceof ArrayBuffer) return `ArrayBuffer(${v.byteLength})`;
  if (typeof Blob !== 'undefined' && v instanceof Blob) return `Blob(${v.size})`;
  if (typeof v === 'object' && v !== null) {
    if (seen.has(v)) return '<cycle>';
    seen.add(v);
  }
  return v;
}
