// Talent search tab: a worker builds the entity graphs of a small simulated world, trains LINE on them
// (on WebGPU where the worker has it, else the CPU loop — the tab says which; the company map updates
// live), trains the two-tower ranker, then ranks members for recruiter queries.
import { lineBackendLabel, TalentClient } from '../src/index';
import { describeError } from './ui/dom';
import { mountTalentMap } from './ui/talent-map';
import { mountTalentPanel } from './ui/talent-panel';

const MEMBERS = 4_000;

/** Mounts the tab into `parent`; the worker starts on the first "train" click. */
export function startTalentTab(parent: HTMLElement): void {
  let client: TalentClient | null = null;
  let searching = 0;
  const panel = mountTalentPanel(parent, {
    onTrain: () => void train(),
    onSearch: (form) => void search(form),
  });
  const map = mountTalentMap(panel.mapBox);

  async function train(): Promise<void> {
    try {
      client ??= new TalentClient(new Worker(new URL('../workers/talent.worker.ts', import.meta.url), { type: 'module', name: 'linkrec-talent' }));
      panel.setStatus('training', 'Starting the talent worker…');
      const r = await client.train({ members: MEMBERS, seed: 1 }, (p) => {
        if (p.status === 'stage') panel.setStatus('training', p.message);
        else if (p.status === 'map') map.draw(p.xy, p.groups, p.caption);
        else if (p.status === 'line') panel.setBackend(p.backend, lineBackendLabel(p));
        else panel.setStatus('training', `Two-tower epoch ${p.epoch}: log-loss ${p.loss.toFixed(3)}`);
      });
      const vocab = await client.vocab();
      panel.setVocab(vocab.titles, vocab.locations);
      panel.setStatus('done', `Trained on ${MEMBERS.toLocaleString()} simulated members; LINE ran on ${r.lineBackend}. Search below.`);
    } catch (error) {
      panel.setStatus('error', describeError(error));
    }
  }

  async function search(form: Parameters<TalentClient['search']>[0]): Promise<void> {
    if (!client) return;
    const ticket = ++searching;
    const hits = await client.search(form);
    if (ticket !== searching) return; // a newer search (e.g. the pooling switch) superseded this one
    panel.showResults(hits.map((h) => ({ name: h.description, score: h.score, reasons: h.reasons })), form.pooling);
  }
}
