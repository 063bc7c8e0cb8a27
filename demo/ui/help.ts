import { GLOSSARY, type Explanation, type GlossaryTerm } from './glossary.ts';
import { h } from './dom.ts';

let popover: HTMLDivElement | null = null;

/** The one explanation box of the page (a native popover: Escape and a click outside close it). */
function explanationBox(): HTMLDivElement {
  if (popover) return popover;
  popover = h('div', { id: 'explanation', popover: 'auto', role: 'dialog', 'aria-labelledby': 'explanation-title' });
  document.body.append(popover);
  return popover;
}

/** Fills `el` with an explanation: title, body, and its source when there is one. */
export function renderExplanation(el: HTMLElement, text: Explanation, titleId?: string): void {
  const title = h('h3', titleId ? { id: titleId } : {}, text.title);
  const parts: Node[] = [title, h('p', {}, text.body)];
  if (text.source) {
    const cite = text.source.url
      ? h('a', { href: text.source.url, target: '_blank', rel: 'noopener noreferrer' }, text.source.title)
      : h('cite', {}, text.source.title);
    parts.push(h('p', { class: 'source' }, 'From: ', cite));
  }
  el.replaceChildren(...parts);
}

/** Opens the page's explanation box with `text`. */
export function showExplanation(text: Explanation): void {
  const box = explanationBox();
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '×');
  close.addEventListener('click', () => box.hidePopover());
  renderExplanation(box, text, 'explanation-title');
  box.prepend(close);
  if (!box.matches(':popover-open')) box.showPopover();
  close.focus();
}

/**
 * A small `?` button that explains a term (a glossary key, or an explanation of its own) in the page's
 * explanation box. Put it right after the number or heading it explains.
 * @example cell.append('HR@10 ', helpButton('hr10'))
 */
export function helpButton(term: GlossaryTerm | Explanation): HTMLButtonElement {
  const text = typeof term === 'string' ? GLOSSARY[term] : term;
  const button = h('button', { type: 'button', class: 'help', 'aria-label': `What is ${text.title}?` }, '?');
  button.addEventListener('click', () => showExplanation(text));
  return button;
}
