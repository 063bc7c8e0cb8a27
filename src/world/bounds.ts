/** Bounds of the simulated worlds the talent and feed services generate (checked at their boundary). */
export const WORLD_BOUNDS = Object.freeze({ members: [100, 200_000] as const, sessions: 2_000_000 });
