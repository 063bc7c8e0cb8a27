/** Keys that move the selection along the tablist (WAI-ARIA tabs pattern, automatic activation). */
const MOVES: Readonly<Record<string, (current: number, count: number) => number>> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * Wires an ARIA tablist: clicking a tab, or ←/→/Home/End on the focused tab, selects it and shows only
 * its panel (named by `aria-controls`). Only the selected tab is in the Tab order (roving tabindex), so
 * Tab moves from the tab bar straight into the panel. `onSelect` hears every selection, however made.
 */
export function initTabs(tablist: HTMLElement, initialId: string, onSelect?: (tabId: string) => void): void {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement): void => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(t.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
    }
    onSelect?.(tab.id);
  };
  tablist.addEventListener('click', (event) => {
    const tab = (event.target as Element).closest<HTMLButtonElement>('[role="tab"]');
    if (tab) select(tab);
  });
  tablist.addEventListener('keydown', (event) => {
    const move = MOVES[event.key];
    const current = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (!move || current < 0) return;
    event.preventDefault(); // Home/End would scroll the page
    const next = tabs[move(current, tabs.length)];
    select(next);
    next.focus();
  });
  select(tabs.find((t) => t.id === initialId) ?? tabs[0]);
}
