/**
 * The articles of a built site, read from its HTML (what a reader sees, whatever the build did),
 * and the queries a reader who remembers one of them would type. For `bench:quality`.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { listFiles } from "./files.js";
import { createRng, type Rng } from "./generateArticles.js";

/** Article pages live at /<section>/<yyyy>/<mm>/<dd>/<slug>/: date pages and section fronts do not match. */
const ARTICLE_FILE = /^[^/]+\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/u;
/** Words a reader might remember: 4 letters or more, so "the" or "pct" never count as distinctive. */
export const MIN_WORD = 4;
export const BODY_WORDS = 3;
/** A single-word query is one of the article's this many rarest words, drawn with the seed. */
export const SINGLE_WORD_POOL = 5;

export interface ArticlePage {
  /** URL path, e.g. "/earnings/1987/03/02/some-headline/". */
  readonly url: string;
  /** The site-relative file, e.g. "earnings/1987/03/02/some-headline/index.html". */
  readonly file: string;
  /** The <h1> as shown. */
  readonly headline: string;
  /** Distinct words of the body paragraphs, in order of first occurrence. */
  readonly words: readonly string[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Text of an HTML fragment: tags dropped, the entities a template escapes decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/gu, "")
    .replace(/&(#x[\da-f]+|#\d+|[a-z]+);/giu, (whole, name: string) => {
      if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
      return String.fromCodePoint(name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    })
    .replace(/\s+/gu, " ")
    .trim();
}

/** Lower-cased runs of letters, so "year-on-year" is "year", "year": roughly how a search index splits words. */
export function wordsOf(text: string): string[] {
  const distinct = new Set((text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.length >= MIN_WORD));
  return [...distinct];
}

/** The page's headline and body words, or null where it is not an article (no <article> with an <h1>). */
export function readArticle(html: string, file: string): ArticlePage | null {
  const article = /<article[\s>][\s\S]*?<\/article>/u.exec(html)?.[0];
  const h1 = article && /<h1[\s>][\s\S]*?<\/h1>/u.exec(article)?.[0];
  if (!article || !h1) return null;
  // The main text only: not the kicker, byline or credit, nor related headlines around the article.
  const body = /<div class="[^"]*\barticle-body\b[^"]*">([\s\S]*?)<\/div>/u.exec(article)?.[1] ?? "";
  const paragraphs = [...body.matchAll(/<p[\s>][\s\S]*?<\/p>/gu)].map((m) => textOf(m[0]));
  return { url: `/${file.slice(0, -"index.html".length)}`, file, headline: textOf(h1), words: wordsOf(paragraphs.join(" ")) };
}

/** Reads files a batch at a time: all at once would open more files than a system allows. */
async function forEachFile(site: string, files: readonly string[], each: (html: string, file: string) => void): Promise<void> {
  const BATCH = 64;
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    const texts = await Promise.all(batch.map((file) => readFile(path.join(site, file), "utf8")));
    texts.forEach((html, j) => each(html, batch[j]!));
  }
}

export interface SiteArchive {
  /** Article files (relative to the site), sorted: the sample depends on the seed alone. */
  readonly files: readonly string[];
  /** In how many article bodies each word occurs. */
  readonly documentFrequency: ReadonlyMap<string, number>;
}

/**
 * Walks the site's folder rather than reading its sitemap: the folder is what is served, however
 * the sitemap is split. Every article is read once for the document frequency of its words, which
 * makes "rare" mean rare in the whole archive; only counts are kept, not the words of each page.
 */
export async function readSiteArchive(site: string): Promise<SiteArchive> {
  const candidates = (await listFiles(site)).filter((p) => ARTICLE_FILE.test(p));
  const files: string[] = [];
  const documentFrequency = new Map<string, number>();
  await forEachFile(site, candidates, (html, file) => {
    const article = readArticle(html, file);
    if (!article) return;
    files.push(file);
    for (const word of article.words) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  });
  return { files, documentFrequency };
}

/** The pages of `files`, read again for their words: keeping every page's words from the first pass would not scale. */
export async function readArticles(site: string, files: readonly string[]): Promise<ArticlePage[]> {
  const articles: ArticlePage[] = [];
  await forEachFile(site, files, (html, file) => void articles.push(readArticle(html, file)!));
  return articles;
}

/** n items drawn without replacement (a partial Fisher–Yates shuffle): drawing more keeps the first n the same. */
export function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  const pool = [...items];
  const random = createRng(seed);
  const count = Math.min(n, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

// ---------------------------------------------------------------------------------------------

export type Kind = "headline" | "body words" | "single word" | "common word";
/** The kinds looked for: each query has a target article. Common words have none. */
export const TARGETED: readonly Kind[] = ["headline", "body words", "single word"];
/** Words most articles of a news archive hold: timed for bytes and counts, no target. */
export const COMMON_WORDS = ["oil", "bank", "trade", "prices", "dollar"];

export interface Query {
  readonly kind: Kind;
  readonly text: string;
  /** URL path of the article looked for; null for a common word. */
  readonly target: string | null;
}

/** The article's words, rarest first; array sort is stable, so among equals the one met first in the article. */
function byRarity(article: ArticlePage, documentFrequency: ReadonlyMap<string, number>): string[] {
  return [...article.words].sort((a, b) => (documentFrequency.get(a) ?? 0) - (documentFrequency.get(b) ?? 0));
}

/**
 * A reader's three ways back to an article: its headline in lower case, its BODY_WORDS rarest
 * body words, and one word drawn from its SINGLE_WORD_POOL rarest (`random` picks which).
 */
export function queriesFor(article: ArticlePage, documentFrequency: ReadonlyMap<string, number>, random: Rng): Query[] {
  const target = article.url;
  const queries: Query[] = [{ kind: "headline", text: article.headline.toLowerCase(), target }];
  const rarest = byRarity(article, documentFrequency);
  if (rarest.length > 0) {
    queries.push({ kind: "body words", text: rarest.slice(0, BODY_WORDS).join(" "), target });
    const pool = rarest.slice(0, SINGLE_WORD_POOL);
    queries.push({ kind: "single word", text: pool[Math.floor(random() * pool.length)]!, target });
  }
  return queries;
}
