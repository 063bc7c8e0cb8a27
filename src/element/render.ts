/** DOM for `<linkrec-recommendations>`: an ordered list with `part`s a page can style, or one status line. */
import type { ExternalId } from '../data/idmap.ts';
import type { ExplainedItems, RankedItems } from '../rpc/protocol.ts';

/** Titles for item ids: a record keyed by id, or a function (return undefined to show the id). */
export type TitleLookup = Readonly<Record<string, string>> | ((id: ExternalId) => string | undefined);

const STYLE = `:host{display:block}ol{margin:0;padding-left:1.5em}li{margin:.25em 0}
[part=reason]{display:block;font-size:.85em;opacity:.75}[part=status]{opacity:.75}[part=error]{color:#b00020}`;

function titleOf(titles: TitleLookup | null, id: ExternalId): string {
  const found = typeof titles === 'function' ? titles(id) : titles?.[String(id)];
  return found ?? String(id);
}

function reset(root: ShadowRoot): void {
  root.replaceChildren();
  const style = document.createElement('style');
  style.textContent = STYLE;
  root.append(style);
}

/** One line of text: what the element is doing now. */
export function renderStatus(root: ShadowRoot, text: string): void {
  reset(root);
  const p = document.createElement('p');
  p.setAttribute('part', 'status');
  p.setAttribute('role', 'status');
  p.textContent = text;
  root.append(p);
}

/** The error's name and message, announced to screen readers. */
export function renderError(root: ShadowRoot, error: unknown): void {
  reset(root);
  const p = document.createElement('p');
  p.setAttribute('part', 'error');
  p.setAttribute('role', 'alert');
  p.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  root.append(p);
}

/** The ranked items, each with its score in a tooltip and its reason when the model gave one. */
export function renderItems(root: ShadowRoot, ranked: RankedItems | ExplainedItems, titles: TitleLookup | null): void {
  reset(root);
  if (ranked.items.length === 0) return renderStatus(root, 'No recommendations for this user.');
  const list = document.createElement('ol');
  list.setAttribute('part', 'list');
  const reasons = 'reasons' in ranked ? ranked.reasons : null;
  ranked.items.forEach((id, i) => {
    const li = document.createElement('li');
    li.setAttribute('part', 'item');
    li.dataset.item = String(id);
    li.title = `score ${ranked.scores[i].toFixed(4)}`;
    const title = document.createElement('span');
    title.setAttribute('part', 'title');
    title.textContent = titleOf(titles, id);
    li.append(title);
    const reason = reasons?.[i];
    if (reason) {
      const why = document.createElement('span');
      why.setAttribute('part', 'reason');
      why.textContent = reason.text;
      li.append(why);
    }
    list.append(li);
  });
  root.append(list);
}
