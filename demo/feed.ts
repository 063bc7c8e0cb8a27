/**
 * The Feed tab's controller: trains and evaluates the feed in the training worker, hands the SPR to
 * the ranking worker, and shows a chosen member's explained feed.
 */
import { connectFeed, type FeedClient } from '../src/index';
import { mountFeedPanel } from './ui/feed-panel';

/** Connects the feed workers and mounts the panel. */
export function startFeedTab(root: HTMLElement): FeedClient {
  const client = connectFeed({
    training: new Worker(new URL('../workers/feed-train.worker.ts', import.meta.url), { type: 'module', name: 'linkrec-feed-train' }),
    ranking: new Worker(new URL('../workers/feed-rank.worker.ts', import.meta.url), { type: 'module', name: 'linkrec-feed-rank' }),
  });
  const show = async (): Promise<void> => panel.feed(await client.feed(panel.member(), 20));
  const panel = mountFeedPanel(root, {
    async train() {
      panel.busy(true);
      try {
        const { members, seed } = panel.settings();
        panel.report((await client.train({ members, seed }, (p) => panel.progress(p))).report);
        panel.members(await client.members(25));
        await show();
      } catch (error) {
        panel.fail(error);
      } finally {
        panel.busy(false);
      }
    },
    show: () => void show().catch((e) => panel.fail(e)),
    time: () => void client.time(1000).then((t) => panel.timing(t), (e) => panel.fail(e)),
  });
  return client;
}
