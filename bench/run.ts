/**
 * The Broadsheet benchmark: `npm run bench -- --articles N [--generated] [--keep]`.
 * Builds an archive of N articles from scratch, measures search in a real browser, adds one article
 * and rebuilds, and checks that rebuild against a clean one. Figures are printed, never asserted.
 */
import { execFileSync } from "node:child_process";
import { appendFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runBuild, type BuildRun } from "./build.js";
import { compareTrees, type TreeComparison } from "./compareTrees.js";
import { addArticle, makeCorpus, pickQueries, storiesOfTheDay, type Corpus, type StoryOfTheDay } from "./corpus.js";
import { outputSize, type OutputSize } from "./files.js";
import * as f from "./format.js";
import { GROUPS, measureSearch, type QueryCost, type SearchCost, type Transfer } from "./searchCost.js";

const PROJECT = path.resolve(import.meta.dirname, "..");
const MAX_DIFFERENCES_SHOWN = 20;
/** Real stories added one by one as news of the day (step 4): enough to show how often one re-indexes older shards. */
const REAL_STORIES = 5;

const USAGE = `usage: npm run bench -- [--articles N] [--generated] [--keep]
  --articles N   articles in the corpus (default 10000; meant for 1,000 to 200,000)
  --generated    invent the articles even when ../shared/corpus is there
  --keep         keep the corpus and output folders (in ${os.tmpdir()}) for a look afterwards`;

function options(argv: readonly string[]): { articles: number; generated: boolean; keep: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: { articles: { type: "string", default: "10000" }, generated: { type: "boolean", default: false }, keep: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
  });
  const articles = Number(values.articles.replace(/[,_]/gu, ""));
  if (values.help || !Number.isInteger(articles) || articles < 1) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  return { articles, generated: values.generated, keep: values.keep };
}

const say = (text = ""): void => void process.stdout.write(`${text}\n`);

function describeBuild(run: BuildRun): void {
  const cores = (cpu: number, wall: number): string => (wall > 0 ? (cpu / wall).toFixed(2) : "–");
  say(`  wall time ${f.seconds(run.seconds)}; CPU time ${f.seconds(run.cpu)} (${cores(run.cpu, run.seconds)} cores busy on average), of which Pagefind's processes ${f.seconds(run.pagefindCpu)}; peak memory of the process tree ${f.bytes(run.peakRss)}`);
  // What the machine's cores could do with that CPU at best: the wall time no spreading of the
  // work can go below (README, "Where the time goes").
  const machine = os.availableParallelism();
  say(`  that CPU on all ${machine} cores, busy throughout: ${f.seconds(run.cpu / machine)}`);
  const rows = [["phase", "wall", "CPU", "of it Pagefind", "cores busy", "rate", "peak RSS"]];
  for (const p of run.phases) {
    const wall = p.to - p.from;
    rows.push([p.name, f.seconds(wall), f.seconds(p.cpu), f.seconds(p.pagefindCpu), cores(p.cpu, wall), p.items ? f.rate(p.items.count, wall, p.items.unit) : "", p.peakRss > 0 ? f.bytes(p.peakRss) : "– (no sample)"]);
  }
  say(f.table(rows, "    "));
  const r = run.report;
  if (r.phases) say(`  the build's own timing: ${Object.entries(r.phases.seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(", ")}`);
  if (r.read) say(`  the build read ${f.int(r.read.files)} files: ${f.int(r.read.articles)} articles, ${f.int(r.read.rejected)} rejected`);
  if (r.wrote) {
    const kinds = Object.entries(r.wrote.byKind).map(([k, n]) => `${k} ${f.int(n)}`).join(", ");
    say(`  the build wrote ${f.int(r.wrote.pages)} pages (${kinds}); kept ${f.int(r.wrote.kept)} unchanged, removed ${f.int(r.wrote.removed)}`);
  }
  if (r.search) {
    const shards = r.search.shards !== undefined ? ` in ${f.int(r.search.shards)} shard${r.search.shards === 1 ? "" : "s"}` : "";
    const fresh = r.search.indexedThisBuild !== undefined ? `, ${f.int(r.search.indexedThisBuild)} indexed this build` : "";
    say(`  search index of ${f.int(r.search.articles)} articles${shards}${fresh}`);
  }
  if (!r.wrote && !r.phases) say("  (the build printed no summary this benchmark recognises: see bench/buildOutput.ts)");
}

function describeOutput(size: OutputSize): void {
  say(`  output: ${f.int(size.all.files)} files, ${f.bytes(size.all.bytes)}; search index (pagefind*/): ${f.int(size.searchIndex.files)} files, ${f.bytes(size.searchIndex.bytes)}`);
}

function describeTransfers(transfers: readonly Transfer[], shownAt: number): void {
  for (const group of GROUPS) {
    const inGroup = transfers.filter((t) => t.group === group);
    if (inGroup.length === 0) continue;
    const total = inGroup.reduce((n, t) => n + t.bytes, 0);
    say(`    ${group.padEnd(9)} ${String(inGroup.length).padStart(3)} file${inGroup.length === 1 ? " " : "s"}  ${f.bytes(total)}`);
    for (const t of inGroup) {
      const after = t.wall >= shownAt ? "  (after the results showed)" : "";
      say(`        ${f.bytes(t.bytes).padStart(9)}${t.estimated ? "*" : " "} ${new URL(t.url).pathname}${after}`);
    }
  }
  if (transfers.some((t) => t.estimated)) say("    * the browser reported no size (a worker's own script): the server's body bytes stand in");
}

function describeQuery(label: string, q: QueryCost): string {
  const hits = q.hits === null ? "? results" : `${f.int(q.hits)} results`;
  const after = q.afterShownBytes > 0 ? ` (then ${f.bytes(q.afterShownBytes)} more after the results showed)` : "";
  const partial = q.partialSearches > 0 ? `; the page searched part of the word ${q.partialSearches}× while it was typed` : "";
  return `${label} "${q.query}": ${f.bytes(q.bytes)} until results${after}, ${hits}, typing → results ${f.ms(q.ms)}${partial}`;
}

function describeSearch(cost: SearchCost): void {
  say(`  ${describeQuery("first query", cost.first)}`);
  say(`    (plus the page's own HTML/CSS: ${f.bytes(cost.page.bytes)})`);
  describeTransfers([...cost.first.transfers, ...cost.page.transfers], cost.first.shownAt);
  say(`  ${describeQuery("second query", cost.second)}`);
  describeTransfers(cost.second.transfers, cost.second.shownAt);
  say(`  typing → results: ${cost.typing.map((q) => `"${q.query}" ${f.ms(q.ms)} (${f.bytes(q.bytes + q.afterShownBytes)})`).join(", ")}`);
  say(`  median typing → results: ${f.ms(cost.typingMedianMs)}, from the last keystroke's input event, the page's own debounce included`);
  if (cost.typing.some((q) => q.partialSearches > 0)) say("  (the page searched part of some words while they were typed: their bytes include those searches)");
  if (cost.pageErrors.length > 0) say(`  page errors: ${cost.pageErrors.join(" | ")}`);
}

function describeComparison(cmp: TreeComparison): void {
  if (cmp.identical) {
    say(`  identical (${f.int(cmp.files[0])} files, same names and bytes)`);
    return;
  }
  say(`  NOT identical: ${f.int(cmp.differences.length)} differences (${f.int(cmp.files[0])} vs ${f.int(cmp.files[1])} files); the first ${Math.min(MAX_DIFFERENCES_SHOWN, cmp.differences.length)}:`);
  for (const d of cmp.differences.slice(0, MAX_DIFFERENCES_SHOWN)) {
    say(`    ${d.kind.padEnd(15)} ${d.file}${d.sizes ? ` (${f.int(d.sizes[0])} vs ${f.int(d.sizes[1])} bytes)` : ""}`);
  }
}

function gitCommit(): string | null {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: PROJECT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "pages", "_includes", "_data"], { cwd: PROJECT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const scratch: string[] = [];
  say(`Broadsheet benchmark: ${f.int(opts.articles)} articles`);

  const t0 = performance.now();
  const corpus: Corpus = await makeCorpus({ projectRoot: PROJECT, articles: opts.articles, generated: opts.generated });
  scratch.push(corpus.dir);
  say(`corpus source: ${corpus.description}`);
  say(`  ${f.int(corpus.articles)} files, ${f.bytes(corpus.bytes)}, ${corpus.firstDate} to ${corpus.lastDate}, ${corpus.sections.size} sections, in ${corpus.dir} (made in ${f.seconds((performance.now() - t0) / 1000)})`);

  const output = await mkdtemp(path.join(os.tmpdir(), "broadsheet-bench-site-"));
  const cleanOutput = await mkdtemp(path.join(os.tmpdir(), "broadsheet-bench-site-clean-"));
  // The benchmark's own build caches: the developer's .cache/broadsheet stays as it was.
  const cache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-bench-cache-"));
  const cleanCache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-bench-cache-clean-"));
  scratch.push(output, cleanOutput, cache, cleanCache);
  try {
    say();
    say(`1. Clean build (no build cache) into ${output}`);
    const clean = await runBuild({ projectRoot: PROJECT, articles: corpus.dir, output, cache, clean: true });
    describeBuild(clean);
    const size = await outputSize(output);
    describeOutput(size);

    say();
    say("2. Search in Chromium, site served on loopback with brotli/gzip");
    const queries = pickQueries(corpus, 7);
    say(`  queries (articles holding the word): ${queries.map((q) => `${q.word} (${q.articles})`).join(", ")}`);
    let search: SearchCost | null = null;
    if (queries.length >= 3) {
      search = await measureSearch(output, queries.map((q) => q.word));
      describeSearch(search);
    } else say("  skipped: the corpus offers too few headline words to query");

    say();
    say("3. One new article dated the day after the newest (news of the day), rebuilt with the cache kept");
    const addedNewest = await addArticle(corpus, "newest");
    say(`  added ${path.relative(corpus.dir, addedNewest.file)} (${addedNewest.date}, ${addedNewest.section}): "${addedNewest.headline}"`);
    const newest = await runBuild({ projectRoot: PROJECT, articles: corpus.dir, output, cache, clean: false });
    describeBuild(newest);

    say();
    say(`4. Real stories of the day: up to ${REAL_STORIES} Reuters stories the corpus left out, dated as in 3, added and rebuilt one at a time`);
    const stories = storiesOfTheDay(corpus, REAL_STORIES);
    if (stories.length === 0) say("  none: the corpus is generated, or holds every real story already");
    const real: { readonly story: StoryOfTheDay; readonly run: BuildRun }[] = [];
    for (const story of stories) {
      await writeFile(path.join(corpus.dir, "bench-added", `real-${story.name}`), story.text);
      const run = await runBuild({ projectRoot: PROJECT, articles: corpus.dir, output, cache, clean: false });
      real.push({ story, run });
      const indexed = run.report.search?.indexedThisBuild;
      say(`  ${f.seconds(run.seconds).padStart(8)}  ${indexed === undefined ? "?" : f.int(indexed)} articles indexed, ${f.int(run.report.wrote?.pages ?? 0)} pages written: "${story.headline}"`);
    }
    const realSeconds = real.map(({ run }) => run.seconds).sort((a, b) => a - b);

    say();
    say("5. One more new article, dated mid-archive (a late story), rebuilt with the cache kept");
    const added = await addArticle(corpus, "middle");
    say(`  added ${path.relative(corpus.dir, added.file)} (${added.date}, ${added.section}): "${added.headline}"`);
    const incremental = await runBuild({ projectRoot: PROJECT, articles: corpus.dir, output, cache, clean: false });
    describeBuild(incremental);

    say();
    say("6. That article edited (a paragraph added), rebuilt with the cache kept");
    await appendFile(added.file, "\nA paragraph added when the story was updated, as a wire desk would.\n");
    const edited = await runBuild({ projectRoot: PROJECT, articles: corpus.dir, output, cache, clean: false });
    describeBuild(edited);
    say(`  clean build of the same ${f.int(corpus.articles + 2 + real.length)} files into ${cleanOutput}`);
    const reference = await runBuild({ projectRoot: PROJECT, articles: corpus.dir, output: cleanOutput, cache: cleanCache, clean: true });
    say(`  wall time ${f.seconds(reference.seconds)}; peak memory ${f.bytes(reference.peakRss)}`);
    say("  incremental output against the clean build's:");
    const comparison = await compareTrees(output, cleanOutput);
    describeComparison(comparison);

    say();
    say("Summary (targets for reference; nothing is asserted)");
    const rows = [
      ["measure", "result", "target"],
      ["clean build", f.seconds(clean.seconds), "≤ 60 s at 100,000 articles"],
      ["cores busy, clean build (CPU time / wall time)", (clean.cpu / clean.seconds).toFixed(2), "≥ 1.7"],
      ["peak memory (process tree)", f.bytes(Math.max(clean.peakRss, newest.peakRss, incremental.peakRss, edited.peakRss, reference.peakRss)), "≤ 3.6 GB"],
      ["one new article, newest day", f.seconds(newest.seconds), "≤ 3 s at 10,000, ≤ 5 s at 100,000"],
      [`real stories of the day (${real.length}): median, slowest`, real.length > 0 ? `${f.seconds(realSeconds[Math.floor((realSeconds.length - 1) / 2)]!)}, ${f.seconds(realSeconds.at(-1)!)}` : "–", "as one new article, newest day"],
      ["one new article, mid-archive", f.seconds(incremental.seconds), "≤ 10 s"],
      ["that article edited", f.seconds(edited.seconds), "≤ 10 s"],
      ["first query", search ? f.bytes(search.first.bytes) : "–", "≤ 300 kB"],
      ["later query", search ? f.bytes(search.second.bytes) : "–", "≤ 50 kB"],
      ["typing to results (median)", search ? f.ms(search.typingMedianMs) : "–", "≤ 150 ms"],
      ["files written", `${f.int(size.all.files)} (${f.bytes(size.all.bytes)})`, "reported"],
      ["incremental = clean", comparison.identical ? "identical" : `${f.int(comparison.differences.length)} differences`, "identical"],
    ];
    say(f.table(rows));

    const results = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      machine: { node: process.version, cpus: os.cpus().length, memory: os.totalmem(), platform: `${os.platform()} ${os.release()}` },
      corpus: { source: corpus.source, description: corpus.description, articles: corpus.articles, bytes: corpus.bytes, firstDate: corpus.firstDate, lastDate: corpus.lastDate, sections: corpus.sections.size },
      cleanBuild: { seconds: clean.seconds, cpu: clean.cpu, pagefindCpu: clean.pagefindCpu, peakRss: clean.peakRss, phases: clean.phases, report: clean.report, output: size },
      search: search && { ...search, queries },
      newestArticle: { added: { ...addedNewest, file: path.relative(corpus.dir, addedNewest.file) }, seconds: newest.seconds, peakRss: newest.peakRss, phases: newest.phases, report: newest.report },
      realStories: real.map(({ story, run }) => ({ name: story.name, headline: story.headline, seconds: run.seconds, phases: run.phases, report: run.report })),
      oneArticle: { added: { ...added, file: path.relative(corpus.dir, added.file) }, seconds: incremental.seconds, peakRss: incremental.peakRss, phases: incremental.phases, report: incremental.report },
      editedArticle: { seconds: edited.seconds, peakRss: edited.peakRss, phases: edited.phases, report: edited.report },
      referenceBuild: { seconds: reference.seconds, peakRss: reference.peakRss, report: reference.report },
      comparison: { identical: comparison.identical, files: comparison.files, differences: comparison.differences.length, first: comparison.differences.slice(0, 200) },
      rssSamples: { clean: clean.samples.map((s) => [Number(s.t.toFixed(2)), s.bytes]) },
    };
    const dir = path.join(PROJECT, "bench", "results");
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${results.date.replace(/[:.]/gu, "-")}-${corpus.articles}.json`);
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    say();
    say(`results written to ${path.relative(PROJECT, file)}`);
  } finally {
    if (opts.keep) say(`kept: ${scratch.join(", ")}`);
    else await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
