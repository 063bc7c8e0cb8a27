/**
 * The Feed tab's controller: trains and evaluates the feed in the training worker, keeps it in
 * IndexedDB, hands the SPR to the ranking worker, and shows a chosen member's explained feed. On load,
 * a feed stored by an earlier visit is restored (with its evaluation) without retraining.
 */
import { connectFeed, ModelNotFoundError, StorageQuotaError, type FeedClient } from '../src/index.ts';
import { describeError } from './ui/dom.ts';
import { savedAt, storageChanged } from './ui/storage-line.ts';
import { mountFeedPanel } from './ui/feed-panel.ts';

const VANISHED =
  'The feed stored on this device is gone (the browser may have evicted it under storage pressure). Retrain it to see feeds again.';

/** Connects the feed workers (the package's own), mounts the panel and restores a stored feed, if any. */
export async function startFeedTab(root: HTMLElement): Promise<FeedClient> {
  const client = await connectFeed();
  // Bumped when training starts: a restore still waiting for the store's answer must not replace it.
  let generation = 0;
  const show = async (): Promise<void> => panel.feed(await client.explain({ member: panel.member(), size: 20 }));
  const fail = (error: unknown): void =>
    error instanceof ModelNotFoundError ? panel.missing(VANISHED) : panel.fail(error);
  const serve = async (): Promise<void> => {
    panel.members(await client.members(25));
    await show();
  };
  const panel = mountFeedPanel(root, {
    async train() {
      generation++;
      panel.busy(true);
      try {
        const { members, seed } = panel.settings();
        const { report } = await client.train({ members, seed }, (p) => panel.progress(p)).done;
        const kept = await client.keep().then(
          (info) => `kept on this device (saved ${savedAt(info.updatedAt)})`,
          (error: unknown) => {
            if (error instanceof StorageQuotaError)
              return `not kept on this device — ${describeError(error)}; it serves this tab only`;
            throw error;
          },
        );
        storageChanged();
        panel.report(report, `Trained and evaluated; ${kept}. The ranking worker holds the SPR.`);
        await serve();
      } catch (error) {
        fail(error);
      } finally {
        panel.busy(false);
      }
    },
    show: () => void show().catch(fail),
    time: () => void client.time(1000).then((t) => panel.timing(t), fail),
  });

  void (async () => {
    const mine = generation;
    try {
      const info = await client.stored();
      if (!info || mine !== generation) return; // nothing stored ("Not trained yet." is the truth), or training began
      panel.restoring(`Restoring the feed stored on this device (trained ${savedAt(info.updatedAt)})…`);
      const r = await client.restore();
      panel.setSettings(r.spec);
      panel.report(
        r.report,
        `Restored from this device's storage, trained ${savedAt(r.stored.updatedAt)} on ${r.spec.members.toLocaleString()} simulated members; the ranking worker holds the SPR.`,
      );
      await serve();
    } catch (error) {
      if (mine === generation) fail(error);
    }
  })();
  return client;
}
