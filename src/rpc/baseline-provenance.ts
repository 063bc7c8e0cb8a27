/**
 * What a stored model was trained on, for the Baselines rows: read from the training fingerprint the
 * training service stores in each state (`meta.trainedBy`), never guessed from the model's id.
 */
import type { ModelState } from '../models/recommender.ts';
import { trainingCsv, type LooProtocol } from './baseline-models.ts';
import type { TrainedOn } from './baseline-protocol.ts';
import { trainingFingerprint } from './training-data.ts';
import { TRAINED_BY } from './training-run.ts';
import { VALIDATION_USERS } from './validation-slice.ts';

/** What a model was trained on, and how many users' latest ratings its validation slice kept from it. */
export interface ModelProvenance {
  trainedOn: TrainedOn;
  /** Up to this many users lent their latest rating to a validation slice (unseen); null without a slice. */
  validationUsers: number | null;
}

/**
 * What a stored model was trained on, read from the training fingerprint the training service stores
 * in its state (`meta.trainedBy`): the same file by URL, or inline text by its hash, and its slice.
 */
export class Provenance {
  private splitData: string | undefined;

  constructor(
    private readonly ratings: URL,
    private readonly protocol: LooProtocol,
  ) {}

  of(state: ModelState): ModelProvenance {
    const fingerprint = parse(state.meta[TRAINED_BY]);
    const data = asRecord(fingerprint?.data);
    const slice = asRecord(fingerprint?.validation);
    const validationUsers = slice ? (typeof slice.users === 'number' ? slice.users : VALIDATION_USERS) : null;
    return { trainedOn: this.trainedOn(data), validationUsers };
  }

  private trainedOn(data: Record<string, unknown> | undefined): TrainedOn {
    if (!data) return 'other';
    if (typeof data.ratingsUrl === 'string') {
      return new URL(data.ratingsUrl, this.ratings).href === this.ratings.href ? 'all-ratings' : 'other';
    }
    return JSON.stringify(data) === this.split() ? 'protocol-split' : 'other';
  }

  /** The fingerprint data of a training on the protocol's split, computed the way the trainer does. */
  private split(): string {
    if (this.splitData === undefined) {
      const csv = trainingCsv(this.protocol.train);
      this.splitData = JSON.stringify(parse(trainingFingerprint({ modelId: '-', kind: '-', data: { csv } }))?.data);
    }
    return this.splitData;
  }
}

function parse(fingerprint: unknown): Record<string, unknown> | undefined {
  if (typeof fingerprint !== 'string') return undefined;
  try {
    return asRecord(JSON.parse(fingerprint));
  } catch {
    return undefined;
  }
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
