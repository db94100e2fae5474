/**
 * Search quality: `npm run bench:quality -- --articles DIR` (or `--corpus N`, or `--site DIR
 * --reference DIR`). Looks for sampled articles on the site's own search page in Chromium, as a
 * reader who remembers one would (its headline, three rare words of its body, one rarer word), and
 * takes what the first screen shows with nothing pressed. Beside it, in the same run, the same
 * queries against a reference: the same articles with the whole archive in one Pagefind index.
 * Also the bytes of a first and a later query, and the time from typing to results. Figures are
 * printed, never asserted.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { makeCorpus } from "./corpus.js";
import { listFiles } from "./files.js";
import * as f from "./format.js";
import { createRng } from "./generateArticles.js";
import { bytesOf, bytesTable, commonTable, qualityOf, qualityTable, typingOf, typingTable, type FirstRun, type QueryRun, type SiteRun, type TypedRun } from "./qualityReport.js";
import { BODY_WORDS, COMMON_WORDS, MIN_WORD, queriesFor, readArticles, readSiteArchive, sample, SINGLE_WORD_POOL, TARGETED, type Kind, type Query } from "./qualitySample.js";
import { buildPair, bundlesOf } from "./qualitySites.js";
import { CHROMIUM, CHROMIUM_ARGS, median } from "./searchCost.js";
import { countOf, describeStuck, firstQuery, nothingFound, openSearchPage, QUERY_TIMEOUT_MS, search, typeQuery, type SearchSession, type Shown, type Snapshot } from "./searchPage.js";
import { serveSite, type SiteServer } from "./serve.js";

const PROJECT = path.resolve(import.meta.dirname, "..");
/** Bytes are reported for these, single words and headlines first. */
const BYTE_KINDS: readonly Kind[] = ["single word", "headline", "body words", "common word"];
/** So many timeouts in a row at the start means a search page that does not work: stop. */
const BROKEN_AFTER = 3;

const USAGE = `usage: npm run bench:quality -- (--articles DIR | --corpus N | --site DIR --reference DIR) [options]
  --articles DIR     a folder of article files: built twice into temp folders, as configured
                     (the index cut into periods) and as one index (the reference)
  --corpus N         the bench corpus of N articles (Reuters stories replicated when
                     ../shared/corpus is there; --generated for invented ones), built twice
  --site DIR --reference DIR
                     two sites built already from the same articles: periods, and one index
  --queries N        articles looked for (default 200), each by headline, body words, one word
  --seed S           integer seed of the sample (default 1): the same seed picks the same articles
  --first N          queries of each kind also timed as a first query, each in a fresh browser
                     (default 40)
  --typing N         further articles whose queries are typed key by key (default 20)
  --project DIR      the Broadsheet checkout that builds (default: this one)
  --keep             keep the built sites (and corpus) and print their paths`;

interface Options {
  readonly source: { readonly articles: string } | { readonly corpus: number; readonly generated: boolean } | { readonly site: string; readonly reference: string };
  readonly queries: number;
  readonly seed: number;
  readonly first: number;
  readonly typing: number;
  readonly project: string;
  readonly keep: boolean;
}

function usage(problem?: string): never {
  process.stderr.write(`${problem ? `bench:quality: ${problem}\n` : ""}${USAGE}\n`);
  process.exit(problem ? 2 : 0);
}

const SPEC = {
  articles: { type: "string" },
  corpus: { type: "string" },
  generated: { type: "boolean", default: false },
  site: { type: "string" },
  reference: { type: "string" },
  queries: { type: "string", default: "200" },
  seed: { type: "string", default: "1" },
  first: { type: "string", default: "40" },
  typing: { type: "string", default: "20" },
  project: { type: "string", default: PROJECT },
  keep: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const;

function options(argv: readonly string[]): Options {
  const { values: v } = (() => {
    try {
      return parseArgs({ args: [...argv], options: SPEC });
    } catch (error) {
      return usage(error instanceof Error ? error.message : String(error));
    }
  })();
  const int = (s: string | undefined): number => Number((s ?? "").replace(/[,_]/gu, ""));
  const [corpus, queries, seed, first, typing] = [v.corpus, v.queries, v.seed, v.first, v.typing].map(int) as [number, number, number, number, number];
  const sources = [v.articles !== undefined, v.corpus !== undefined, v.site !== undefined || v.reference !== undefined].filter(Boolean).length;
  const valid =
    sources === 1 &&
    (v.site === undefined) === (v.reference === undefined) &&
    (v.corpus === undefined || (Number.isInteger(corpus) && corpus >= 1)) &&
    Number.isInteger(queries) && queries >= 1 && Number.isInteger(seed) && Number.isInteger(first) && first >= 0 && Number.isInteger(typing) && typing >= 0;
  if (v.help) usage();
  if (!valid) usage("give one of --articles, --corpus, or --site with --reference; counts as whole numbers");
  const source =
    v.articles !== undefined
      ? { articles: path.resolve(v.articles) }
      : v.corpus !== undefined
        ? { corpus, generated: v.generated }
        : { site: path.resolve(v.site!), reference: path.resolve(v.reference!) };
  return { source, queries, seed, first, typing, project: path.resolve(v.project), keep: v.keep };
}

const say = (text = ""): void => void process.stdout.write(`${text}\n`);
/** A table whose empty last cells leave no trailing spaces. */
const table = (rows: readonly (readonly string[])[]): string => f.table(rows).replace(/ +$/gmu, "");
const since = (t0: number): string => f.seconds((performance.now() - t0) / 1000);

// ---------------------------------------------------------------------------------------------
// The two sites

interface Sites {
  readonly site: string;
  readonly reference: string;
  readonly articles: string | null;
  readonly builds: unknown;
}

async function obtainSites(opts: Options, scratch: string[]): Promise<Sites> {
  const { source } = opts;
  if ("site" in source) return { ...source, articles: null, builds: null };
  let articles: string;
  let count: number;
  if ("corpus" in source) {
    const t0 = performance.now();
    const corpus = await makeCorpus({ projectRoot: PROJECT, articles: source.corpus, generated: source.generated });
    scratch.push(corpus.dir);
    say(`corpus: ${corpus.description}: ${f.int(corpus.articles)} files in ${corpus.dir} (made in ${since(t0)})`);
    [articles, count] = [corpus.dir, corpus.articles];
  } else {
    articles = source.articles;
    count = (await listFiles(articles)).length;
    say(`articles: ${articles} (${f.int(count)} files)`);
  }
  const built = await buildPair(opts.project, articles, count, scratch, say);
  return { site: built.site, reference: built.reference, articles, builds: built.builds };
}

// ---------------------------------------------------------------------------------------------
// The queries

interface Plan {
  /** Typed one after another on one page: the targeted queries, then the common words. */
  readonly queries: readonly Query[];
  /** Each typed as a first query, in a fresh browser context. */
  readonly first: readonly Query[];
  /** Typed key by key on the same page, after `queries`. */
  readonly typing: readonly Query[];
  /** Article pages of the site, articles looked for, and articles whose queries are typed key by key. */
  readonly pages: number;
  readonly lookedFor: number;
  readonly typedArticles: number;
}

/** The sample of articles, drawn from the periods site, and the queries of each. */
async function planQueries(sites: Sites, opts: Options): Promise<Plan> {
  const t0 = performance.now();
  const archive = await readSiteArchive(sites.site);
  if (archive.files.length === 0) throw new Error(`${sites.site}: no article pages (<section>/<yyyy>/<mm>/<dd>/<slug>/index.html with an <article> and an <h1>)`);
  const drawn = sample(archive.files, opts.queries + opts.typing, opts.seed);
  const missing = new Set(drawn.filter((file) => !existsSync(path.join(sites.reference, file))));
  if (missing.size > 0) say(`  warning: ${missing.size} sampled articles are not in the reference (e.g. ${[...missing][0]}): left out`);
  const articles = await readArticles(sites.site, drawn.filter((file) => !missing.has(file)));
  const random = createRng(opts.seed + 0x5eed);
  const [looked, typed] = [articles.slice(0, opts.queries), articles.slice(opts.queries)];
  const queries = looked.flatMap((a) => queriesFor(a, archive.documentFrequency, random));
  const common: Query[] = COMMON_WORDS.map((text) => ({ kind: "common word", text, target: null }));

  say(`  ${f.int(archive.files.length)} article pages (read in ${since(t0)}); ${f.int(looked.length)} looked for, ${f.int(typed.length)} more typed key by key; seed ${opts.seed}`);
  say(`  queries per article: its headline in lower case; its ${BODY_WORDS} body words of ${MIN_WORD}+ letters found in the fewest article bodies;`);
  say(`  one word drawn from its ${SINGLE_WORD_POOL} rarest. First queries: ${opts.first} of each kind and the ${COMMON_WORDS.length} common words.`);
  for (const kind of ["body words", "single word"] as const) {
    const example = queries.find((q) => q.kind === kind);
    if (example) say(`  e.g. ${kind}: "${example.text}" for ${example.target}`);
  }
  return {
    queries: [...queries, ...common],
    first: [...TARGETED.flatMap((kind) => queries.filter((q) => q.kind === kind).slice(0, opts.first)), ...common],
    typing: typed.flatMap((a) => queriesFor(a, archive.documentFrequency, random)),
    pages: archive.files.length,
    lookedFor: looked.length,
    typedArticles: typed.length,
  };
}
// ---------------------------------------------------------------------------------------------
// One site, searched

function progress(label: string, done: number, total: number, t0: number): void {
  if (done === total || done % 50 === 0) say(`  ${label}: ${f.int(done)}/${f.int(total)} (${since(t0)})`);
}

function warnStuck(label: string, query: Query, stuck: Snapshot): void {
  process.stderr.write(`warning: ${label}: not done within ${QUERY_TIMEOUT_MS / 1000} s for ${query.kind} "${query.text}": ${describeStuck(stuck)}\n`);
}

/** What a reader saw of `query`, as the tables count it. */
function queryRun(query: Query, shown: Shown, later: boolean): QueryRun {
  const urls = shown.shot?.urls ?? [];
  const rank = query.target === null ? -1 : urls.indexOf(query.target);
  return {
    ...query,
    rank: rank >= 0 ? rank + 1 : null,
    nothingFound: shown.shot !== null && nothingFound(shown.shot),
    timedOut: shown.shot === null,
    count: shown.shot && countOf(shown.shot.status),
    shown: urls.length,
    bytes: shown.bytes,
    later,
  };
}

/**
 * One page for every query, as a reader searching on: later queries find the index partly loaded
 * already, and their bytes are a warm page's.
 */
async function searchOnOnePage(session: SearchSession, label: string, queries: readonly Query[]): Promise<QueryRun[]> {
  const t0 = performance.now();
  const runs: QueryRun[] = [];
  for (const query of queries) {
    const shown = await search(session, query.text);
    if (shown.stuck) warnStuck(label, query, shown.stuck);
    runs.push(queryRun(query, shown, runs.length > 0));
    if (runs.length === BROKEN_AFTER && runs.every((q) => q.timedOut)) {
      throw new Error(`${label}: the first ${BROKEN_AFTER} queries timed out: does its search page work? page errors: ${session.pageErrors.join(" | ") || "none"}`);
    }
    progress(`${label}, queries on one page`, runs.length, queries.length, t0);
  }
  return runs;
}

async function typeOnOnePage(session: SearchSession, label: string, queries: readonly Query[]): Promise<TypedRun[]> {
  const t0 = performance.now();
  const runs: TypedRun[] = [];
  for (const query of queries) {
    const typed = await typeQuery(session, query.text);
    if (typed.stuck) warnStuck(`${label}, typed`, query, typed.stuck);
    runs.push({ kind: query.kind, text: query.text, ms: typed.ms });
    progress(`${label}, typed key by key`, runs.length, queries.length, t0);
  }
  return runs;
}

async function firstQueries(browser: Browser, server: SiteServer, label: string, queries: readonly Query[], pageErrors: Set<string>): Promise<FirstRun[]> {
  const t0 = performance.now();
  const runs: FirstRun[] = [];
  for (const query of queries) {
    const run = await firstQuery(() => browser.newContext(), server, query.text);
    if (run.stuck) warnStuck(`${label}, first query`, query, run.stuck);
    run.pageErrors.forEach((e) => pageErrors.add(e));
    const { htmlCssBytes, preloadBytes, queryBytes, afterShownBytes } = run;
    runs.push({ kind: query.kind, text: query.text, timedOut: !run.shot, count: run.shot && countOf(run.shot.status), htmlCssBytes, preloadBytes, queryBytes, afterShownBytes });
    progress(`${label}, first queries in a fresh browser`, runs.length, queries.length, t0);
  }
  return runs;
}

async function measureSite(browser: Browser, label: string, dir: string, plan: Plan): Promise<SiteRun> {
  const server = await serveSite(dir);
  try {
    const context = await browser.newContext();
    const session = await openSearchPage(context, server);
    const quality = await searchOnOnePage(session, label, plan.queries);
    const typing = await typeOnOnePage(session, label, plan.typing);
    await context.close();
    const pageErrors = new Set(session.pageErrors);
    const first = await firstQueries(browser, server, label, plan.first, pageErrors);
    return { label, dir, bundles: await bundlesOf(dir), quality, first, typing, pageErrors: [...pageErrors] };
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------

function describe(kinds: readonly Kind[], periods: SiteRun, reference: SiteRun): void {
  say();
  say("What the first screen shows, nothing pressed");
  say(table(qualityTable(TARGETED, periods, reference)));
  say("  rank 1 / top 10: share of queries whose article is shown at that rank or better; points: periods less one index");
  say("  nothing found: the status says \"No articles found\" (or the list is empty) although the article is in the archive");
  say("  median rank: of the queries whose article is shown");

  say();
  say("Bytes a query costs, compressed as a static host serves them (brotli; Pagefind's files as stored), headers included");
  say(table(bytesTable(kinds, periods, reference)));
  const medianOf = (site: SiteRun, pick: (r: FirstRun) => number): string => (site.first.length > 0 ? f.bytes(Math.round(median(site.first.map(pick)))) : "–");
  say(`  first query: a fresh browser loads the search page, then the query is typed; all included = loading the page after its`);
  say(`    HTML/CSS (its JS, Pagefind's code, what Pagefind preloads: median ${medianOf(periods, (r) => r.preloadBytes)} periods, ${medianOf(reference, (r) => r.preloadBytes)} one index)`);
  say(`    plus the query's own; the HTML/CSS themselves (median ${medianOf(periods, (r) => r.htmlCssBytes)} periods, ${medianOf(reference, (r) => r.htmlCssBytes)} one index) are left out`);
  say("  later query: on the page kept open, from clearing the box to the results shown (its first query not counted)");
  say("  target: first query of periods ≤ half of one index's; later query ≤ one index's");
  for (const site of [periods, reference]) {
    const after = site.first.filter((r) => r.afterShownBytes > 0);
    if (after.length > 0) say(`  ${site.label}: ${after.length} first queries fetched more after their results showed (median ${f.bytes(median(after.map((r) => r.afterShownBytes)))}): not counted above`);
  }

  say();
  say(`Common words (${COMMON_WORDS.join(", ")}): articles the status says it found, and bytes`);
  say(table(commonTable(COMMON_WORDS, periods, reference)));

  say();
  say("Typing to results: typed key by key with no delay into the cleared box of the page kept open,");
  say("from the last keystroke to the status naming the whole query, not busy (the list shown)");
  say(table(typingTable(TARGETED, periods, reference)));

  for (const site of [periods, reference]) {
    const timedOut = site.quality.filter((q) => q.timedOut).length + site.first.filter((q) => q.timedOut).length + site.typing.filter((q) => q.ms === null).length;
    if (timedOut > 0) say(`  ${site.label}: ${timedOut} queries timed out after ${QUERY_TIMEOUT_MS / 1000} s (counted as not shown, their bytes and times left out)`);
    if (site.pageErrors.length > 0) say(`  ${site.label}: page errors: ${site.pageErrors.join(" | ")}`);
  }
}

/** The figures of the tables, for the results file. */
function summaryOf(site: SiteRun): object {
  return {
    bundles: site.bundles.length,
    quality: Object.fromEntries(TARGETED.map((kind) => [kind, qualityOf(site.quality.filter((q) => q.kind === kind))])),
    bytes: Object.fromEntries(BYTE_KINDS.map((kind) => [kind, bytesOf(site, kind)])),
    typing: Object.fromEntries([...TARGETED, undefined].map((kind) => [kind ?? "all", typingOf(site, kind)])),
  };
}

function gitCommit(project: string): string | null {
  try {
    const git = (...args: string[]): string => execFileSync("git", args, { cwd: project, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = git("status", "--porcelain", "--", "src", "pages", "_includes", "_data");
    return `${git("rev-parse", "--short", "HEAD")}${dirty ? " (with uncommitted changes)" : ""}`;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const scratch: string[] = [];
  const t0 = performance.now();
  try {
    say("Search quality: the site as configured (periods) beside one index of the same articles");
    const sites = await obtainSites(opts, scratch);
    const [bundles, referenceBundles] = await Promise.all([bundlesOf(sites.site), bundlesOf(sites.reference)]);
    say(`  periods:   ${sites.site} (${bundles.length} Pagefind bundle${bundles.length === 1 ? "" : "s"})`);
    say(`  one index: ${sites.reference} (${referenceBundles.length} Pagefind bundle${referenceBundles.length === 1 ? "" : "s"})`);
    if (bundles.length < 2) say("  warning: the site has a single bundle: there are no periods to compare");
    if (referenceBundles.length !== 1) say("  warning: the reference is not one bundle: build it with BROADSHEET_SEARCH_SHARD_SIZE above the number of articles");

    const plan = await planQueries(sites, opts);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    let runs: [SiteRun, SiteRun];
    try {
      // One after the other, not side by side: the timings would share the processor.
      runs = [await measureSite(browser, "periods", sites.site, plan), await measureSite(browser, "one index", sites.reference, plan)];
    } finally {
      await browser.close();
    }
    const [periods, reference] = runs;
    describe(BYTE_KINDS, periods, reference);

    const date = new Date().toISOString();
    const results = {
      date,
      commit: gitCommit(opts.project),
      machine: { node: process.version, cpus: os.cpus().length, memory: os.totalmem(), platform: `${os.platform()} ${os.release()}` },
      options: opts,
      articles: { dir: sites.articles, pages: plan.pages, builds: sites.builds },
      sample: { seed: opts.seed, lookedFor: plan.lookedFor, typed: plan.typedArticles, commonWords: COMMON_WORDS },
      summary: Object.fromEntries(runs.map((site) => [site.label, summaryOf(site)])),
      sites: runs,
    };
    const dir = path.join(PROJECT, "bench", "results");
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${date.replace(/[:.]/gu, "-")}-quality-${plan.pages}.json`);
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    say();
    say(`results written to ${path.relative(PROJECT, file)} (${since(t0)} in all)`);
  } finally {
    if (opts.keep && scratch.length > 0) {
      say(`kept: ${scratch.join(", ")}`);
      if (scratch.length >= 2) say(`  again without building: npm run bench:quality -- --site ${scratch.at(-2)} --reference ${scratch.at(-1)}`);
    } else await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:quality: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
