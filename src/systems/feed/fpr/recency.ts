/** Recency in (0, 1]: halves every `halfLifeDays`. */
export const recency = (ageDays: number, halfLifeDays: number): number => Math.pow(0.5, ageDays / halfLifeDays);
