/**
 * The replay estimator of Li, Chu, Langford & Wang (WSDM 2011) for offline evaluation of a feed or
 * bandit policy from logs collected under a uniformly random policy: walk the log, keep only the events
 * where the new policy picks the item that was actually shown, and average their rewards. With K
 * candidates per event, about 1/K of the events survive and their mean reward is an unbiased estimate
 * of the policy's online CTR (the paper's theorem assumes the same K for every event).
 */
import { InvalidArgumentError } from '../errors.ts';

/** What a policy may see of a logged event: never the logged choice or its reward. */
export interface ReplayContext<C> {
  context: C;
  candidates: Int32Array | readonly number[];
}

/** One logged impression of the uniformly random logging policy. */
export interface LoggedEvent<C> extends ReplayContext<C> {
  /** The item the logging policy showed (one of `candidates`). */
  shown: number;
  /** Its observed reward, usually 0/1 (click). */
  reward: number;
}

/** Replay estimate with a 95% normal-approximation interval. NaN fields when too few events survive. */
export interface ReplayResult {
  /** Mean reward over kept events (NaN when none were kept). */
  estimate: number;
  /** Events where the policy agreed with the log. */
  kept: number;
  /** Events read. */
  total: number;
  /** `estimate ± 1.96 · stdErr`. */
  ci: [number, number];
  /** Sample standard deviation of kept rewards / √kept (NaN when fewer than 2 were kept). */
  stdErr: number;
}

const Z95 = 1.959963984540054;

/**
 * Replays `events` through `policy`, which returns the item it would show.
 * @example replayEstimate(log, (e) => bestArm[e.context]) // { estimate: 0.12, kept: 2000, … }
 */
export function replayEstimate<C>(
  events: Iterable<LoggedEvent<C>>,
  policy: (event: ReplayContext<C>) => number,
): ReplayResult {
  let total = 0;
  let kept = 0;
  let mean = 0;
  let m2 = 0; // Welford's running sum of squared deviations: stable for long logs
  for (const event of events) {
    const choice = policy(event);
    checkEvent(event, choice, total);
    total++;
    if (choice !== event.shown) continue;
    kept++;
    const delta = event.reward - mean;
    mean += delta / kept;
    m2 += delta * (event.reward - mean);
  }
  const stdErr = kept >= 2 ? Math.sqrt(m2 / (kept - 1) / kept) : NaN;
  const estimate = kept > 0 ? mean : NaN;
  return { estimate, kept, total, ci: [estimate - Z95 * stdErr, estimate + Z95 * stdErr], stdErr };
}

/** A shown item outside the candidates is a logging bug; a choice outside them is a policy bug. */
function checkEvent<C>(event: LoggedEvent<C>, choice: number, index: number): void {
  if (!Number.isFinite(event.reward))
    throw new InvalidArgumentError(`replayEstimate: event ${index} has reward ${event.reward}`);
  if (!event.candidates.includes(event.shown)) {
    throw new InvalidArgumentError(`replayEstimate: event ${index} shows ${event.shown}, not one of its candidates`);
  }
  if (!event.candidates.includes(choice)) {
    throw new InvalidArgumentError(
      `replayEstimate: policy chose ${choice} at event ${index}, not one of its candidates`,
    );
  }
}
