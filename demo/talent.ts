// Talent search tab: a worker builds the entity graphs of a small simulated world, trains LINE on them
// (on WebGPU where the worker has it, else the CPU loop — the tab says which; the company map updates
// live), trains the two-tower ranker, keeps both in IndexedDB, then ranks members for recruiter
// queries. On load, a model stored by an earlier visit is restored without retraining.
import {
  connectTalent,
  lineBackendLabel,
  ModelNotFoundError,
  StorageQuotaError,
  type TalentSearchForm,
} from '../src/index.ts';
import { describeError } from './ui/dom.ts';
import { savedAt, storageChanged } from './ui/storage-line.ts';
import { mountTalentMap } from './ui/talent-map.ts';
import { mountTalentPanel, percent, type NewMemberForm, type TalentForm } from './ui/talent-panel.ts';
import { talentStages } from './ui/talent-pipeline.ts';

const VANISHED =
  'The talent model stored on this device is gone (the browser may have evicted it under storage pressure). Retrain it to search again.';

/** Mounts the tab into `parent` and restores a stored model, if any; training starts on a click. */
export async function startTalentTab(parent: HTMLElement): Promise<void> {
  const client = await connectTalent(); // the package's own talent worker
  let searching = 0;
  let rankingNew = 0;
  // Once a new member was ranked, every search ranks them again: their line always speaks of the search shown.
  let newMember: NewMemberForm | null = null;
  // Bumped when training starts: a restore still waiting for the store's answer must not replace it.
  let generation = 0;
  const panel = mountTalentPanel(parent, {
    onTrain: () => void train(),
    onSearch: (form) => void search(form),
    onRankNew: (member, form) => {
      newMember = member;
      void search(form);
    },
  });
  const map = mountTalentMap(panel.mapBox);

  const failed = (error: unknown): void => {
    panel.setStatus(
      error instanceof ModelNotFoundError ? 'missing' : 'error',
      error instanceof ModelNotFoundError ? VANISHED : describeError(error),
    );
  };

  async function ready(message: string): Promise<void> {
    const vocab = await client.vocab();
    panel.setVocab(vocab.titles, vocab.locations);
    panel.setStatus('done', message);
  }

  async function restore(): Promise<void> {
    const mine = generation;
    try {
      const info = await client.stored();
      if (!info || mine !== generation) return; // nothing stored ("Not trained yet." is the truth), or training began
      panel.setStatus(
        'restoring',
        `Restoring the talent model stored on this device (trained ${savedAt(info.updatedAt)})…`,
      );
      const r = await client.restore();
      panel.setMembers(r.members);
      panel.setBackend(r.lineBackend.startsWith('WebGPU') ? 'webgpu' : 'cpu', r.lineBackend);
      const m = await client.companyMap();
      map.draw({ ...m, caption: `${m.caption}, restored from this device's storage` });
      await ready(
        `Restored from this device's storage, trained ${savedAt(r.stored!.updatedAt)}: ${r.members.toLocaleString()} simulated members; LINE ran on ${r.lineBackend}. Search below.`,
      );
    } catch (error) {
      if (mine === generation) failed(error);
    }
  }

  async function train(): Promise<void> {
    generation++;
    // A new model ranks differently: what was said about the new member no longer holds.
    newMember = null;
    rankingNew++;
    panel.setNewMember('idle', '');
    try {
      const members = panel.members();
      panel.setStatus('training', 'Starting the talent worker…');
      const r = await client.train({ members, seed: 1 }, (p) => {
        if (p.status === 'stage') panel.setStatus('training', p.message);
        else if (p.status === 'map') map.draw(p);
        else if (p.status === 'line') panel.setBackend(p.backend, lineBackendLabel(p));
        else panel.setStatus('training', `Two-tower epoch ${p.epoch}: log-loss ${p.loss.toFixed(3)}`);
      }).done;
      const trained = `Trained on ${members.toLocaleString()} simulated members; LINE ran on ${r.lineBackend}.`;
      panel.setStatus('training', `${trained} Saving it to this device's storage…`);
      const kept = await client.keep().then(
        (info) => `Kept on this device (saved ${savedAt(info.updatedAt)}).`,
        (error: unknown) => {
          if (error instanceof StorageQuotaError)
            return `Not kept on this device — ${describeError(error)}. It serves this tab only.`;
          throw error;
        },
      );
      storageChanged();
      await ready(`${trained} ${kept} Search below.`);
    } catch (error) {
      failed(error);
    }
  }

  async function search(form: TalentSearchForm): Promise<void> {
    const ticket = ++searching;
    const r = await client.inspect(form).catch((error: unknown) => (failed(error), null));
    if (!r || ticket !== searching) return; // a newer search (e.g. the pooling switch) superseded this one
    panel.setReading(r.reading);
    panel.showResults(
      r.hits.map((h) => ({ name: h.description, pAccept: h.pAccept, cosine: h.cosine, reasons: h.reasons })),
      form.pooling,
    );
    // The diagram's figures come from the worker's objects, for this search.
    panel.pipeline.update(talentStages(r.pipeline, r.reading.unknownSkills.length));
    panel.pipeline.caption(
      `Figures of the search just shown (${form.pooling} pooling), read from the model in the talent worker.`,
    );
    if (newMember) await rankNew(newMember, form);
  }

  /** Where the typed-in member would rank for `form` (the search just shown), with reasons and unknown names. */
  async function rankNew(member: NewMemberForm, form: TalentForm): Promise<void> {
    const ticket = ++rankingNew;
    panel.setNewMember('ranking', 'Ranking this member for the search above…');
    try {
      const r = await client.rankMember(form, member);
      if (ticket !== rankingNew) return;
      const ahead = r.rank - 1;
      const unknown = [
        ...r.unknown.titles.map((n) => `title “${n}”`),
        ...r.unknown.companies.map((n) => `company “${n}”`),
        ...r.unknown.skills.map((n) => `skill “${n}”`),
        ...r.unknown.location.map((n) => `city “${n}”`),
      ];
      panel.setNewMember('done', '', {
        summary: `For the search above (${form.pooling} pooling), this member would rank #${r.rank.toLocaleString()}: ${ahead.toLocaleString()} of the ${r.of.toLocaleString()} members score as high or higher (estimated P(accept) ${percent(r.pAccept)}).`,
        reasons: r.reasons,
        unknown,
      });
    } catch (error) {
      if (ticket === rankingNew) panel.setNewMember('error', describeError(error));
    }
  }

  void restore();
}
