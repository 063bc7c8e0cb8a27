/**
 * What each number in the demo means, in our own words: one entry per term, shown by the `?` button
 * beside a number (`helpButton`). Domain terms of one system live with that system's pipeline boxes;
 * this list holds the evaluation and training terms every tab uses.
 */

/** A short explanation, and where the idea comes from. */
export interface Explanation {
  title: string;
  /** Plain sentences; a reader should not need the paper to follow them. */
  body: string;
  source?: { title: string; url?: string };
}

const NCF_PAPER = {
  title: 'He et al., Neural Collaborative Filtering, WWW 2017',
  url: 'https://arxiv.org/abs/1708.05031',
};
const REPLAY_PAPER = {
  title:
    'Li, Chu, Langford, Wang, Unbiased offline evaluation of contextual-bandit-based news article recommendation algorithms, WSDM 2011',
  url: 'https://arxiv.org/abs/1003.5956',
};

/** The evaluation and training terms, by key. */
export const GLOSSARY = {
  hr10: {
    title: 'HR@10 (hit ratio at 10)',
    body: 'Hide one item each person really chose (their latest), rank it among other items, and count how often it lands in the top 10. 0.7 means 70 of every 100 people find their hidden item in their top 10. "99 sampled" ranks it against 99 random unseen items (the protocol of the NCF paper); "full" ranks it against every unseen item, which is harder and closer to real use.',
    source: NCF_PAPER,
  },
  ndcg10: {
    title: 'NDCG@10',
    body: 'Like HR@10, but a hit counts more the higher it ranks: 1 at rank 1, 1/log2(r+1) at rank r, 0 below rank 10. It rewards putting the right item first, not just somewhere in the ten.',
    source: NCF_PAPER,
  },
  mrr: {
    title: 'MRR (mean reciprocal rank)',
    body: 'The average of 1/rank of the hidden item: 1 when it is always first, 0.5 when it is always second. Every rank counts, not only the top 10.',
  },
  auc: {
    title: 'AUC',
    body: 'Pick one positive and one negative example at random: AUC is the chance the model scores the positive higher. 0.5 is a coin flip, 1 is perfect ordering. It ignores calibration (whether 0.3 really means 30%).',
  },
  oe: {
    title: 'O/E (observed over expected)',
    body: 'Observed interactions divided by the sum of the predicted probabilities on held-out impressions. 1 means the predicted click rates are calibrated; below 1 the model over-predicts, above 1 it under-predicts.',
  },
  replay: {
    title: 'Replay',
    body: "An offline estimate of a ranking policy's click rate: walk a log collected while items were shown at random, keep only the events where the new policy would have shown the same item, and average their clicks. Because the logged choice was random, this average is an unbiased estimate of the online rate.",
    source: REPLAY_PAPER,
  },
  ctr: {
    title: 'CTR (click-through rate)',
    body: 'The share of shown items that the member interacted with: P(interaction | shown).',
  },
  loss: {
    title: 'Training loss',
    body: 'How wrong the model is on its training examples (here binary cross-entropy: the average of −log of the probability it gave the right answer). It should fall as training goes on; a validation metric tells whether that also helps on data the model has not seen.',
  },
  validation: {
    title: 'Validation metric',
    body: 'A quality measure on a slice held out from training and never used to fit the weights. Settings such as the number of epochs are chosen on it, so that the test figures stay an honest estimate.',
  },
  samplesPerSec: {
    title: 'Samples per second',
    body: 'Training examples (a positive interaction or a sampled negative) the model learns from each second on this device, on the backend named beside it.',
  },
  epoch: {
    title: 'Epoch',
    body: 'One pass over every training example. A step is one mini-batch of examples; an epoch is many steps.',
  },
  cosine: {
    title: 'Cosine similarity',
    body: 'How closely two vectors point the same way, from −1 (opposite) through 0 (unrelated) to 1 (same direction), regardless of their length.',
  },
  pAccept: {
    title: 'P(accept)',
    body: "The model's estimated probability that this member would accept an InMail sent for this query, learned from recruiters' past InMails and members' answers.",
  },
  backend: {
    title: 'Backend',
    body: 'Where the arithmetic runs: webgpu and webgl on the graphics card, wasm (WebAssembly, with SIMD and threads when allowed) and cpu (plain JavaScript) on the processor. A software graphics adapter (SwiftShader) emulates a GPU on the processor and is usually slower than wasm.',
  },
} satisfies Record<string, Explanation>;

/** A key of `GLOSSARY`. */
export type GlossaryTerm = keyof typeof GLOSSARY;
