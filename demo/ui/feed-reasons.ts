/**
 * Why an update sits where it does, in words: each SPR feature group named by what it holds, its
 * share of the item's score drawn as a bar (one scale per list), and a sentence built from the
 * features that really fired for this item. The seed's codes (X_io…) and exact numbers stay in each
 * bar's title and accessible name, for the reader who wants them.
 */
import type { WireFeedItem, WireGroupContribution } from '../../src/feed.ts';
import { h } from './dom.ts';

type Feature = WireGroupContribution['features'][number];

/** Each group's short name beside its bar. */
export const GROUP_LABELS: Readonly<Record<string, string>> = {
  bias: 'starting point',
  X_i: 'your profile',
  X_t: 'the update itself',
  X_ij: 'you and its author',
  X_ik: 'its kind, for you',
  X_ijk: 'you, author and kind',
  X_io: 'its subject and you',
};

/** What each group holds, in words (from the featuriser: src/systems/feed/spr/features.ts). */
export const GROUP_WORDS: Readonly<Record<string, string>> = {
  bias: 'how rarely anyone engages with any update',
  X_i: 'your profile in general (title, seniority, city, job search)',
  X_t: 'the update itself (its type, age, popularity, first-pass score)',
  X_ij: 'you and who posted it (connection, follow, past views and engagement, mutual connections)',
  X_ik: 'updates of this type with people like you',
  X_ijk: 'you, who posted it and this type together (e.g. you worked at this company)',
  X_io: 'how its subject fits you (your skills and field; for jobs, seniority and city)',
};

const INVENTORY_WORDS: Readonly<Record<string, string>> = {
  network: 'an update from your network',
  jobs: 'a job recommendation',
  news: 'a news article',
  pymk: 'a person you may know',
};

const count = (v: number): number => Math.round(Math.expm1(v));
const times = (n: number): string => (n === 1 ? 'once' : `${n} times`);

function ageWords(days: number): string {
  if (days < 1) return `${Math.max(1, Math.round(days * 24))} h old`;
  return `${Math.round(days)} day${Math.round(days) === 1 ? '' : 's'} old`;
}

/**
 * One feature of `item`, in words that are true for it (each phrase states only what the feature's
 * firing and value say). `value` is the feature's value in the item's row.
 */
export function featureWords(f: Feature, item: Pick<WireFeedItem, 'inventory'>): string {
  switch (f.name) {
    case 'title':
      return 'your job title';
    case 'seniority':
      return 'your seniority';
    case 'location':
      return 'your city';
    case 'jobSeeking':
      return 'your job-search status';
    case 'updateType':
      return `it is ${INVENTORY_WORDS[item.inventory] ?? 'this kind of update'}`;
    case 'verbAndActorType':
      return 'the kind of action and who did it';
    case 'ageBucket':
    case 'age':
      return f.name === 'age' ? `it is ${ageWords(Math.expm1(f.value))}` : 'how old it is';
    case 'popularity':
      return 'its likes, comments and shares';
    case 'fprScore':
      return `its first-pass score (${f.value.toFixed(2)})`;
    case 'topic':
      return 'its topic';
    case 'connectedToActor':
      return 'you are connected to who posted it';
    case 'followsCompany':
      return 'you follow this company';
    case 'shownFromActor':
      return `you were shown their updates ${times(count(f.value))} before`;
    case 'engagedWithActor':
      return `you engaged with their updates ${times(count(f.value))} before`;
    case 'commonConnections':
      return `you share ${count(f.value)} connection${count(f.value) === 1 ? '' : 's'} with them`;
    case 'jobSeekingByType':
      return 'your job-search status and this type of update';
    case 'seniorityByType':
      return 'your seniority and this type of update';
    case 'titleFamilyByType':
      return 'your field and this type of update';
    case 'workedAtCompany':
      return 'you worked at this company';
    case 'connectedByVerb':
      return 'you are connected to them, and this kind of action';
    case 'followsByType':
      return 'you follow them, and this type of update';
    case 'topicSkillShare':
      return 'how many of your skills are in its topic';
    case 'titleFamilyByTopic':
      return 'your field and its topic';
    case 'skillsByTopic':
      return 'your skills and its topic';
    case 'jobSeniorityGap':
      return "the job's seniority against yours";
    case 'jobInYourCity':
      return 'the job is in your city';
    case 'sameCompany':
      return 'they work at your company';
    default:
      return f.name;
  }
}

/** The group's strongest feature pulling the same way as the group, in words (or the group's own words). */
function groupReason(g: WireGroupContribution, item: Pick<WireFeedItem, 'inventory'>): string {
  const lead = g.features.find((f) => Math.sign(f.contribution) === Math.sign(g.contribution));
  return lead ? featureWords(lead, item) : (GROUP_WORDS[g.group] ?? g.group);
}

/** The groups that explain a ranking (the constant bias left out), strongest first. */
export const rankedGroups = (item: Pick<WireFeedItem, 'groups'>): WireGroupContribution[] =>
  item.groups.filter((g) => g.group !== 'bias').sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));

const signed = (x: number, d = 2): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(d)}`;

/**
 * One sentence: the strongest reasons raising the item's score, then the strongest lowering it, each
 * from the features that fired for this item.
 */
export function reasonSentence(item: Pick<WireFeedItem, 'groups' | 'inventory'>): string {
  const groups = rankedGroups(item);
  const up = groups.filter((g) => g.contribution > 0).slice(0, 2);
  const down = groups.filter((g) => g.contribution < 0).slice(0, 1);
  const list = (gs: WireGroupContribution[]): string => gs.map((g) => groupReason(g, item)).join('; ');
  const parts: string[] = [];
  if (up.length) parts.push(`Up: ${list(up)}.`);
  if (down.length) parts.push(`Down: ${list(down)}.`);
  return parts.join(' ') || 'No feature moved its score.';
}

/** The largest |contribution| of any shown group in the list: the bars' shared scale. */
export function barScale(items: readonly Pick<WireFeedItem, 'groups'>[]): number {
  let max = 0;
  for (const it of items)
    for (const g of it.groups) if (g.group !== 'bias') max = Math.max(max, Math.abs(g.contribution));
  return max || 1;
}

/**
 * The item's reasons: its sentence, then one diverging bar per group (right = raises the score,
 * left = lowers it; half the track is `scale`). Each bar's title and accessible name carry the code
 * and the exact contribution.
 */
export function reasonsCell(item: WireFeedItem, scale: number): HTMLElement {
  const rows = rankedGroups(item).map((g) => {
    const exact = `${g.group} ${signed(g.contribution, 4)} (logit), ${GROUP_WORDS[g.group] ?? ''}`;
    const top = g.features
      .slice(0, 3)
      .map((f) => `${f.name} ${signed(f.contribution, 3)}`)
      .join(', ');
    const pct = (Math.abs(g.contribution) / scale) * 50;
    const bar = h('span', {
      class: `bar ${g.contribution >= 0 ? 'up' : 'down'}`,
      style: `width:${pct.toFixed(3)}%;${g.contribution >= 0 ? 'left:50%' : `left:${(50 - pct).toFixed(3)}%`}`,
      'data-contribution': String(g.contribution),
    });
    return h(
      'li',
      { title: top ? `${exact}: ${top}` : exact, 'data-group': g.group },
      h('span', { class: 'label' }, GROUP_LABELS[g.group] ?? g.group),
      h(
        'span',
        {
          class: 'track',
          role: 'img',
          'aria-label': `${exact}: ${g.contribution >= 0 ? 'raises' : 'lowers'} the score`,
        },
        bar,
      ),
    );
  });
  return h(
    'div',
    { class: 'reasons' },
    h('p', { class: 'why' }, reasonSentence(item)),
    h('ul', { class: 'reason-bars' }, ...rows),
  );
}

const RULE_WORDS: Readonly<Record<string, string>> = {
  freshness: 're-sorted by age (scores halve every 30 days)',
  'actor-run': 'held back: same author as the update above',
  'inventory-run': 'held back: too many of one kind in a row',
  'rule-relaxed': 'placed despite a run rule (nothing else was left)',
};

/** What the re-ranker did to the item, in words; the rule codes stay in the title. */
export function rerankCell(item: Pick<WireFeedItem, 'rank' | 'sprRank' | 'changes'>): HTMLElement {
  const moved =
    item.sprRank === item.rank
      ? 'kept its place'
      : `SPR #${item.sprRank + 1} → #${item.rank + 1} (${item.rank < item.sprRank ? 'up' : 'down'} ${Math.abs(item.sprRank - item.rank)})`;
  const why = item.changes.map((c) => RULE_WORDS[c] ?? c);
  // No rule touched it, yet it rose: updates above it were dropped as repeats or held back.
  if (!why.length && item.rank < item.sprRank) why.push('updates above it were dropped or held back');
  const cell = h('span', { title: item.changes.join(', ') || 'no rule applied' }, moved);
  if (why.length) cell.append(h('span', { class: 'rules' }, `: ${why.join('; ')}`));
  return cell;
}
