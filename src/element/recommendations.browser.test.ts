import { afterEach, describe, expect, it } from 'vitest';
import { defineRecommendationsElement, RecommendationsElement, type RecommendationsSource } from '../element.ts';
import type { ExplainedItems, RankedItems, RecommendRequest } from '../rpc/protocol.ts';
import type { ModelInfo } from '../store/types.ts';

const info = (version: number, checkpoint = false): ModelInfo => ({
  id: 'm',
  kind: 'mf',
  stateVersion: 1,
  createdAt: 0,
  updatedAt: 0,
  version,
  metrics: {},
  bytes: 0,
  params: 0,
  ...(checkpoint ? { checkpoint: { epoch: 0, step: 1 } } : {}),
});

/** A source that answers from a table and records requests; `delay` per user makes answers arrive out of order. */
function tableSource(delay: Record<string, number> = {}): RecommendationsSource & { requests: RecommendRequest[] } {
  const requests: RecommendRequest[] = [];
  const ranked = (r: RecommendRequest): RankedItems => {
    const items = [`${r.user}-a`, `${r.user}-b`, `${r.user}-c`].slice(0, r.k);
    return {
      modelId: r.modelId,
      version: r.version,
      items,
      indices: new Int32Array(items.length),
      scores: new Float32Array([0.9, 0.5, 0.1]).slice(0, items.length),
    };
  };
  const wait = (r: RecommendRequest): Promise<void> => new Promise((ok) => setTimeout(ok, delay[String(r.user)] ?? 0));
  return {
    requests,
    list: async () => [info(7, true), info(5)],
    rank: async (r) => (requests.push(r), await wait(r), ranked(r)),
    explain: async (r): Promise<ExplainedItems> => (
      requests.push(r),
      await wait(r),
      { ...ranked(r), reasons: ranked(r).items.map((id) => ({ source: 'test', text: `because ${id}` })) }
    ),
  };
}

function mount(html: string): RecommendationsElement {
  document.body.innerHTML = html;
  return document.body.firstElementChild as RecommendationsElement;
}

const shown = (el: Element): string[] =>
  [...el.shadowRoot!.querySelectorAll('[part=title]')].map((e) => e.textContent ?? '');
const next = (el: Element, type = 'linkrec-ranked'): Promise<CustomEvent> =>
  new Promise((ok) => el.addEventListener(type, (e) => ok(e as CustomEvent), { once: true }));

describe('<linkrec-recommendations>', () => {
  defineRecommendationsElement({
    source: async () => {
      throw new Error('no default in this test');
    },
  });
  afterEach(() => void (document.body.innerHTML = ''));

  it('ranks with the newest finished version, shows titles and reasons, and re-ranks on attribute change', async () => {
    const source = tableSource();
    const el = mount('<linkrec-recommendations model="m" user="42" k="2" reasons></linkrec-recommendations>');
    el.titles = { '42-a': 'Intro to SQL' };
    const first = next(el);
    el.source = source;
    await first;
    expect(source.requests[0]).toMatchObject({ modelId: 'm', version: 5, user: 42, k: 2 });
    expect(shown(el)).toEqual(['Intro to SQL', '42-b']);
    expect(el.shadowRoot!.querySelector('[part=reason]')!.textContent).toBe('because 42-a');
    const second = next(el);
    el.setAttribute('user', 'alice');
    await second;
    expect(shown(el)).toEqual(['alice-a', 'alice-b']);
  });

  it('never lets an older, slower answer overwrite a newer one', async () => {
    const source = tableSource({ '1': 200 });
    const el = mount('<linkrec-recommendations model="m" user="1" version="3"></linkrec-recommendations>');
    el.source = source;
    await new Promise((ok) => setTimeout(ok, 20));
    el.setAttribute('user', '2');
    await next(el);
    await new Promise((ok) => setTimeout(ok, 300));
    expect(shown(el)).toEqual(['2-a', '2-b', '2-c']);
    expect(source.requests.map((r) => r.user)).toEqual([1, 2]);
  });

  it('shows a named error as an alert and says what is missing', async () => {
    const el = mount('<linkrec-recommendations user="1"></linkrec-recommendations>');
    el.source = tableSource();
    await new Promise((ok) => setTimeout(ok, 0));
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).toBe('Set the model and user attributes.');
    const failing: RecommendationsSource = { ...tableSource(), list: async () => [] };
    const error = next(el, 'linkrec-error');
    el.setAttribute('model', 'gone');
    el.source = failing;
    await error;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toBe(
      'Error: no finished model "gone" is stored on this device',
    );
  });
});

describe('<linkrec-recommendations> with real workers', () => {
  it('shows what the courses client ranks, through a shared client and through the default one', async () => {
    const { connectCourses } = await import('../index.ts');
    const { checkerboardCsv, BROWSER_MF } = await import('../testing/rpc-fixtures.ts');
    const client = await connectCourses(); // the package's own training and ranking workers, IndexedDB
    try {
      const modelId = `element-${Date.now()}`;
      const data = { csv: checkerboardCsv(12, 12) };
      const { info } = await client.train({ modelId, kind: 'mf', config: BROWSER_MF, data, backend: 'cpu' }).done;
      const expected = await client.rank({ modelId, version: info.version, user: 3, k: 4, excludeSeen: true });

      document.body.innerHTML = `<linkrec-recommendations model="${modelId}" user="3" k="4" exclude-seen></linkrec-recommendations>`;
      const shared = document.body.firstElementChild as RecommendationsElement;
      const sharedDone = next(shared);
      shared.source = client;
      expect((await sharedDone).detail.items).toEqual(expected.items);
      expect(shown(shared)).toEqual(expected.items.map(String));

      // No source set: the element connects on its own (the default `defineRecommendationsElement()` gives).
      RecommendationsElement.defaultSource = null;
      defineRecommendationsElement();
      document.body.insertAdjacentHTML(
        'beforeend',
        `<linkrec-recommendations model="${modelId}" user="3" k="4" exclude-seen></linkrec-recommendations>`,
      );
      const own = document.body.lastElementChild as RecommendationsElement;
      const ownDone = await Promise.race([next(own), next(own, 'linkrec-error')]);
      expect(ownDone.type).toBe('linkrec-ranked');
      expect(shown(own)).toEqual(expected.items.map(String));
      await client.delete(modelId);
    } finally {
      client.dispose();
    }
  });
});
