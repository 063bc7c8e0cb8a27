/**
 * The demo's offline copy, made visible: registers the service worker that `vite build` writes
 * (vite.config.ts: vite-plugin-pwa + Workbox, precaching code, wasm and data) and keeps one header line
 * true about it. "available offline" appears only once a service worker controls this page — it became
 * active, so its install, which fills the precache, completed — and the precache is in Cache Storage.
 */
import { storageChanged } from './ui/storage-line.ts';

/** What the line says, by state (`data-offline` on the line carries the state for tests). */
const TEXT = {
  saving: 'saving a copy for offline use…',
  ready: 'available offline',
  updated: 'available offline; a newer version was saved — reload to use it',
  offline: 'offline: using the saved copy',
  'offline-unsaved': 'offline, and no copy was saved yet: reload once you are back online',
  unsupported: 'no offline copy: this browser has no service workers',
  failed: 'no offline copy',
} as const;

type OfflineState = keyof typeof TEXT;

/** Workbox names its precache `workbox-precache-v2-<scope>`; an evicted origin has none. */
const hasPrecache = async (): Promise<boolean> =>
  (await caches.keys()).some((name) => name.startsWith('workbox-precache'));

/**
 * Mounts the offline line into `parent` and registers the build's service worker. The dev server
 * (and the e2e tests that use it) has no sw.js: there it does nothing.
 */
export function keepOffline(parent: HTMLElement): void {
  if (import.meta.env.DEV) return;
  const line = document.createElement('p');
  line.className = 'backend';
  line.id = 'offline-status';
  line.setAttribute('aria-live', 'polite');
  parent.append(line);
  const show = (state: OfflineState, detail = ''): void => {
    line.dataset.offline = state;
    line.textContent = detail ? `${TEXT[state]} (${detail})` : TEXT[state];
  };
  if (!('serviceWorker' in navigator)) return show('unsupported');

  const sw = navigator.serviceWorker;
  const hadController = sw.controller !== null; // loaded by a worker: a later takeover is an update
  let saved = false;
  let updated = false;
  let failure = '';
  const render = (): void => {
    if (!navigator.onLine) show(saved ? 'offline' : 'offline-unsaved');
    else if (failure) show('failed', failure);
    else show(saved ? (updated ? 'updated' : 'ready') : 'saving');
  };
  const check = async (): Promise<void> => {
    const wasSaved = saved;
    saved = sw.controller !== null && (await hasPrecache());
    render();
    if (saved && !wasSaved) storageChanged(); // the copy counts against the origin's quota
  };
  addEventListener('online', render);
  addEventListener('offline', render);
  sw.addEventListener('controllerchange', () => {
    updated = hadController;
    void check();
  });
  void check(); // the first words wait for the answer: never a flash of "no copy" over a saved one
  // After `load`, so the precache's downloads never compete with the page's own first requests.
  const register = (): void =>
    void sw
      .register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
      .then(check, (error: unknown) => {
        failure = error instanceof Error ? error.message : String(error);
        render();
      });
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
