/**
 * The Courses tab's "your own data" controller: a ratings file is checked here, trained on by seed-NCF
 * in the training worker (through a blob: URL of the same File: nothing leaves the device), then any
 * of its users can be picked and ranked; a titles file, before or after, names the items. Each item's
 * reason is read from the file itself (its co-watch neighbours among the user's items, its popularity).
 */
import { coWatchRows } from '../src/courses.ts';
import { userItemRows, type LoadedInteractions } from '../src/data.ts';
import type { CoursesClient, CourseTrainRequest } from '../src/index.ts';
import { evidenceReason, itemEvidence, type ItemEvidence } from './ui/courses-reasons.ts';
import { mountCoursesUpload, type CoursesUpload } from './ui/courses-upload.ts';
import { describeError } from './ui/dom.ts';
import { readTitles, readUpload, titlesSummary, uploadSummary } from './upload.ts';

/** The model id of an uploaded file's NCF. */
export const UPLOAD_ID = 'courses-ncf-upload';

/** What the controller borrows from the tab: its client and its trainer (progress in the tab's status line). */
export interface UploadDeps {
  client(): Promise<CoursesClient>;
  /** Trains in the worker with the tab's progress display; false when it failed or was cancelled. */
  train(requests: CourseTrainRequest[]): Promise<boolean>;
  /** The NCF settings for a dropped MovieLens-format file. */
  config: { neighbours: number } & Record<string, unknown>;
}

type Id = number | string;

/** Mounts the section into `root` and wires it. */
export function startUpload(root: HTMLElement, deps: UploadDeps): CoursesUpload {
  let log: LoadedInteractions | null = null;
  let evidence: ItemEvidence | null = null;
  let titles: Map<Id, string> | null = null;
  let titlesName = '';
  let summary = '';
  let version = 0;
  let shown: Id | null = null;

  const itemName = (i: number): string => {
    const id = (log as LoadedInteractions).itemIds.id(i);
    return titles?.get(id) ?? `item ${id}`;
  };

  const ratings = async (file: File): Promise<void> => {
    let url = '';
    log = null;
    evidence = null;
    shown = null;
    section.users([]);
    section.list('', []);
    try {
      // Checked here first (size, then every row), so a bad file is reported before any training starts.
      const read = await readUpload(file);
      summary = uploadSummary(file.name, read);
      section.status('busy', `${summary} Training NCF on this device…`);
      url = URL.createObjectURL(file);
      const request = {
        modelId: UPLOAD_ID,
        kind: 'ncf',
        config: deps.config,
        data: { ratingsUrl: url },
        backend: 'wasm',
        fresh: true,
      } as CourseTrainRequest;
      if (!(await deps.train([request]))) {
        section.status(
          'error',
          `${summary} Training stopped before the end (see the status line above): nothing to rank with.`,
        );
        return;
      }
      const info = (await (await deps.client()).list()).find((m) => m.id === UPLOAD_ID && !m.checkpoint);
      if (!info) throw new Error(`${UPLOAD_ID} was not stored`);
      version = info.version;
      log = read;
      const rows = userItemRows(read);
      // The co-watch rows the model's course tower reads: same file, same neighbour count.
      evidence = itemEvidence(rows, coWatchRows(rows, deps.config.neighbours), {
        people: 'users',
        verb: 'rated',
        name: itemName,
      });
      if (titles) section.titlesStatus('ok', titlesSummary(titlesName, titles, read));
      const users = Array.from({ length: read.userIds.size }, (_, u) => ({
        id: String(read.userIds.id(u)),
        label: `${rows.indptr[u + 1] - rows.indptr[u]} items rated`,
      }));
      section.users(users, users[0]?.id);
      if (users.length) await recommend(read.userIds.id(0));
    } catch (error) {
      section.status('error', `Could not read ${file.name}: ${describeError(error)}`);
    } finally {
      if (url) URL.revokeObjectURL(url);
    }
  };

  const recommend = async (user: Id): Promise<void> => {
    const l = log as LoadedInteractions;
    const e = evidence as ItemEvidence;
    const u = l.userIds.index(user);
    const r = await (await deps.client()).rank({ modelId: UPLOAD_ID, version, user, k: 10, excludeSeen: true });
    shown = user;
    section.status('ok', `${summary} Top 10 for user ${user} (trained here, never uploaded):`);
    section.list(
      `User ${user} rated ${e.history.indptr[u + 1] - e.history.indptr[u]} items. Score, then why:`,
      r.items.map((id, t) => {
        const i = l.itemIds.index(id);
        return { title: itemName(i), score: r.scores[t], reason: evidenceReason(e, u, i) };
      }),
    );
  };

  const pick = async (text: string): Promise<void> => {
    const l = log;
    if (!l) return;
    // The loader keeps integer-looking ids as numbers: try the number first, then the text as it is.
    const id = [/^-?\d{1,15}$/.test(text) ? Number(text) : null, text].find((c) => c !== null && l.userIds.has(c));
    if (id === undefined || id === null) {
      section.status(
        'error',
        `${summary} No user “${text}” in the file: pick one of its ${l.userIds.size} users (e.g. ${l.userIds.id(0)}).`,
      );
      return;
    }
    await recommend(id).catch((error: unknown) => section.status('error', describeError(error)));
  };

  const titlesFile = async (file: File): Promise<void> => {
    try {
      titles = await readTitles(file);
      titlesName = file.name;
      section.titlesStatus(
        'ok',
        log
          ? titlesSummary(file.name, titles, log)
          : `${file.name}: ${titles.size} titles read; they name the items once a ratings file is trained on.`,
      );
      if (log && shown !== null) await recommend(shown);
    } catch (error) {
      titles = null;
      section.titlesStatus('error', `Could not read ${file.name}: ${describeError(error)}`);
      if (log && shown !== null) await recommend(shown);
    }
  };

  const section = mountCoursesUpload(root, {
    ratings: (f) => void ratings(f),
    titles: (f) => void titlesFile(f),
    pick: (t) => void pick(t),
  });
  return section;
}
