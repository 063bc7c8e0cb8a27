/**
 * Why a finite number cannot be stored in a Float32Array as itself, or '' when it can (to within
 * float32 rounding): a nonzero value that rounds to 0 (|x| < ~7e-46) or one that rounds to infinity
 * (|x| > ~3.4e38). Loaders reject both rather than silently store 0 or Infinity.
 */
export function float32Problem(value: number): string {
  const stored = Math.fround(value);
  if (stored === 0 && value !== 0) return 'underflows float32 (it would be stored as 0)';
  if (!Number.isFinite(stored) && Number.isFinite(value)) return 'overflows float32 (it would be stored as Infinity)';
  return '';
}
