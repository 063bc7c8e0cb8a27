/**
 * Wires an ARIA tablist: clicking a tab, or ←/→ on the focused tab, selects it and shows only its
 * panel (named by `aria-controls`).
 */
export function initTabs(tablist: HTMLElement, initialId: string): void {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement): void => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(t.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
    }
  };
  tablist.addEventListener('click', (event) => {
    const tab = (event.target as Element).closest<HTMLButtonElement>('[role="tab"]');
    if (tab) select(tab);
  });
  tablist.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const current = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (!step || current < 0) return;
    const next = tabs[(current + step + tabs.length) % tabs.length];
    select(next);
    next.focus();
  });
  select(tabs.find((t) => t.id === initialId) ?? tabs[0]);
}
