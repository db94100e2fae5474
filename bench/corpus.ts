import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createRng, generateArticle, isoDay } from "./generateArticles.js";

/** The real news corpus, kept beside the project (never inside it: its licence forbids that). */
export const REUTERS_TARBALL = "../shared/corpus/reuters-21578-seed-format.tar.gz";
const GENERATOR_SEED = 20_17_04_12;

export interface Corpus {
  readonly dir: string;
  readonly source: "reuters" | "generated";
  readonly description: string;
  readonly articles: number;
  readonly bytes: number;
  readonly firstDate: string;
  readonly lastDate: string;
  /** Articles per section, as written in headers. */
  readonly sections: ReadonlyMap<string, number>;
  /** For each lower-case word, how many articles hold it: to pick queries with a known number of hits. */
  readonly docFreq: ReadonlyMap<string, number>;
  /** For each lower-case word, how many headlines hold it. */
  readonly headlineWords: ReadonlyMap<string, number>;
  /**
   * For headline words, the share of the articles holding them that sit in one section: high for
   * a topic (`cocoa`), low for the wire's verbs (`suspends`). Empty where sections mean nothing.
   */
  readonly concentration: ReadonlyMap<string, number>;
  /** The real stories' folder, for a corpus made of them. */
  readonly seed?: string;
}

export interface CorpusOptions {
  readonly projectRoot: string;
  readonly articles: number;
  /** Use the generator even when the real corpus is there. */
  readonly generated: boolean;
}

const HEADER = /^([\uFEFF\s]*date[ \t]+)(\d{4})-(\d\d)-(\d\d)([ \t]+)([^\r\n]*)/u;
const wordsOf = (text: string): Set<string> => new Set(text.toLowerCase().match(/[a-z]+/gu) ?? []);

/** The first non-empty line after the header. */
function headlineOf(text: string): string {
  return text.split(/\r\n|\r|\n/u).slice(1).find((l) => l.trim() !== "")?.trim() ?? "";
}

class Tally {
  articles = 0;
  bytes = 0;
  firstDate = "9999-99-99";
  lastDate = "0000-00-00";
  readonly sections = new Map<string, number>();
  readonly docFreq = new Map<string, number>();
  readonly headlineWords = new Map<string, number>();

  article(date: string, section: string, bytes: number): void {
    this.articles++;
    this.bytes += bytes;
    if (date < this.firstDate) this.firstDate = date;
    if (date > this.lastDate) this.lastDate = date;
    this.sections.set(section, (this.sections.get(section) ?? 0) + 1);
  }

  private readonly bySection = new Map<string, Map<string, number>>();

  /** `section` is given only where sections follow topics: the count costs a map per word. */
  words(text: string, headline: string, copies = 1, section?: string): void {
    for (const w of wordsOf(text)) {
      this.docFreq.set(w, (this.docFreq.get(w) ?? 0) + copies);
      if (section === undefined) continue;
      const counts = this.bySection.get(w) ?? new Map<string, number>();
      counts.set(section, (counts.get(section) ?? 0) + copies);
      this.bySection.set(w, counts);
    }
    for (const w of wordsOf(headline)) this.headlineWords.set(w, (this.headlineWords.get(w) ?? 0) + copies);
  }

  get concentration(): Map<string, number> {
    const shares = new Map<string, number>();
    for (const w of this.headlineWords.keys()) {
      const counts = this.bySection.get(w);
      if (counts) shares.set(w, Math.max(...counts.values()) / (this.docFreq.get(w) ?? 1));
    }
    return shares;
  }
}

function write(dir: string, relative: string, text: string): void {
  const file = path.join(dir, relative);
  const folder = path.dirname(file);
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
  writeFileSync(file, text);
}

/**
 * Unpacks the tarball once into a scratch folder that later runs reuse, marked with the tarball's
 * size and time so a new tarball is unpacked again.
 */
export async function unpackedReuters(tarball: string): Promise<string> {
  const info = statSync(tarball);
  const stamp = `${info.size}:${info.mtimeMs}`;
  const cache = path.join(os.tmpdir(), "broadsheet-bench-reuters");
  const stampFile = path.join(cache, ".unpacked-from");
  if (!existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
    const partial = await mkdtemp(path.join(os.tmpdir(), "broadsheet-bench-reuters-partial-"));
    await promisify(execFile)("tar", ["-xzf", tarball, "-C", partial]);
    await writeFile(path.join(partial, ".unpacked-from"), stamp);
    await rm(cache, { recursive: true, force: true });
    await rename(partial, cache);
  }
  const inner = readdirSync(cache, { withFileTypes: true }).filter((e) => e.isDirectory());
  return inner.length === 1 ? path.join(cache, inner[0]!.name) : cache;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Copy k of every story, k = 0, 1, 2…, moved k years on: the stories span a few months of 1987, so
 * copies land on distinct dates and URLs, and stay real days (29 February aside, clamped).
 */
async function reutersCorpus(dir: string, seed: string, count: number): Promise<Tally> {
  const names = readdirSync(seed).filter((n) => !n.startsWith(".")).sort();
  if (names.length === 0) throw new Error(`no stories in ${seed}`);
  const stories = await Promise.all(names.slice(0, count).map((n) => readFile(path.join(seed, n), "utf8")));
  const tally = new Tally();
  stories.forEach((text, i) => {
    const copies = Math.ceil((count - i) / names.length);
    tally.words(text, headlineOf(text), copies, HEADER.exec(text)?.[6]?.trim() ?? "");
  });
  for (let written = 0, k = 0; written < count; k++) {
    for (let i = 0; i < stories.length && written < count; i++, written++) {
      const text = stories[i]!;
      const header = HEADER.exec(text);
      let shifted = text;
      let date = "";
      let section = "";
      if (header) {
        const year = Number(header[2]) + k;
        const month = header[3]!;
        const day = month === "02" && header[4] === "29" && !isLeap(year) ? "28" : header[4]!;
        date = `${year}-${month}-${day}`;
        section = header[6]!.trim();
        shifted = header[1] + date + text.slice(header[1]!.length + 10);
      }
      write(dir, path.join(`k${k}`, names[i]!), shifted);
      tally.article(date, section, Buffer.byteLength(shifted));
    }
  }
  return tally;
}

function generatedCorpus(dir: string, count: number): Tally {
  const rng = createRng(GENERATOR_SEED);
  const tally = new Tally();
  for (let i = 0; i < count; i++) {
    const a = generateArticle(rng);
    write(dir, path.join(a.date.slice(0, 4), `${String(i).padStart(6, "0")}.txt`), a.text);
    tally.article(a.date, a.section, Buffer.byteLength(a.text));
    tally.words(a.text, a.headline);
  }
  return tally;
}

/** Writes `articles` articles into a new scratch folder, from the real corpus when it is there. */
export async function makeCorpus({ projectRoot, articles, generated }: CorpusOptions): Promise<Corpus> {
  const tarball = path.resolve(projectRoot, REUTERS_TARBALL);
  const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-bench-corpus-"));
  if (!generated && existsSync(tarball)) {
    const seed = await unpackedReuters(tarball);
    const tally = await reutersCorpus(dir, seed, articles);
    const stories = readdirSync(seed).filter((n) => !n.startsWith(".")).length;
    const copies = Math.ceil(articles / stories);
    const description = `Reuters-21578 (${stories.toLocaleString("en")} stories${copies > 1 ? `, ${copies} copies with years shifted` : ""})`;
    return { dir, source: "reuters", description, ...tally, concentration: tally.concentration, seed };
  }
  const tally = generatedCorpus(dir, articles);
  const why = generated ? "--generated" : `${REUTERS_TARBALL} not found`;
  return { dir, source: "generated", description: `generated (seed ${GENERATOR_SEED}; ${why})`, ...tally, concentration: tally.concentration };
}

export interface Query {
  readonly word: string;
  /** Articles that hold the word as written; Pagefind's stemming may find a few more. */
  readonly articles: number;
}

/**
 * Headline words that a few dozen articles hold, topics first: those whose articles sit mostly in
 * one section (`debentures`, not `makes`), as a reader looking for a story types. Words sharing
 * their first five letters are skipped, so no query is a cheap echo of another.
 */
export function pickQueries(corpus: Corpus, count: number, target = 36): Query[] {
  const scored = [...corpus.headlineWords.keys()]
    .filter((w) => /^[a-z]{5,}$/u.test(w))
    .map((word) => {
      const articles = corpus.docFreq.get(word) ?? 1;
      return { word, articles, distance: Math.abs(Math.log(articles / target)), topic: corpus.concentration.get(word) ?? 0 };
    });
  const byDistance = (a: (typeof scored)[number], b: (typeof scored)[number]): number => a.distance - b.distance || (a.word < b.word ? -1 : 1);
  // Within a factor of two of the target, being a topic decides; beyond it, nearness does.
  const near = scored.filter((q) => q.distance <= Math.log(2)).sort((a, b) => b.topic - a.topic || byDistance(a, b));
  const far = scored.filter((q) => q.distance > Math.log(2)).sort(byDistance);
  const chosen: Query[] = [];
  for (const q of [...near, ...far]) {
    if (chosen.length === count) break;
    if (!chosen.some((c) => c.word.slice(0, 5) === q.word.slice(0, 5))) chosen.push({ word: q.word, articles: q.articles });
  }
  return chosen;
}

export interface AddedArticle {
  readonly file: string;
  readonly date: string;
  readonly section: string;
  readonly headline: string;
}

/** Where in time a new article lands: the day after the newest (news of the day), or mid-range. */
export type AddedWhen = "newest" | "middle";

/**
 * One new article in the busiest section. "newest": dated the day after the archive's last day,
 * as news is added. "middle": dated mid-range, landing among existing pages, as a late story
 * filed to the archive would.
 */
export async function addArticle(corpus: Corpus, when: AddedWhen = "middle"): Promise<AddedArticle> {
  const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const date = isoDay(when === "newest" ? day(corpus.lastDate) + 1 : Math.floor((day(corpus.firstDate) + day(corpus.lastDate)) / 2));
  const section = [...corpus.sections].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? "GENERAL NEWS";
  const article = generateArticle(createRng(GENERATOR_SEED + (when === "newest" ? 2 : 1)), { date, section });
  const file = path.join(corpus.dir, "bench-added", `added-${when}.txt`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, article.text);
  return { file, date, section, headline: article.headline };
}

export interface StoryOfTheDay {
  /** The story's file name in the real corpus. */
  readonly name: string;
  readonly text: string;
  readonly headline: string;
}

/**
 * Up to `count` real stories the corpus left out (one smaller than the real set), dated the day
 * after its newest: news of the day, names and all. A generated article names no one the archive
 * knows, so it never brings a name two older articles gave to a topic's minimum; a real one may,
 * and while search records carried their topics' names, those articles' shards were indexed
 * again. None for a generated corpus, or one holding every story already.
 */
export function storiesOfTheDay(corpus: Corpus, count: number): StoryOfTheDay[] {
  if (corpus.seed === undefined) return [];
  const names = readdirSync(corpus.seed).filter((n) => !n.startsWith(".")).sort();
  const date = isoDay(Date.parse(`${corpus.lastDate}T00:00:00Z`) / 86_400_000 + 1);
  return names.slice(corpus.articles, corpus.articles + count).flatMap((name) => {
    const text = readFileSync(path.join(corpus.seed!, name), "utf8");
    const header = HEADER.exec(text);
    if (!header) return [];
    return [{ name, text: header[1] + date + text.slice(header[1]!.length + 10), headline: headlineOf(text) }];
  });
}
