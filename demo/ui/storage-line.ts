/**
 * The header's storage line: how much of the origin's quota the stored models use
 * (`navigator.storage.estimate()`), refreshed after every save or delete, and a button asking the
 * browser to keep them (`navigator.storage.persist()`), with the reason in plain words.
 */
import { h } from './dom.ts';

const CHANGED = 'linkrec:storage-changed';

/** Tells the storage line that something was saved or deleted. */
export function storageChanged(): void {
  document.dispatchEvent(new Event(CHANGED));
}

/** "1.2 MB", "3.4 GB". */
export function formatStorage(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'no limit';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (bytes >= 1024 && i < units.length - 1) [bytes, i] = [bytes / 1024, i + 1];
  return i === 0 ? `${bytes} B` : `${bytes.toFixed(1)} ${units[i]}`;
}

/** When a stored model was saved, in the reader's locale. */
export function savedAt(time: number): string {
  return new Date(time).toLocaleString();
}

const WHY =
  'Trained models are kept in this browser’s IndexedDB; under storage pressure a browser may evict them unless this site may persist its storage.';

/** Mounts the line into `parent` and keeps it current. */
export function mountStorageLine(parent: HTMLElement): void {
  const storage = navigator.storage as StorageManager | undefined;
  const usage = h('span', { id: 'storage-usage' }, 'storage: …');
  const persist = h(
    'button',
    { type: 'button', class: 'link', id: 'storage-persist', title: WHY },
    'Keep models on this device',
  );
  const why = h('span', { id: 'storage-why', class: 'note' }, WHY);
  const line = h(
    'p',
    { class: 'backend storage', id: 'storage', 'aria-live': 'polite' },
    usage,
    ' · ',
    persist,
    ' ',
    why,
  );
  parent.append(line);

  const showPersisted = (granted: boolean, asked: boolean): void => {
    line.dataset.persisted = String(granted);
    persist.hidden = granted;
    why.textContent = granted
      ? 'Persistent storage granted: the browser will not evict the stored models under storage pressure.'
      : asked
        ? `The browser declined for now (browsers grant it to sites used often or bookmarked). ${WHY}`
        : WHY;
  };
  const refresh = async (): Promise<void> => {
    if (!storage?.estimate) return void (usage.textContent = 'storage: no estimate in this browser');
    const { usage: used = 0, quota = Infinity } = await storage.estimate();
    line.dataset.usage = String(used);
    line.dataset.quota = String(quota);
    usage.textContent = `storage: ${formatStorage(used)} of ${formatStorage(quota)} used`;
  };

  persist.addEventListener('click', () => {
    void storage?.persist?.().then(
      (granted) => showPersisted(granted, true),
      () => showPersisted(false, true),
    );
  });
  document.addEventListener(CHANGED, () => void refresh().catch(() => undefined));
  void refresh().catch(() => undefined);
  if (storage?.persisted)
    void storage.persisted().then(
      (p) => showPersisted(p, false),
      () => showPersisted(false, false),
    );
  else persist.hidden = true;
}
