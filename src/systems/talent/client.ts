/**
 * `connectTalent`: the page's client of talent search, in the shape every system's client has (train
 * with progress and cancel, rank, explain, list, delete, dispose) over one talent worker, or over the
 * service in this thread (`inThread: true`, loaded on demand so the page bundle carries none of it).
 */
import { proxy, type Remote } from 'comlink';
import type { ModelInfo } from '../../store/types.ts';
import {
  inThreadStore,
  isInThread,
  stoppable,
  workerFactory,
  type ConnectOptions,
  type TrainingHandle,
} from '../../rpc/connect-options.ts';
import { defaultTalentWorker } from '../../rpc/default-workers/talent.ts';
import { installErrorTransfer } from '../../rpc/errors.ts';
import { callWorker, WorkerSlot } from '../../rpc/worker-slot.ts';
import type {
  NewMemberProfile,
  NewMemberRank,
  TalentHit,
  TalentInspection,
  TalentProgress,
  TalentSearchForm,
  TalentService,
  TalentTrainRequest,
  TalentTrainResult,
} from './service.ts';

/** Options of {@link connectTalent}: `{ workers?: { talent } , wasmPaths? }` or `{ inThread: true, … }`. */
export type TalentOptions = ConnectOptions<'talent'>;

/** The page's API over talent search. */
export interface TalentClient {
  /** Builds the graphs, trains LINE and the two-tower model; `cancel` stops the worker doing it. */
  train(request: TalentTrainRequest, onProgress?: (p: TalentProgress) => void): TrainingHandle<TalentTrainResult>;
  /** The top members for a recruiter's search. */
  rank(form: TalentSearchForm): Promise<TalentHit[]>;
  /** `rank`, each hit with its reasons (talent search always gives them). */
  explain(form: TalentSearchForm): Promise<TalentHit[]>;
  /**
   * `explain`, with how the form was read (title, skills found, unknown skills, city, years) and the
   * pipeline's live figures for this search (graph sizes, LINE per graph, pooling, two-tower, timing).
   */
  inspect(form: TalentSearchForm): Promise<TalentInspection>;
  /**
   * Where a new member (not in the training graphs), typed in by entity names, would rank for the
   * search `form`, with reasons; names the model does not know come back in `unknown`.
   */
  rankMember(form: TalentSearchForm, member: NewMemberProfile): Promise<NewMemberRank>;
  /** The stored talent model, if any (no weights read). */
  list(): Promise<ModelInfo[]>;
  /** Deletes the stored talent model (`TALENT_MODEL_ID`). */
  delete(id: string): Promise<void>;
  /** Stores the trained model on this device (`StorageQuotaError` when it does not fit). */
  keep(): Promise<ModelInfo>;
  /** The stored model's info, or null. */
  stored(): Promise<ModelInfo | null>;
  /** Serves the stored model without retraining (`ModelNotFoundError` when it vanished). */
  restore(): Promise<TalentTrainResult>;
  /** The PCA map of the company embeddings in service. */
  companyMap(): Promise<Extract<TalentProgress, { status: 'map' }>>;
  /** Titles and cities of the trained world (for a search form's pickers). */
  vocab(): Promise<{ titles: string[]; locations: string[] }>;
  /** Terminates the worker. */
  dispose(): void;
}

/** How the client reaches the service: a call, and a way to stop a running training. */
interface TalentEngine {
  call<R>(fn: (service: Remote<TalentService>) => Promise<R>): Promise<R>;
  stop(): void;
}

/**
 * Connects to talent search: the package's talent worker unless `workers.talent` is given, or the
 * service in this thread with `{ inThread: true }`.
 * @example
 * ```ts
 * import { connectTalent } from 'linkrec';
 * const talent = await connectTalent();
 * await talent.train({ members: 4000 }, (p) => console.log(p.status)).done;
 * const hits = await talent.rank({ title: -1, skills: '', location: 255, minYears: 0, text: 'senior data scientist', pooling: 'mean' });
 * ```
 */
export async function connectTalent(options: TalentOptions = {}): Promise<TalentClient> {
  installErrorTransfer();
  if (isInThread(options)) {
    const { TalentService } = await import('./service.ts');
    const service = new TalentService(await inThreadStore(options.store));
    // Plain calls through the same signature as remote ones (an async wrapper turns a throw into a rejection).
    const local = service as unknown as Remote<TalentService>;
    return new Client({ call: async (fn) => fn(local), stop: () => undefined });
  }
  const slot = new WorkerSlot<TalentService>(
    workerFactory(options, 'talent', defaultTalentWorker),
    undefined,
    'talent',
  );
  return new Client({ call: (fn) => callWorker(slot, fn), stop: () => slot.close() });
}

class Client implements TalentClient {
  constructor(private readonly engine: TalentEngine) {}

  train(
    request: TalentTrainRequest,
    onProgress: (p: TalentProgress) => void = () => undefined,
  ): TrainingHandle<TalentTrainResult> {
    const run = this.engine.call((s) => s.train(request, proxy(onProgress)));
    return stoppable(run, () => this.engine.stop(), 'talent training');
  }

  rank(form: TalentSearchForm): Promise<TalentHit[]> {
    return this.engine.call((s) => s.search(form));
  }

  explain(form: TalentSearchForm): Promise<TalentHit[]> {
    return this.rank(form);
  }

  inspect(form: TalentSearchForm): Promise<TalentInspection> {
    return this.engine.call((s) => s.inspect(form));
  }

  rankMember(form: TalentSearchForm, member: NewMemberProfile): Promise<NewMemberRank> {
    return this.engine.call((s) => s.rankMember(form, member));
  }

  list(): Promise<ModelInfo[]> {
    return this.engine.call((s) => s.list());
  }

  delete(id: string): Promise<void> {
    return this.engine.call((s) => s.delete(id));
  }

  keep(): Promise<ModelInfo> {
    return this.engine.call((s) => s.keep());
  }

  stored(): Promise<ModelInfo | null> {
    return this.engine.call((s) => s.stored());
  }

  restore(): Promise<TalentTrainResult> {
    return this.engine.call((s) => s.restore());
  }

  companyMap(): Promise<Extract<TalentProgress, { status: 'map' }>> {
    return this.engine.call((s) => s.companyMap());
  }

  vocab(): Promise<{ titles: string[]; locations: string[] }> {
    return this.engine.call((s) => s.vocab());
  }

  dispose(): void {
    this.engine.stop();
  }
}
