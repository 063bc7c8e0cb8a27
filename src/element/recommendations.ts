/**
 * `<linkrec-recommendations>`: a framework-free custom element that shows one user's top-k from a stored
 * course model, with a reason per item when the model gives reasons. Usable from plain HTML, React, Vue
 * or Svelte: set attributes (or properties) and listen for `linkrec-ranked` / `linkrec-error`.
 */
import type { ExternalId } from '../data/idmap.ts';
import type { ExplainedItems, RankedItems, RecommendRequest } from '../rpc/protocol.ts';
import type { ModelInfo } from '../store/types.ts';
import { renderError, renderItems, renderStatus, type TitleLookup } from './render.ts';

/** What the element needs from a course client (`connectCourses` gives it). */
export interface RecommendationsSource {
  /** Top-k items for the element's user (without `reasons`). */
  rank(request: RecommendRequest): Promise<RankedItems>;
  /** Top-k items with a reason each (with `reasons`). */
  explain(request: RecommendRequest): Promise<ExplainedItems>;
  /** Stored models, to find the newest version when `version` is not set. */
  list(): Promise<ModelInfo[]>;
}

/** Makes the source on first use when the page sets none (the default: `connectCourses()` with its own workers). */
export type SourceFactory = () => Promise<RecommendationsSource>;

const ATTRIBUTES = ['model', 'user', 'k', 'version', 'reasons', 'exclude-seen'] as const;

// Importing this module in Node (SSR, tests) must not fail where there is no DOM.
const Base: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);

/**
 * Attributes: `model` (model id, required), `user` (external id, required), `k` (default 10), `version`
 * (default: the newest finished version stored), `reasons` (present: ask the model for reasons),
 * `exclude-seen` (present: leave out what the user already watched).
 * @example
 * import { defineRecommendationsElement } from 'linkrec/element';
 * defineRecommendationsElement();
 * // <linkrec-recommendations model="courses" user="42" k="5" reasons></linkrec-recommendations>
 */
export class RecommendationsElement extends Base {
  static readonly observedAttributes: readonly string[] = ATTRIBUTES;
  /** Used when no `source` is set; `defineRecommendationsElement` installs the default. */
  static defaultSource: SourceFactory | null = null;

  /** Item titles: a record or a function; ids show as they are without it. */
  titles: TitleLookup | null = null;
  private sourceValue: RecommendationsSource | null = null;
  private pendingSource: Promise<RecommendationsSource> | null = null;
  private request = 0;
  private scheduled = false;
  private readonly root: ShadowRoot;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  /** The client the element ranks with (set it to share one client between elements). */
  get source(): RecommendationsSource | null {
    return this.sourceValue;
  }
  set source(value: RecommendationsSource | null) {
    this.sourceValue = value;
    this.refresh();
  }

  /** Ranks once the element is in the page. */
  connectedCallback(): void {
    this.refresh();
  }

  /** Ranks again when an observed attribute changes. */
  attributeChangedCallback(): void {
    this.refresh();
  }

  /** Ranks again on the next microtask (several attribute changes make one request). */
  refresh(): void {
    if (this.scheduled || !this.isConnected) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.rankNow();
    });
  }

  private async rankNow(): Promise<void> {
    const ticket = ++this.request;
    const model = this.getAttribute('model');
    const user = this.getAttribute('user');
    if (!model || user === null || user === '') return renderStatus(this.root, 'Set the model and user attributes.');
    renderStatus(this.root, 'Ranking…');
    try {
      const source = await this.resolveSource();
      const request = await this.requestFor(source, model, parseUser(user));
      const ranked = this.hasAttribute('reasons') ? await source.explain(request) : await source.rank(request);
      // A later request started while this one ran: its answer wins, this one is dropped.
      if (ticket !== this.request) return;
      renderItems(this.root, ranked, this.titles);
      this.dispatchEvent(new CustomEvent('linkrec-ranked', { detail: ranked }));
    } catch (error) {
      if (ticket !== this.request) return;
      renderError(this.root, error);
      this.dispatchEvent(new CustomEvent('linkrec-error', { detail: error }));
    }
  }

  private resolveSource(): Promise<RecommendationsSource> {
    if (this.sourceValue) return Promise.resolve(this.sourceValue);
    const factory = RecommendationsElement.defaultSource;
    if (!factory)
      return Promise.reject(new Error('no source: set element.source or call defineRecommendationsElement()'));
    this.pendingSource ??= factory();
    return this.pendingSource;
  }

  private async requestFor(
    source: RecommendationsSource,
    modelId: string,
    user: ExternalId,
  ): Promise<RecommendRequest> {
    const k = Number(this.getAttribute('k') ?? 10);
    const excludeSeen = this.hasAttribute('exclude-seen');
    const version = this.getAttribute('version');
    if (version !== null) return { modelId, version: Number(version), user, k, excludeSeen };
    return { modelId, version: await newestVersion(source, modelId), user, k, excludeSeen };
  }
}

/** Numeric-looking ids are numbers (as loaders read them); anything else stays a string. */
function parseUser(text: string): ExternalId {
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

async function newestVersion(source: RecommendationsSource, modelId: string): Promise<number> {
  const info = (await source.list()).find((m) => m.id === modelId && !m.checkpoint);
  if (!info) throw new Error(`no finished model "${modelId}" is stored on this device`);
  return info.version;
}
