/**
 * `linkrec/element`: the `<linkrec-recommendations>` custom element, for pages that want a ranked list
 * without writing client code (plain HTML, React, Vue, Svelte alike).
 *
 * @module linkrec/element
 */
import { RecommendationsElement, type SourceFactory } from './element/recommendations.ts';

export { RecommendationsElement } from './element/recommendations.ts';
export type { RecommendationsSource, SourceFactory } from './element/recommendations.ts';
export type { TitleLookup } from './element/render.ts';

/** Options of {@link defineRecommendationsElement}. */
export interface DefineOptions {
  /** The tag name (default `linkrec-recommendations`). */
  tag?: string;
  /** Makes the client elements without their own `source` share (default: `connectCourses()`). */
  source?: SourceFactory;
}

/**
 * Registers the element (once per tag) and the client it uses by default.
 * @example
 * import { defineRecommendationsElement } from 'linkrec/element';
 * defineRecommendationsElement();
 * document.body.innerHTML = '<linkrec-recommendations model="courses" user="42" k="5"></linkrec-recommendations>';
 */
export function defineRecommendationsElement(options: DefineOptions = {}): void {
  const tag = options.tag ?? 'linkrec-recommendations';
  RecommendationsElement.defaultSource = options.source ?? defaultSource;
  if (!customElements.get(tag))
    customElements.define(
      tag,
      tag === 'linkrec-recommendations' ? RecommendationsElement : class extends RecommendationsElement {},
    );
}

let shared: ReturnType<SourceFactory> | null = null;

/** One course client for every element on the page, in the package's own workers. */
function defaultSource(): ReturnType<SourceFactory> {
  shared ??= import('./index.ts').then((m) => m.connectCourses());
  return shared;
}
