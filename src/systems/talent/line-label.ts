/** How the talent tab names where LINE trained (no dependencies: the page client shows it). */

/**
 * "WebGPU (kernel)" or "CPU", with the reason when `'auto'` fell back: the label of a talent
 * training's `'line'` progress event, so a page says where LINE ran without knowing the kernels.
 * @example
 * ```ts
 * import { connectTalent, lineBackendLabel } from 'linkrec';
 * const talent = await connectTalent();
 * await talent.train({ members: 4000 }, (p) => {
 *   if (p.status === 'line') console.log(`LINE (${p.kind}) on ${lineBackendLabel(p)}`); // e.g. "CPU — no WebGPU adapter"
 * }).done;
 * ```
 */
export function lineBackendLabel(r: { backend: string; kernel?: string; fallback?: string }): string {
  return r.backend === 'webgpu' ? `WebGPU (${r.kernel})` : r.fallback ? `CPU — ${r.fallback}` : 'CPU';
}
