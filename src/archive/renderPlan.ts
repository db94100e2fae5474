import * as crypto from "node:crypto";
import type { Article } from "./article.js";
import type { ArticlePage } from "./articlePages.js";

/** What a build leaves for the next one: the fingerprint of everything it wrote. */
export interface Manifest {
  readonly version: 5;
  /** Fingerprint of the templates, settings and code: when it changes, every page is redrawn. */
  readonly templates: string;
  /**
   * Site path → fingerprint of the data the page was drawn from, or PENDING. A map, kept on disk
   * as a list of paths and a list of fingerprints: as an object of 266,000 keys it took 0.7 s a
   * rebuild to read and write.
   */
  readonly pages: ReadonlyMap<string, string>;
  /** Search bundle folder → fingerprint of the records indexed in it, or PENDING. */
  readonly search: Readonly<Record<string, string>>;
  /**
   * The files of the site's single pages (`/index.html`, `/robots.txt`: what Eleventy's own run
   * writes, but for the feeds and sitemaps in `pages`), drawn every build.
   */
  readonly singles: readonly string[];
}

/**
 * This build's single pages, for its manifest, and the files of the last build's that it no
 * longer writes (a page template deleted, topics switched off), to be removed as a clean build
 * would not have them. `written`: the files Eleventy's own run wrote, as site paths; `pages`:
 * this build's archive pages, which a former single page's file may have become. An incremental
 * run of Eleventy writes only the pages a change touches: then nothing is taken to be gone.
 */
export function planSingles(recorded: readonly string[], written: readonly string[], pages: ReadonlyMap<string, string>, incremental: boolean): { singles: string[]; stale: string[] } {
  // Looked up by file, a few hundred of them, rather than a set made of 265,000 pages' files.
  const single = (file: string): boolean => !pages.has(file) && !(file.endsWith("/index.html") && pages.has(file.slice(0, -"index.html".length)));
  const writtenNow = new Set(written.filter(single));
  const stale = recorded.filter((file) => single(file) && !writtenNow.has(file));
  if (incremental) return { singles: [...new Set([...recorded.filter(single), ...writtenNow])].sort(), stale: [] };
  return { singles: [...writtenNow].sort(), stale };
}

/**
 * The fingerprint of an output that a build set out to change and may not have finished: no
 * data has it (fingerprints are base64url SHA-1), so the output is drawn again, or removed.
 */
export const PENDING = "pending";

/** What to redo, and what to remove, for one kind of output (pages, search bundles). */
export interface UpdatePlan {
  /** Keys to write this build. */
  readonly changed: ReadonlySet<string>;
  /** Keys written by the previous build that no longer exist: their files must go. */
  readonly stale: readonly string[];
  /** How many keys this build has, written or kept. */
  readonly count: number;
  /** Key → fingerprint, for the next build's manifest. */
  hashes(): ReadonlyMap<string, string>;
}

/** Says what short string may stand for an object in a fingerprint, if any. */
export type StandIn = (value: object) => string | undefined;

/**
 * A fingerprint of everything a page's template (or a search bundle) is given. Objects `standIn`
 * names are hashed as that name: an article as its URL, file and digest, not its whole text.
 */
export function fingerprint(model: unknown, standIn?: StandIn): string {
  const replacer =
    standIn &&
    ((_key: string, value: unknown): unknown => {
      if (typeof value !== "object" || value === null) return value;
      const name = standIn(value);
      if (name !== undefined) return name;
      // A list of teasers as one string of names: JSON.stringify then calls back for none of their
      // fields, which made up most of the calls on a listing page.
      return (Array.isArray(value) ? namesOf(value, standIn) : undefined) ?? value;
    });
  return sha1(JSON.stringify(model, replacer));
}

/** A list's items as one string of names, if every item has one. */
function namesOf(list: readonly unknown[], standIn: StandIn): string | undefined {
  if (list.length === 0) return undefined;
  const names: string[] = [];
  for (const item of list) {
    const name = typeof item === "object" && item !== null ? standIn(item) : undefined;
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names.join("\n");
}

/**
 * A listing page's fingerprint (a section's, a source's, a topic's): its teasers as names, the
 * rest as plain JSON. `fingerprint` calls back into JavaScript for every field of the page, which
 * made up most of its cost; JSON.stringify with no replacer does not. Whatever else the page
 * holds is written whole, so the fingerprint stays complete whatever field a page gains.
 */
export function listingFingerprint<P extends { readonly items: readonly object[] }>(page: P, standIn: StandIn): string {
  const { items, ...rest } = page;
  return sha1(`${namesOf(items, standIn) ?? fingerprint(items, standIn)}\n${JSON.stringify(rest)}`);
}

/**
 * SHA-1 as base64url. Node's one-shot `crypto.hash` (20.12 on) makes no Hash object: over the
 * 200,000 hashes of a 100,000-article rebuild it took 0.2 s less, and left less garbage.
 */
const sha1: (text: string) => string =
  typeof crypto.hash === "function" ? (text) => crypto.hash("sha1", text, "base64url") : (text) => crypto.createHash("sha1").update(text).digest("base64url");

interface ArticleLike {
  readonly url: string;
  readonly file: string;
}

/**
 * 96 bits of SHA-1, as 16 characters. Names are hashed into every page's fingerprint, 100 times
 * over on a month page: kept short, the JSON a rebuild hashes shrinks several-fold. (A hash in
 * JavaScript was measured slower than this native one.) A collision could only keep one page from
 * being redrawn once, if a change happened to hit it: a chance of 1 in 2^96.
 */
export function shortHash(text: string): string {
  return sha1(text).slice(0, 16);
}

/** Names for articles and everything that stands for one, to fingerprint pages by. */
export interface ArticleNames {
  readonly standIn: StandIn;
  /** The name of the article at a URL. */
  of(url: string): string;
}

/**
 * Stand-ins for articles and their teasers: an article's parsed content is a function of its file's
 * bytes, the code and the settings, and page fingerprints are only compared while code and settings
 * are unchanged (the templates fingerprint). At 100,000 articles, hashing every page in full meant
 * serialising some 400 MB of JSON each build. Names are made when first asked for, and found by
 * URL rather than kept per object: weak maps of 300,000 entries cost half a second a build.
 * (A body is never reached: it is only serialised inside its article, which is named first.)
 */
export function articleStandIns<A extends ArticleLike>(
  articles: readonly A[],
  digestOf: (file: string) => string | undefined,
  teaserOf: (article: A) => object,
): ArticleNames {
  const byUrl = new Map<string, A>();
  for (const a of articles) byUrl.set(a.url, a);
  const names = new Map<string, string>();
  const of = (url: string): string => {
    let name = names.get(url);
    if (name === undefined) {
      const a = byUrl.get(url);
      name = a ? shortHash(`${a.url}\n${a.file}\n${digestOf(a.file) ?? ""}`) : url;
      names.set(url, name);
    }
    return name;
  };
  // Each object found to stand for an article, with its name: a listing names the same teasers
  // over and over (a topic's, a section's, a source's, a day's pages), and one lookup by the
  // object itself took half the time of finding its article by URL and checking it again.
  const found = new Map<object, string>();
  return {
    standIn: (value) => {
      const known = found.get(value);
      if (known !== undefined) return known;
      const url = (value as { url?: unknown }).url;
      if (typeof url !== "string") return undefined;
      const a = byUrl.get(url);
      if (a === undefined || (value !== a && value !== teaserOf(a))) return undefined;
      const name = of(url);
      found.set(value, name);
      return name;
    },
    of,
  };
}

type ArticlePageLinks = { readonly [K in Exclude<keyof ArticlePage, keyof Article>]: (value: ArticlePage[K], names: ArticleNames) => string };

/**
 * Everything an article page holds besides its article's own fields, as names. A field added to
 * ArticlePage fails to compile until it is named here.
 */
const ARTICLE_PAGE_LINKS: ArticlePageLinks = {
  newer: (t, names) => (t ? names.of(t.url) : ""),
  older: (t, names) => (t ? names.of(t.url) : ""),
  related: (list, names) => list.map((t) => names.of(t.url)).join("\t"),
  dayUrl: (url) => url,
  sourceLinks: (links) => links.map((l) => `${l.name}\t${l.url}`).join("\t"),
  topics: (list) => list.map((t) => `${t.topic.name}\t${t.topic.kind}\t${t.topic.url}\t${t.count}\t${t.lead}`).join("\t"),
};
const LINK_KEYS = Object.keys(ARTICLE_PAGE_LINKS) as (keyof ArticlePageLinks)[];

/**
 * An article page's fingerprint, by names alone: its article and the articles it links to.
 * `fingerprint` would serialise 100,000 pages' worth of fields to say the same.
 */
export function articlePageFingerprint(page: ArticlePage, names: ArticleNames): string {
  const parts = [names.of(page.url)];
  // `as never`: TypeScript cannot pair each key's value with its own function.
  for (const key of LINK_KEYS) parts.push(ARTICLE_PAGE_LINKS[key](page[key] as never, names));
  return shortHash(parts.join("\n"));
}

/** One output to plan (a page, a feed file, a search bundle): its key, and how to fingerprint it. */
export interface Output {
  readonly key: string;
  fingerprint(): string;
}

/**
 * An output fingerprinted by a function shared by many. A closure made for each of 266,000
 * outputs (and named by tsx as it was made) was some 50 MB that the collector copied on every
 * rebuild of 100,000 articles; a method on the prototype is none. The fingerprint is taken once:
 * a build may take some early, while it waits for the topics (prepare.ts).
 */
class SharedHash<T> implements Output {
  private taken: string | undefined;

  constructor(
    readonly key: string,
    private readonly item: T,
    private readonly hash: (item: T) => string,
  ) {}

  fingerprint(): string {
    return (this.taken ??= this.hash(this.item));
  }
}

/** The outputs of `items`, all fingerprinted by `hash`. */
export function outputs<T>(items: readonly T[], key: (item: T) => string, hash: (item: T) => string): Output[] {
  return items.map((item) => new SharedHash(key(item), item, hash));
}

/**
 * Decides what needs writing. `recorded` is what the output holds by the last build's record
 * (null: nothing recorded); keys it has that `items` lack are stale, their files to be removed.
 * An output is kept only when `reuse` holds (templates and code unchanged), the record gives it
 * the same fingerprint, and its file is still there: it is then byte-identical to what a clean
 * build would write. Without reuse every output is written and no fingerprint is taken until
 * `hashes()` asks: a clean build can take them once the pages are drawn, off the path to its
 * first page.
 */
export function planUpdates(
  items: readonly Output[],
  recorded: ReadonlyMap<string, string> | null,
  written: (key: string) => boolean,
  reuse = true,
): UpdatePlan {
  const keys = new Set(items.map((item) => item.key));
  const stale = recorded ? [...recorded.keys()].filter((key) => !keys.has(key)) : [];
  if (recorded === null || !reuse) {
    let hashes: Map<string, string> | null = null;
    return { changed: keys, stale, count: keys.size, hashes: () => (hashes ??= new Map(items.map((output) => [output.key, output.fingerprint()]))) };
  }
  const hashes = new Map<string, string>();
  const changed = new Set<string>();
  for (const output of items) {
    const fingerprint = output.fingerprint();
    hashes.set(output.key, fingerprint);
    if (recorded.get(output.key) !== fingerprint || !written(output.key)) changed.add(output.key);
  }
  return { changed, stale, count: keys.size, hashes: () => hashes };
}

/**
 * Lists of pages cut into runs of at most `size` pages in all, in order (the first list's pages
 * first): each run has every list, most of them empty. Eleventy keeps every page of a run in
 * memory until the run ends, so a 100,000-article archive is drawn a few thousand pages at a time.
 * Always at least one run, so that a build with no pages still draws its other pages.
 */
export function inRuns<L extends { readonly [K in keyof L]: readonly unknown[] }>(lists: L, size: number): L[] {
  const keys = Object.keys(lists) as (keyof L)[];
  const total = keys.reduce((n, key) => n + lists[key].length, 0);
  const runs: L[] = [];
  for (let start = 0; start < total || runs.length === 0; start += size) {
    let offset = 0;
    const run = {} as Record<keyof L, readonly unknown[]>;
    for (const key of keys) {
      const list = lists[key];
      run[key] = list.slice(Math.max(0, start - offset), Math.max(0, start + size - offset));
      offset += list.length;
    }
    runs.push(run as unknown as L);
  }
  return runs;
}
