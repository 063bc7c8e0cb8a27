/**
 * Feed content and activities. Articles are published by companies, posts written by members; every
 * feed item is an actor–verb–object triplet in one of four inventories: network activity (a member
 * shared an article, liked a post, changed title), jobs (a company posted a job), news (a company
 * published an article) and people-you-may-know (a member suggested).
 */
import type { Rng } from '../data/rng.ts';
import { ActorType, Inventory, ObjectType, Verb } from './feed-enums.ts';
import { drawFromRow, GroupSampler } from './sampling.ts';
import type { Activities, Companies, Feed, Jobs, Members } from './types.ts';

type Content = { count: number; family: Uint8Array; quality: Float32Array };

/** Articles: a publisher company, a family (mostly the publisher's) and a latent quality. */
export function generateArticles(rng: Rng, count: number, k: number, co: Companies): Feed['articles'] {
  const a = {
    count,
    publisher: new Uint32Array(count),
    family: new Uint8Array(count),
    quality: new Float32Array(count),
  };
  for (let i = 0; i < count; i++) {
    const c = rng.int(co.count);
    a.publisher[i] = c;
    a.family[i] = rng.bernoulli(0.6) ? co.family[c] : rng.int(k);
    a.quality[i] = 0.5 * rng.normal();
  }
  return a;
}

/** Posts: an author member and a family drawn from the author's interests. */
export function generatePosts(rng: Rng, count: number, k: number, m: Members): Feed['posts'] {
  const p = { count, author: new Uint32Array(count), family: new Uint8Array(count), quality: new Float32Array(count) };
  for (let i = 0; i < count; i++) {
    const a = rng.int(m.count);
    p.author[i] = a;
    p.family[i] = drawFromRow(rng, m.interests, a * k, k);
    p.quality[i] = 0.5 * rng.normal();
  }
  return p;
}

/** Sizes of the activity inventories. */
export interface ActivityCounts {
  network: number;
  pymkRate: number;
}

/** Generates all activities, grouped by inventory (network, jobs, news, pymk). */
export function generateActivities(
  rng: Rng,
  k: number,
  now: number,
  m: Members,
  jobs: Jobs,
  articles: Content & { publisher: Uint32Array },
  posts: Content,
  counts: ActivityCounts,
): Activities {
  const pymk: number[] = [];
  for (let i = 0; i < m.count; i++) if (rng.bernoulli(counts.pymkRate)) pymk.push(i);
  const n = counts.network + jobs.count + articles.count + pymk.length;
  const a: Activities = {
    count: n,
    inventory: new Uint8Array(n),
    actorType: new Uint8Array(n),
    actor: new Uint32Array(n),
    verb: new Uint8Array(n),
    objectType: new Uint8Array(n),
    object: new Uint32Array(n),
    family: new Uint8Array(n),
    createdAt: new Uint32Array(n),
    likes: new Uint32Array(n),
    comments: new Uint32Array(n),
    shares: new Uint32Array(n),
  };
  const articlesByFamily = new GroupSampler(articles.family, k);
  const postsByFamily = new GroupSampler(posts.family, k);
  let i = 0;
  const recent = (): number => now - 86400 - rng.int(14 * 86400);
  const put = (
    inv: number,
    at: number,
    actor: number,
    verb: number,
    ot: number,
    obj: number,
    fam: number,
    created: number,
    quality: number,
  ): void => {
    a.inventory[i] = inv;
    a.actorType[i] = at;
    a.actor[i] = actor;
    a.verb[i] = verb;
    a.objectType[i] = ot;
    a.object[i] = obj;
    a.family[i] = fam;
    a.createdAt[i] = created;
    // Popularity grows with the object's latent quality; comments and shares follow likes.
    const likes = Math.floor(Math.exp(1.2 + quality + 0.8 * rng.normal()));
    a.likes[i] = likes;
    a.comments[i] = Math.floor(likes * 0.25 * rng.next());
    a.shares[i] = Math.floor(likes * 0.12 * rng.next());
    i++;
  };
  for (let t = 0; t < counts.network; t++) {
    const actor = rng.int(m.count);
    const u = rng.next();
    const fam = drawFromRow(rng, m.interests, actor * k, k);
    if (u < 0.45) {
      const art = Math.max(0, articlesByFamily.draw(fam, rng));
      put(
        Inventory.NETWORK,
        ActorType.MEMBER,
        actor,
        Verb.SHARED,
        ObjectType.ARTICLE,
        art,
        articles.family[art],
        recent(),
        articles.quality[art],
      );
    } else if (u < 0.85) {
      const post = Math.max(0, postsByFamily.draw(fam, rng));
      put(
        Inventory.NETWORK,
        ActorType.MEMBER,
        actor,
        Verb.LIKED,
        ObjectType.POST,
        post,
        posts.family[post],
        recent(),
        posts.quality[post],
      );
    } else {
      put(
        Inventory.NETWORK,
        ActorType.MEMBER,
        actor,
        Verb.CHANGED_TITLE,
        ObjectType.PROFILE,
        actor,
        m.family[actor],
        recent(),
        0.3 * rng.normal(),
      );
    }
  }
  for (let j = 0; j < jobs.count; j++) {
    put(
      Inventory.JOBS,
      ActorType.COMPANY,
      jobs.company[j],
      Verb.POSTED,
      ObjectType.JOB,
      j,
      jobs.family[j],
      jobs.postedAt[j],
      0.3 * rng.normal(),
    );
  }
  for (let r = 0; r < articles.count; r++) {
    put(
      Inventory.NEWS,
      ActorType.COMPANY,
      articles.publisher[r],
      Verb.PUBLISHED,
      ObjectType.ARTICLE,
      r,
      articles.family[r],
      recent(),
      articles.quality[r],
    );
  }
  for (const who of pymk)
    put(
      Inventory.PYMK,
      ActorType.MEMBER,
      who,
      Verb.SUGGESTED,
      ObjectType.PROFILE,
      who,
      m.family[who],
      recent(),
      0.3 * rng.normal(),
    );
  return a;
}
