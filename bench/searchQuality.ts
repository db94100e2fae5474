/**
 * Search quality: `npm run bench:quality -- --site DIR [--queries N] [--seed S] [--more M]`.
 * Samples article pages of a built site and searches for each on the site's own search page, in
 * Chromium, the way a reader who remembers it would: by its headline, and by three rare words of
 * its body. Prints how often the article comes first, in the top 10, or at all. Nothing asserted.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "playwright-core";
import { listFiles } from "./files.js";
import * as f from "./format.js";
import { createRng } from "./generateArticles.js";
import { CHROMIUM, CHROMIUM_ARGS, median } from "./searchCost.js";
import { serveSite } from "./serve.js";

/** The search page's contract with its readers (and with this benchmark). */
const SEARCH = { path: "/search/", input: "#search-q", status: "#search-status", links: "#search-results .result-headline a", more: "#search-more" };
const QUERY_TIMEOUT_MS = 30_000;
/** The page is done when nothing it shows has changed for this long. */
const STABLE_MS = 100;
const POLL_MS = 20;

/** Article pages live at /<section>/<yyyy>/<mm>/<dd>/<slug>/: date pages and section fronts do not match. */
const ARTICLE_FILE = /^[^/]+\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/u;
/** Words a reader might remember: 4 letters or more, so "the" or "pct" never count as distinctive. */
const MIN_WORD = 4;
const BODY_WORDS = 3;

const USAGE = `usage: npm run bench:quality -- --site DIR [--queries N] [--seed S] [--more M]
  --site DIR     a built site (the output folder of a build)
  --queries N    articles to look for (default 200); each is searched twice, by headline and by body words
  --seed S       integer seed of the sample (default 1): the same seed picks the same articles
  --more M       times to press "More results" before giving up on an article (default 5)`;

interface Options {
  readonly site: string;
  readonly queries: number;
  readonly seed: number;
  readonly more: number;
}

function options(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: { site: { type: "string" }, queries: { type: "string", default: "200" }, seed: { type: "string", default: "1" }, more: { type: "string", default: "5" }, help: { type: "boolean", default: false } },
  });
  const [queries, seed, more] = [values.queries, values.seed, values.more].map((v) => Number(v.replace(/[,_]/gu, "")));
  const valid = values.site !== undefined && Number.isInteger(queries) && queries! >= 1 && Number.isInteger(seed) && Number.isInteger(more) && more! >= 0;
  if (values.help || !valid) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  return { site: path.resolve(values.site!), queries: queries!, seed: seed!, more: more! };
}

const say = (text = ""): void => void process.stdout.write(`${text}\n`);

// ---------------------------------------------------------------------------------------------
// The articles of the built site, read from its HTML: what a reader sees, whatever the build did.

interface ArticlePage {
  /** URL path, e.g. "/earnings/1987/03/02/some-headline/". */
  readonly url: string;
  /** The <h1> as shown. */
  readonly headline: string;
  /** Distinct words of the body paragraphs, in order of first occurrence. */
  readonly words: readonly string[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Text of an HTML fragment: tags dropped, the entities a template escapes decoded. */
function textOf(html: string): string {
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
function wordsOf(text: string): string[] {
  const distinct = new Set((text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.length >= MIN_WORD));
  return [...distinct];
}

/** The page's headline and body words, or null where it is not an article (no <article> with an <h1>). */
function readArticle(html: string, url: string): ArticlePage | null {
  const article = /<article[\s>][\s\S]*?<\/article>/u.exec(html)?.[0];
  const h1 = article && /<h1[\s>][\s\S]*?<\/h1>/u.exec(article)?.[0];
  if (!article || !h1) return null;
  // The main text only: not the kicker, byline or credit, nor related headlines around the article.
  const body = /<div class="[^"]*\barticle-body\b[^"]*">([\s\S]*?)<\/div>/u.exec(article)?.[1] ?? "";
  const paragraphs = [...body.matchAll(/<p[\s>][\s\S]*?<\/p>/gu)].map((m) => textOf(m[0]));
  return { url, headline: textOf(h1), words: wordsOf(paragraphs.join(" ")) };
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

const urlOf = (file: string): string => `/${file.slice(0, -"index.html".length)}`;

interface Archive {
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
async function readArchive(site: string): Promise<Archive> {
  const candidates = (await listFiles(site)).filter((p) => ARTICLE_FILE.test(p));
  const files: string[] = [];
  const documentFrequency = new Map<string, number>();
  await forEachFile(site, candidates, (html, file) => {
    const article = readArticle(html, urlOf(file));
    if (!article) return;
    files.push(file);
    for (const word of article.words) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  });
  return { files, documentFrequency };
}

/** n items drawn without replacement (a partial Fisher–Yates shuffle). */
function sample<T>(items: readonly T[], n: number, seed: number): T[] {
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
// The queries a reader who remembers an article would type.

type Kind = "headline" | "body words";
const KINDS: readonly Kind[] = ["headline", "body words"];

interface Query {
  readonly kind: Kind;
  readonly text: string;
  readonly target: string;
}

function queriesFor(article: ArticlePage, documentFrequency: ReadonlyMap<string, number>): Query[] {
  const queries: Query[] = [{ kind: "headline", text: article.headline.toLowerCase(), target: article.url }];
  // Array sort is stable: among words equally rare, the one met first in the article comes first.
  const rarest = [...article.words].sort((a, b) => (documentFrequency.get(a) ?? 0) - (documentFrequency.get(b) ?? 0)).slice(0, BODY_WORDS);
  if (rarest.length > 0) queries.push({ kind: "body words", text: rarest.join(" "), target: article.url });
  return queries;
}

// ---------------------------------------------------------------------------------------------
// The search page, driven as a reader drives it.

interface Snapshot {
  readonly status: string;
  readonly busy: boolean;
  readonly urls: readonly string[];
  readonly moreVisible: boolean;
}

/** What the page shows now. Result links as URL paths, so they compare with the article files'. */
function snapshot(page: Page): Promise<Snapshot> {
  // No named functions in here: tsx would wrap them in a helper the page does not have.
  return page.evaluate((s) => {
    const status = document.querySelector(s.status);
    const more = document.querySelector<HTMLElement>(s.more);
    return {
      status: status?.textContent?.trim() ?? "",
      busy: status?.getAttribute("aria-busy") === "true",
      urls: [...document.querySelectorAll<HTMLAnchorElement>(s.links)].map((a) => decodeURI(new URL(a.href).pathname).replace(/index\.html$/u, "")),
      moreVisible: !!more && more.checkVisibility(),
    };
  }, SEARCH);
}

/**
 * Whether the page has finished searching for `query`: its status names the query as typed,
 * says it is not busy (aria-busy, or the older page's "Searching older articles" suffix). A status
 * that counts results while the list is still empty is a page fetching the first results' data.
 */
function finished(shot: Snapshot, query: string): boolean {
  if (!shot.status.includes(`“${query.trim()}”`) || shot.busy || shot.status.includes("Searching older articles")) return false;
  const count = /\d[\d,]*/u.exec(shot.status.split("“")[0]!)?.[0];
  return !(count && Number(count.replace(/,/gu, "")) > 0 && shot.urls.length === 0);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done` holds and nothing shown has changed for STABLE_MS; null after the timeout. */
async function waitStable(page: Page, done: (shot: Snapshot) => boolean, timeoutMs = QUERY_TIMEOUT_MS): Promise<Snapshot | null> {
  const until = Date.now() + timeoutMs;
  let last = "";
  let since = Date.now();
  while (Date.now() < until) {
    const shot = await snapshot(page);
    const key = JSON.stringify(shot);
    if (key !== last) {
      last = key;
      since = Date.now();
    } else if (done(shot) && Date.now() - since >= STABLE_MS) return shot;
    await sleep(POLL_MS);
  }
  return null;
}

interface Outcome {
  readonly query: Query;
  /** 1-based rank of the target among the results shown, or null when not shown. */
  readonly rank: number | null;
  readonly timedOut: boolean;
  /** Bytes the browser received while this query ran. */
  readonly bytes: number;
}

/**
 * Counts the bytes of every finished response, workers' included (Playwright reports a dedicated
 * worker's requests on its page). `settled()` waits for the sizes still being looked up.
 */
function countBytes(page: Page): { total: () => number; settled: () => Promise<void> } {
  let total = 0;
  const pending = new Set<Promise<void>>();
  page.on("requestfinished", (request) => {
    const sized = request.sizes().then(
      (s) => void (total += s.responseHeadersSize + s.responseBodySize),
      () => undefined,
    );
    pending.add(sized);
    void sized.finally(() => pending.delete(sized));
  });
  return { total: () => total, settled: async () => void (await Promise.all(pending)) };
}

async function search(page: Page, query: Query, morePages: number, bytes: ReturnType<typeof countBytes>): Promise<Outcome> {
  const input = page.locator(SEARCH.input);
  await bytes.settled();
  const before = bytes.total();
  // Cleared first, so a status left by the previous query cannot pass for this one's, even when
  // two articles share a headline.
  await input.fill("");
  await waitStable(page, (shot) => !shot.status.includes(`“${query.text.trim()}”`), 5_000);
  // fill() sets the value and dispatches the input event the page listens for.
  await input.fill(query.text);
  let shot = await waitStable(page, (s) => finished(s, query.text));
  for (let pressed = 0; shot && !shot.urls.includes(query.target) && shot.moreVisible && pressed < morePages; pressed++) {
    const before = shot;
    await page.locator(SEARCH.more).click();
    // More results shown, or another period searched (the status says how far back), or the end.
    shot = await waitStable(page, (s) => finished(s, query.text) && (s.urls.length !== before.urls.length || s.status !== before.status || !s.moreVisible));
  }
  await bytes.settled();
  if (!shot) process.stderr.write(`warning: no results within ${QUERY_TIMEOUT_MS / 1000} s for ${query.kind} query "${query.text}": counted as not found\n`);
  const index = shot ? shot.urls.indexOf(query.target) : -1;
  return { query, rank: index >= 0 ? index + 1 : null, timedOut: !shot, bytes: bytes.total() - before };
}

// ---------------------------------------------------------------------------------------------

const percent = (count: number, of: number): string => (of > 0 ? `${((100 * count) / of).toFixed(1)} %` : "–");

function describe(outcomes: readonly Outcome[], morePages: number): void {
  const rows = [["query", "queries", "first", "top 10", `found (≤ ${morePages} more)`, "median rank", "median bytes/query"]];
  for (const kind of KINDS) {
    const mine = outcomes.filter((o) => o.query.kind === kind);
    const ranks = mine.flatMap((o) => (o.rank === null ? [] : [o.rank]));
    rows.push([
      kind,
      f.int(mine.length),
      percent(ranks.filter((r) => r === 1).length, mine.length),
      percent(ranks.filter((r) => r <= 10).length, mine.length),
      percent(ranks.length, mine.length),
      ranks.length > 0 ? String(median(ranks)) : "–",
      mine.length > 0 ? f.bytes(median(mine.map((o) => o.bytes))) : "–",
    ]);
  }
  say(f.table(rows));
  const timedOut = outcomes.filter((o) => o.timedOut).length;
  if (timedOut > 0) say(`  ${f.int(timedOut)} queries timed out (counted as not found)`);
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const t0 = performance.now();
  const archive = await readArchive(opts.site);
  if (archive.files.length === 0) throw new Error(`${opts.site}: no article pages (<section>/<yyyy>/<mm>/<dd>/<slug>/index.html with an <article> and an <h1>)`);
  const picked = sample(archive.files, opts.queries, opts.seed);
  const articles: ArticlePage[] = [];
  // Read again for their words: keeping every page's words from the first pass would not scale.
  await forEachFile(opts.site, picked, (html, file) => void articles.push(readArticle(html, urlOf(file))!));
  const queries = articles.flatMap((a) => queriesFor(a, archive.documentFrequency));
  say(`Search quality of ${opts.site}`);
  say(`  ${f.int(archive.files.length)} article pages (read in ${f.seconds((performance.now() - t0) / 1000)}); ${f.int(articles.length)} sampled with seed ${opts.seed}`);
  say(`  queries per article: its headline in lower case; its ${BODY_WORDS} body words of ${MIN_WORD}+ letters found in the fewest article bodies`);
  const example = queries.find((q) => q.kind === "body words");
  if (example) say(`  e.g. "${example.text}" for ${example.target}`);

  const server = await serveSite(opts.site);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const bytes = countBytes(page);
    await page.goto(`${server.url}${SEARCH.path}`, { waitUntil: "networkidle" });
    const t1 = performance.now();
    const outcomes: Outcome[] = [];
    // One page for every query, as a reader searching on: later queries find the index partly
    // loaded already, and their bytes are a warm page's.
    for (const query of queries) outcomes.push(await search(page, query, opts.more, bytes));
    say(`  ${f.int(queries.length)} searches in ${f.seconds((performance.now() - t1) / 1000)}, one search page for all`);
    say();
    describe(outcomes, opts.more);
    say("  first / top 10 / found: share of queries whose article is at that rank or better; median rank of those found");
    say("  bytes: received by the browser from clearing the box to the last result shown, on the page kept open");
    if (pageErrors.length > 0) say(`  page errors: ${pageErrors.join(" | ")}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:quality: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
