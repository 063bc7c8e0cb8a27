import type { BackendReport } from '../../src/index.ts';
import { describeError, h } from './dom.ts';

/** Shows the backend running in the worker and, for WebGPU, which adapter it got. */
export function showBackend(el: HTMLElement, report: BackendReport): void {
  el.dataset.backend = report.backend;
  el.title = `available here: ${report.available.join(', ') || 'none'}`;
  const parts: (Node | string)[] = ['backend ', h('strong', { class: 'backend-name' }, report.backend)];
  if (report.adapterInfo) {
    parts.push(' · adapter ', h('span', { class: 'adapter' }, adapterLabel(report.adapterInfo)));
  }
  if (report.reasonForFallback) {
    parts.push(h('span', { class: 'fallback' }, ` (fell back: ${report.reasonForFallback})`));
  }
  el.replaceChildren(...parts);
}

/** Shows that no backend could start. */
export function showBackendError(el: HTMLElement, error: unknown): void {
  el.dataset.backend = 'none';
  el.replaceChildren(h('span', { class: 'error', role: 'alert' }, `no backend: ${describeError(error)}`));
}

function adapterLabel(info: NonNullable<BackendReport['adapterInfo']>): string {
  const name = [info.vendor, info.architecture, info.device].filter(Boolean).join(' ') || 'unnamed';
  return info.isFallbackAdapter ? `${name} (software fallback)` : name;
}
