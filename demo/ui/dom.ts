/** A tiny element builder: enough DOM for a demo without a framework. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

/** `error.name: message` for anything thrown (worker errors arrive as plain objects with both). */
export function describeError(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const { name, message } = error as { name?: string; message: string };
    return name ? `${name}: ${message}` : message;
  }
  return String(error);
}

/**
 * Puts a wide table in a box of its own that scrolls sideways, so a phone never scrolls the page: a
 * named region in the Tab order, so keyboard users can scroll it with the arrow keys.
 */
export function scrollBox(table: HTMLElement, label: string): HTMLDivElement {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

/**
 * Runs `action` when `form` is submitted (its submit button clicked, or Enter in one of its fields)
 * instead of navigating. The controllers clamp and check the values themselves, so the browser's
 * own validation stays out of the way.
 */
export function onSubmit(form: HTMLFormElement, action: () => void): void {
  form.noValidate = true;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    action();
  });
}
