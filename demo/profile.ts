/**
 * The "Your profile" panel's controller (Courses tab): the person picks the courses they watched, the
 * library keeps that history in this browser's IndexedDB (its per-person profile, apart from the
 * shared model) and ranks for it by fold-in through the ranking worker; every change re-ranks at once.
 * Forget one course or everything; a reload, or another tab, shows the same profile.
 */
import type { SparseRows } from '../src/data.ts';
import type { ModelInfo } from '../src/index.ts';
import { coWatchReason, distinctTitles, matchCourses } from './profile-logic.ts';
import { describeError } from './ui/dom.ts';
import { mountProfilePanel, type ProfilePanel, type ProfileRow } from './ui/profile-panel.ts';

/** A ranked list for the profile's history, as the library answers it. */
export interface ProfileRanking {
  items: number[];
  scores: Float32Array;
  /** The model's own reasons, where it gives them (`reasons[i]` explains `items[i]`). */
  reasons?: string[];
  /** History items the model does not know. */
  unknown: number[];
  /** How the person was folded in (`'native'`, `'newton'`…), where the model folds in. */
  method?: string;
  iterations?: number;
}

/** What the panel needs of one person's profile for one stored model (the library's profile, adapted). */
export interface ProfileHandle {
  /** Watched courses, oldest first. */
  history(): Promise<number[]>;
  add(course: number): Promise<void>;
  forget(course: number): Promise<void>;
  forgetAll(): Promise<void>;
  recommend(k: number): Promise<ProfileRanking>;
  /** Calls `listener` when the profile changes elsewhere (another tab); returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  dispose(): void;
}

/** Options of {@link startProfile}. */
export interface ProfileOptions {
  /** Course titles by course id (the catalogue the search offers). */
  titles: readonly string[];
  /** The tab's co-watch neighbours (cosine weights), for reasons in plain words. */
  coWatch: Required<SparseRows>;
  /** The stored model that serves the profile, or undefined when none is stored yet. */
  model(): Promise<ModelInfo | undefined>;
  /** Opens the person's profile against that model. */
  open(info: ModelInfo): Promise<ProfileHandle>;
  /** What to tell a person with no model stored yet (names the button that trains one). */
  missing: string;
}

/** The running panel: tell it when the tab trained (or deleted) the model it ranks with. */
export interface ProfileController {
  modelChanged(): Promise<void>;
}

const K = 10;

/** Mounts the panel into `root` and opens the profile for the stored model, if any. */
export function startProfile(root: HTMLElement, options: ProfileOptions): ProfileController {
  const { coWatch } = options;
  const titles = distinctTitles(options.titles);
  const title = (c: number) => titles[c] ?? `course ${c}`;
  let profile: ProfileHandle | null = null;
  let model: ModelInfo | null = null;
  let unsubscribe = () => {};
  let watched: number[] = [];
  let query = '';
  // The latest request wins: an older answer arriving late never overwrites a newer one.
  let ticket = 0;
  // Opening the profile for another model version has its own count: a re-rank never cancels it.
  let opening = 0;

  const showMatches = () => {
    const { shown, total } = matchCourses(titles, query, new Set(watched));
    panel.matches(shown, total, query);
  };

  /**
   * Reads the stored history and ranks for it; every status line says what is true now. `failure`:
   * a change just failed — the lists then show what is stored, and the status says what went wrong.
   */
  const refresh = async (failure?: string): Promise<void> => {
    const mine = ++ticket;
    const p = profile;
    if (!p || !model) return;
    const info = model;
    panel.status('busy', 'Updating your recommendations on this device…');
    try {
      const history = await p.history();
      if (mine !== ticket) return;
      watched = history;
      panel.history(history.map((id) => ({ id, title: title(id) })));
      showMatches();
      if (!history.length) {
        panel.recommendations('', []);
        if (failure) return panel.status('error', failure);
        panel.status('ready', `No courses in your profile yet: add one you have watched to see recommendations.`);
        return;
      }
      const r = await p.recommend(K);
      if (mine !== ticket) return;
      const seen = new Set(history);
      const rows: ProfileRow[] = r.items.map((item, t) => ({
        title: title(item),
        score: r.scores[t],
        reason: r.reasons?.[t] ?? coWatchReason(item, seen, coWatch, title),
      }));
      const how = r.method ? ` (fold-in: ${r.method}${r.iterations ? `, ${r.iterations} iterations` : ''})` : '';
      panel.recommendations(`${info.id} v${info.version}, ranked for your history on this device${how}.`, rows);
      if (failure) return panel.status('error', failure);
      const unknown = r.unknown.length
        ? ` ${r.unknown.length} of them ${r.unknown.length === 1 ? 'is' : 'are'} unknown to this model and left out: ${r.unknown.map(title).join(', ')}.`
        : '';
      panel.status(
        'ready',
        `${history.length} ${history.length === 1 ? 'course' : 'courses'} in your profile.${unknown}`,
      );
    } catch (error) {
      if (mine === ticket) panel.status('error', failure ?? describeError(error));
    }
  };

  /** Runs one change to the stored profile, then re-ranks. */
  const change = async (what: string, action: (p: ProfileHandle) => Promise<void>): Promise<void> => {
    const p = profile;
    if (!p) return;
    ++ticket; // an answer for the history before this change is stale from now on
    panel.status('busy', what);
    panel.enabled(false); // one change at a time: a double click never adds a course twice
    let failure: string | undefined;
    try {
      await action(p);
    } catch (error) {
      failure = describeError(error);
    } finally {
      if (profile === p) panel.enabled(true);
    }
    await refresh(failure);
  };

  const panel: ProfilePanel = mountProfilePanel(root, {
    search(text) {
      query = text;
      showMatches();
    },
    add: (course) => void change(`Adding “${title(course)}” to your profile…`, (p) => p.add(course)),
    forget: (course) => void change(`Forgetting “${title(course)}”…`, (p) => p.forget(course)),
    forgetAll: () => void change('Forgetting your whole history…', (p) => p.forgetAll()),
  });

  /** (Re)opens the profile against the stored model, or says none is stored. */
  const modelChanged = async (): Promise<void> => {
    const mine = ++opening;
    panel.status('busy', 'Looking for a stored model to rank with…');
    try {
      const info = await options.model();
      if (mine !== opening) return;
      if (info && model && info.id === model.id && info.version === model.version && profile) return void refresh();
      unsubscribe();
      profile?.dispose();
      profile = null;
      model = null;
      if (!info) {
        ++ticket; // a re-rank still in flight for the old model must not fill the lists again
        panel.enabled(false);
        panel.history(null);
        panel.recommendations('', []);
        panel.status('missing', options.missing);
        return;
      }
      const opened = await options.open(info);
      if (mine !== opening) return opened.dispose();
      profile = opened;
      model = info;
      unsubscribe = opened.onChange(() => void refresh());
      panel.enabled(true);
      await refresh();
    } catch (error) {
      if (mine === opening) panel.status('error', describeError(error));
    }
  };

  void modelChanged();
  return { modelChanged };
}
