/**
 * A person outside the training data as GLMix sees them: their member features (read from
 * `History.features` by name) as a one-member {@link CourseSide}, so the training code's feature rows
 * (`designBlocks`, `skillMatch`, `profileReason`) serve them as member 0, unchanged.
 *
 * Feature names: `seniority` (an integer level, 0 … nSeniority − 1; absent: 0, entry level),
 * `industry` (an integer id; kept, GLMix' blocks do not read it), and `skill:<name>` for each skill
 * the person lists (any value > 0 lists it, 0 does not), `<name>` as in the model's skill names, or
 * `skill:<id>` where the model has none. Any other name is returned in `unknown` (not dropped silently).
 */
import { InvalidArgumentError } from '../../errors.ts';
import type { CourseSide } from './data.ts';

/** The person as member 0 of a copy of the model's course side, and the feature names it does not know. */
export interface Person {
  side: CourseSide;
  unknown: string[];
}

/** Reads `features` against the model's vocabulary (see the file comment for the names). */
export function personSide(model: CourseSide, features: Record<string, number> = {}): Person {
  const field = (name: string) => `glmix: history.features["${name}"]`;
  const skillIds = new Map<string, number>();
  if (model.skillNames) model.skillNames.forEach((n, i) => skillIds.set(n, i));
  else for (let i = 0; i < model.skillFamily.length; i++) skillIds.set(String(i), i);
  let seniority = 0;
  let industry = 0;
  const skills = new Set<number>();
  const unknown: string[] = [];
  // Sorted names: the same features in any key order give the same person (fold-in is deterministic).
  for (const name of Object.keys(features).sort()) {
    const value = features[name];
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new InvalidArgumentError(`${field(name)} must be a finite number, got ${String(value)}`);
    if (name === 'seniority') {
      if (!Number.isInteger(value) || value < 0 || value >= model.nSeniority)
        throw new InvalidArgumentError(`${field(name)} must be an integer in 0..${model.nSeniority - 1}, got ${value}`);
      seniority = value;
    } else if (name === 'industry') {
      if (!Number.isInteger(value) || value < 0 || value > 0xffff)
        throw new InvalidArgumentError(`${field(name)} must be an integer in 0..65535, got ${value}`);
      industry = value;
    } else if (name.startsWith('skill:') && skillIds.has(name.slice(6))) {
      if (value < 0) throw new InvalidArgumentError(`${field(name)} must be >= 0, got ${value}`);
      if (value > 0) skills.add(skillIds.get(name.slice(6)) as number);
    } else unknown.push(name);
  }
  const indices = Int32Array.from([...skills].sort((a, b) => a - b));
  const side: CourseSide = {
    ...model,
    members: {
      seniority: Uint8Array.of(seniority),
      industry: Uint16Array.of(industry),
      skills: { nRows: 1, nCols: model.skillFamily.length, indptr: Int32Array.of(0, indices.length), indices },
    },
  };
  return { side, unknown };
}
