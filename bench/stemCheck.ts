/**
 * Checks the search page's prediction of the words Pagefind looks up (`queryTerms` then `stem`)
 * against Pagefind 1.6 itself.
 *
 *   node --import tsx bench/stemCheck.ts                  # every distinct token of the Reuters stories
 *   node --import tsx bench/stemCheck.ts --words FILE     # whitespace-separated words of FILE instead
 *   node --import tsx bench/stemCheck.ts --browser        # and a sample of queries in chromium
 *   options: --queries N (browser sample, default 300), --seed N, --keep (keep the index folder)
 *
 * Index side: every word goes into one record, separated by spaces, through Pagefind's Node API;
 * Pagefind counts a word position for every whitespace-separated token, so the positions in the
 * chunks it wrote tell which stems came from which word. For each word, the page's prediction is
 * compared with what Pagefind indexed at its position: a word of letters and digits only must give
 * exactly the one stem Pagefind indexed; any other word agrees when each predicted word is among
 * what Pagefind indexed there (the whole word or, for compounds, a part).
 *
 * Browser side (`--browser`): Pagefind's own search in Debian's chromium, in playground mode, over
 * the same index, reports the stems it looked up (`search_keywords`) for each query.
 *
 * The Reuters stories (/tmp/reuters/reuters-seed/*.txt, or REUTERS_DIR) are for research only:
 * they are read where they are and written only to a temp folder.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gunzipSync } from "node:zlib";
import { decode } from "cbor2";
import * as pagefind from "pagefind";
import { createRng } from "./generateArticles.js";
import { queryTerms } from "../src/search/queryTerms.js";
import { stem } from "../src/search/stem.js";

const REUTERS_DIR = process.env.REUTERS_DIR ?? "/tmp/reuters/reuters-seed";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--headless=new", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

/** Always checked: the cases a reader notices, and the ones where Rust and JavaScript could differ. */
const EDGE_WORDS = [
  "international", "generously", "news", "skies", "dying", "innings", "proceeding", "succeeded",
  "year's", "years'", "o'neill's", "year’s", "don't", "rock'n'roll", "'tis",
  "café", "Société", "naïve", "cafe\u0301", "Zürich", "São", "İstanbul", "ΟΔΟΣ", "Straße", "ǅemal", "ﬁnance",
  "well-known", "U.S.", "u.s.a.", "£3.3bn", "<craa.s>", "<AAPL>", "$5", "5%", "1,200", "3.5", "F-16s",
  "x_y", "snake_case", "a—b", "(a)", "[b]", "«c»", "“quoted”", "¿qué?", "¡sí!", "…", "--", "£", "&", "+",
  "ＡＢＣ", "١٢٣", "中国", "Москва", "😀", "😀ies", "😀y", "😀😀ies", "👍🏽s", "e\u0301ed", "(\u0301x", "-\u0301y",
];

/** Queries of more than one word, checked in the browser. */
const EDGE_QUERIES = ["  Oil  prices\trise ", "oil\tprices", "oil oil", "“Quoted” words, here.", "U.S. well-known £3.3bn", "ΟΔΟΣ Σ", "a  -  b", "a\u00a0b", "", "   "];

interface Options {
  readonly wordsFile: string | undefined;
  readonly browser: boolean;
  readonly queries: number;
  readonly seed: number;
  readonly keep: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    wordsFile: value("--words"),
    browser: argv.includes("--browser"),
    queries: Number(value("--queries") ?? 300),
    seed: Number(value("--seed") ?? 1),
    keep: argv.includes("--keep"),
  };
}

/** Distinct tokens, in first-seen order: of FILE, of the Reuters stories, or the edge words alone. */
function loadWords(options: Options): { words: string[]; source: string } {
  const seen = new Set<string>();
  const addText = (text: string) => {
    for (const token of text.split(/\s+/u)) if (token) seen.add(token);
  };
  let source: string;
  if (options.wordsFile) {
    addText(readFileSync(options.wordsFile, "utf8"));
    source = options.wordsFile;
  } else if (existsSync(REUTERS_DIR)) {
    const files = readdirSync(REUTERS_DIR).filter((f) => f.endsWith(".txt")).sort();
    for (const f of files) addText(readFileSync(path.join(REUTERS_DIR, f), "utf8"));
    source = `${files.length} Reuters stories in ${REUTERS_DIR}`;
  } else {
    source = "the built-in edge words only (no Reuters stories found)";
  }
  for (const word of EDGE_WORDS) seen.add(word);
  // Rust's whitespace has U+0085 where JavaScript's \s has not: such a token would shift positions.
  const words = [...seen].filter((w) => !w.includes("\u0085"));
  return { words, source: `${source} + ${EDGE_WORDS.length} edge words` };
}

/** What Pagefind indexed at one word position: stems, with the weight Pagefind gave each (24 = whole word). */
type Indexed = Map<string, number>;

function readPagefindFile(file: string): unknown {
  const data = gunzipSync(readFileSync(file));
  if (data.subarray(0, 12).toString() !== "pagefind_dcd") throw new Error(`${file}: no pagefind_dcd signature`);
  return decode(data.subarray(12));
}

/**
 * Locations come in runs of one weight: a negative entry -(w + 1) starts a run of weight w (24 for
 * a whole word, less for the parts of a compound), whose positions are delta-encoded from 0.
 */
type PageWord = [pageDelta: number, locations: number[], metaLocations: unknown];
type ChunkWord = [word: string, pages: PageWord[], variants: [original: string, pages: PageWord[]][]];

/** Reads the stems Pagefind wrote, by word position of the one page that holds them all. */
function readIndexedPositions(bundle: string): Map<number, Indexed> {
  const entry = JSON.parse(readFileSync(path.join(bundle, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { hash: string }> };
  const hash = entry.languages.en?.hash;
  if (!hash) throw new Error(`${bundle}: no English index in pagefind-entry.json`);
  const meta = readPagefindFile(path.join(bundle, `pagefind.${hash}.pf_meta`)) as unknown[];
  const chunks = meta[2] as [string, string, string][];
  const byPosition = new Map<number, Indexed>();
  const add = (word: string, pages: PageWord[]) => {
    for (const [, locations] of pages) {
      let weight = 24;
      let position = 0;
      for (const n of locations) {
        if (n < 0) {
          weight = -n - 1;
          position = 0;
        } else {
          position += n;
          const at = byPosition.get(position) ?? new Map<string, number>();
          at.set(word, Math.max(weight, at.get(word) ?? 0));
          byPosition.set(position, at);
        }
      }
    }
  };
  for (const [, , chunkHash] of chunks) {
    const chunk = readPagefindFile(path.join(bundle, "index", `${chunkHash}.pf_index`)) as [ChunkWord[], ...unknown[]];
    for (const [word, pages, variants] of chunk[0]) {
      add(word, pages);
      for (const [, variantPages] of variants ?? []) add(word, variantPages);
    }
  }
  return byPosition;
}

async function writeIndex(words: readonly string[], outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "en" });
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  const added = await index.addCustomRecord({ url: "/words/", content: words.join(" "), language: "en" });
  if (added.errors.length) throw new Error(`pagefind: ${added.errors.join("; ")}`);
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
}

type Verdict = "same" | "part" | "nothing either side" | "differs";

interface Comparison {
  readonly word: string;
  readonly plain: boolean;
  /** The page's words before stemming (`queryTerms`), and after (`stem`). */
  readonly terms: readonly string[];
  readonly predicted: readonly string[];
  /** Pagefind's stems at the word's position, whole word first, then its parts. */
  readonly indexed: readonly string[];
  readonly verdict: Verdict;
}

/** Letters and digits only, precomposed: the words a reader types most. */
const PLAIN = /^[\p{L}\p{N}]+$/u;

function compare(word: string, terms: readonly string[], at: Indexed | undefined): Comparison {
  const predicted = terms.map(stem);
  const entries = [...(at ?? new Map<string, number>()).entries()];
  const indexed = entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  const whole = entries.filter(([, weight]) => weight === 24).map(([w]) => w);
  const plain = PLAIN.test(word);
  let verdict: Verdict;
  if (predicted.length === 0 && indexed.length === 0) verdict = "nothing either side";
  else if (predicted.length > 0 && predicted.every((p) => whole.includes(p))) verdict = "same";
  else if (!plain && predicted.length > 0 && predicted.every((p) => indexed.includes(p))) verdict = "part";
  else verdict = "differs";
  return { word, plain, terms, predicted, indexed, verdict };
}

/**
 * Why a word's two sides differ, when Pagefind's own query and index sides differ there (FACTS.md:
 * the query keeps symbols the index drops): the cause counts only if taking those characters out
 * of the page's words, then stemming, gives stems Pagefind indexed, so the stemmer is checked too.
 */
function knownCause(c: Comparison): string | undefined {
  const stemsWithout = (chars: RegExp) => c.terms.map((t) => t.replace(chars, "")).filter(Boolean).map(stem);
  const indexedAll = (stems: readonly string[]) => stems.every((s) => c.indexed.includes(s));
  const lowered = c.indexed.map((w) => w.toLocaleLowerCase());
  if (c.indexed.some((w, i) => w !== lowered[i]) && c.predicted.every((p) => lowered.includes(p))) return "a letter the query lower-cases and the index keeps (titlecase)";
  if (c.plain) return undefined;
  const symbols = [...new Set(c.terms.join("").match(/\p{S}/gu) ?? [])];
  if (symbols.length > 0 && indexedAll(stemsWithout(/\p{S}/gu))) return `symbol ${symbols.join(" ")} kept by the query, not indexed`;
  if (c.terms.some((t) => /\p{P}/u.test(t)) && indexedAll(stemsWithout(/\p{P}/gu))) return "punctuation the query's grapheme test keeps (a mark after it)";
  return undefined;
}

const show = (words: readonly string[]) => `[${words.map((w) => JSON.stringify(w)).join(", ")}]`;

function report(comparisons: readonly Comparison[]): number {
  const count = (filter: (c: Comparison) => boolean) => comparisons.filter(filter).length;
  const plain = comparisons.filter((c) => c.plain);
  const other = comparisons.filter((c) => !c.plain);
  console.log(`\nIndex side: ${comparisons.length} distinct words compared`);
  console.log(`  letters and digits only: ${plain.length}, one stem, Pagefind's whole-word stem: ${count((c) => c.plain && c.verdict === "same")}, differ: ${count((c) => c.plain && c.verdict === "differs")}`);
  console.log(
    `  other words: ${other.length}, same as the whole word: ${count((c) => !c.plain && c.verdict === "same")}, among its parts: ${count((c) => !c.plain && c.verdict === "part")}, ` +
      `nothing either side: ${count((c) => !c.plain && c.verdict === "nothing either side")}, differ: ${count((c) => !c.plain && c.verdict === "differs")}`,
  );
  const differs = comparisons.filter((c) => c.verdict === "differs");
  const unexplained = differs.filter((c) => knownCause(c) === undefined);
  const explained = new Map<string, Comparison[]>();
  for (const c of differs) {
    const cause = knownCause(c);
    if (cause) explained.set(cause, [...(explained.get(cause) ?? []), c]);
  }
  console.log(`\nDisagreements with no known cause: ${unexplained.length}`);
  for (const c of unexplained) console.log(`  ${JSON.stringify(c.word)}: page ${show(c.predicted)}, Pagefind ${show(c.indexed)}`);
  console.log(`\nDisagreements of a known kind (index and query sides of Pagefind itself differ): ${differs.length - unexplained.length}`);
  for (const [cause, list] of [...explained].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${cause}: ${list.length}`);
    for (const c of list) console.log(`    ${JSON.stringify(c.word)}: page ${show(c.predicted)}, Pagefind ${show(c.indexed)}`);
  }
  return unexplained.length;
}

/** Stemming speed, on the first 10,000 distinct query words. */
function timeStemming(words: readonly string[]): void {
  const sample = [...new Set(words.flatMap((w) => queryTerms(w)))].slice(0, 10_000);
  for (const w of sample) stem(w); // warm up
  const runs = 5;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (const w of sample) stem(w);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const queryTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (const w of sample) queryTerms(w);
    queryTimes.push(performance.now() - start);
  }
  queryTimes.sort((a, b) => a - b);
  const median = (list: number[]) => `${list[runs >> 1]!.toFixed(1)} ms`;
  console.log(`\nStemming ${sample.length} words: median ${median(times)} of ${runs} runs; queryTerms over them: median ${median(queryTimes)}`);
}

/** Queries for the browser: single words of every kind, a few phrases, and the edge cases. */
function sampleQueries(words: readonly string[], n: number, seed: number): string[] {
  const random = createRng(seed);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!;
  const plain = words.filter((w) => PLAIN.test(w));
  const other = words.filter((w) => !PLAIN.test(w));
  const queries = new Set<string>([...EDGE_WORDS, ...EDGE_QUERIES]);
  while (queries.size < n + EDGE_WORDS.length) {
    const kind = random();
    if (kind < 0.4) queries.add(pick(plain));
    else if (kind < 0.8) queries.add(pick(other));
    else queries.add([pick(words), pick(plain), pick(other)].slice(0, 2 + Math.floor(random() * 2)).join(" "));
  }
  return [...queries];
}

interface BrowserResult {
  readonly query: string;
  readonly keywords: readonly string[] | null;
  readonly error?: string;
}

/** pagefind.js exports no instance with enterPlaygroundMode: a copy exports its Pagefind class too. */
async function writePlaygroundCopy(bundle: string): Promise<void> {
  const source = await readFile(path.join(bundle, "pagefind.js"), "utf8");
  const className = /var (\w+)=class\{constructor\(options\d*=\{\}\)\{__publicField\(this,"primaryLanguage"\)/u.exec(source)?.[1];
  if (!className) throw new Error("pagefind.js: no Pagefind class found to export");
  await writeFile(path.join(bundle, "pagefind-playground.js"), `${source}\nexport { ${className} as PagefindForPlayground };\n`);
  await writeFile(path.join(bundle, "..", "index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>stem check</title></head><body></body></html>`);
}

async function searchInBrowser(site: string, queries: readonly string[]): Promise<BrowserResult[]> {
  const { chromium } = await import("playwright-core");
  const { serveSite } = await import("./serve.js");
  await writePlaygroundCopy(path.join(site, "pagefind"));
  const server = await serveSite(site);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    return await page.evaluate(async (qs: readonly string[]) => {
      const url = "/pagefind/pagefind-playground.js";
      const mod = (await import(url)) as { PagefindForPlayground: new (options: object) => PlaygroundPagefind };
      interface PlaygroundPagefind {
        options(o: object): Promise<void>;
        enterPlaygroundMode(): Promise<void>;
        search(q: string): Promise<{ search_keywords?: string[] }>;
      }
      const pf = new mod.PagefindForPlayground({ basePath: "/pagefind/" });
      await pf.options({});
      await pf.enterPlaygroundMode();
      const out: { query: string; keywords: string[] | null; error?: string }[] = [];
      for (const query of qs) {
        try {
          const r = await pf.search(query);
          out.push({ query, keywords: r.search_keywords ?? null });
        } catch (e) {
          out.push({ query, keywords: null, error: String(e) });
        }
      }
      return out;
    }, queries);
  } finally {
    await browser.close();
    await server.close();
  }
}

function reportBrowser(results: readonly BrowserResult[], includeCharacters: readonly string[]): number {
  let same = 0;
  const differ: string[] = [];
  for (const r of results) {
    const predicted = queryTerms(r.query, includeCharacters).map(stem);
    const keywords = r.keywords ?? [];
    if (r.error === undefined && predicted.length === keywords.length && predicted.every((p, i) => p === keywords[i])) same++;
    else differ.push(`  ${JSON.stringify(r.query)}: page ${show(predicted)}, Pagefind ${r.error ?? show(keywords)}`);
  }
  console.log(`\nQuery side in chromium (playground mode, search_keywords): ${results.length} queries, same: ${same}, differ: ${differ.length}`);
  for (const line of differ) console.log(line);
  console.log("  for instance:");
  for (const r of results.filter((r) => EDGE_WORDS.includes(r.query) || EDGE_QUERIES.includes(r.query))) console.log(`    ${JSON.stringify(r.query)} → ${r.error ?? show(r.keywords ?? [])}`);
  return differ.length;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { words, source } = loadWords(options);
  console.log(`Words: ${words.length} distinct tokens from ${source}`);
  const site = await mkdtemp(path.join(os.tmpdir(), "broadsheet-stemcheck-"));
  const bundle = path.join(site, "pagefind");
  let failures = 0;
  try {
    let start = performance.now();
    await writeIndex(words, bundle);
    await pagefind.close();
    console.log(`Pagefind indexed them in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    const includeCharacters = (JSON.parse(readFileSync(path.join(bundle, "pagefind-entry.json"), "utf8")) as { include_characters?: string[] }).include_characters ?? [];
    start = performance.now();
    const byPosition = readIndexedPositions(bundle);
    const last = [...byPosition.keys()].reduce((a, b) => Math.max(a, b), -1);
    if (last >= words.length) throw new Error(`Pagefind counted ${last + 1} word positions for ${words.length} words: positions no longer line up`);
    const comparisons = words.map((word, i) => compare(word, queryTerms(word, includeCharacters), byPosition.get(i)));
    console.log(`Decoded and compared in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    failures += report(comparisons);
    timeStemming(words);
    if (options.browser) {
      const queries = sampleQueries(words, options.queries, options.seed);
      failures += reportBrowser(await searchInBrowser(site, queries), includeCharacters);
    }
  } finally {
    if (options.keep) console.log(`\nKept ${site}`);
    else await rm(site, { recursive: true, force: true });
  }
  process.exitCode = failures > 0 ? 1 : 0;
}

await main();
