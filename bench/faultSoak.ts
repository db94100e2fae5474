/**
 * Fault soak: many `kill -9`s at random points of real builds on a larger archive, each followed by
 * a rebuild compared byte for byte with a clean build of the same articles (issue 12). The test
 * suite (test/faults) kills a 36-article build a few times; this kills a 3,000-article one as often
 * as asked, in every phase.
 *
 *   npm run bench:faults                                  # 30 kills, seed 1, 3,000 Reuters stories
 *   npm run bench:faults -- --kills 2 --seed 7 --articles 500
 *   npm run bench:faults -- --corpus DIR --keep           # another folder of articles; keep the folders
 *
 * Kills alternate between clean builds (empty output and cache) and incremental ones (a few
 * stories added, removed and edited since the last build). Every other incremental kill is followed
 * by the undo: the change is reverted before the rebuild, as after Ctrl-C and `git checkout`.
 * Each row: where the kill fell (ms, share of the build's measured time, and the last phase the
 * build's progress lines had announced: a phase of under 1,000 items announces nothing), whether the rebuild succeeded, how many files differ from the
 * clean build, and any `*.tmp` file left. Nothing is asserted; the exit code is 1 if a row failed.
 *
 * The Reuters stories (../shared/corpus) are licensed for research only: they are copied into
 * temporary folders and never anywhere else.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { PROJECT } from "../test/support/buildSite.js";
import { build, describeEnd, killAfter, startBuild, tempDir, temporaryFiles, type BuildPlace, type Running } from "../test/support/faults.js";
import { compareTrees } from "./compareTrees.js";
import { REUTERS_TARBALL } from "./corpus.js";
import { ms, table } from "./format.js";
import { createRng, type Rng } from "./generateArticles.js";

interface Options {
  readonly kills: number;
  readonly seed: number;
  readonly articles: number;
  readonly corpus: string;
  readonly keep: boolean;
}

const DEFAULT_CORPUS = "/tmp/reuters/reuters-seed";

function options(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      kills: { type: "string", default: "30" },
      seed: { type: "string", default: "1" },
      articles: { type: "string", default: "3000" },
      corpus: { type: "string", default: DEFAULT_CORPUS },
      keep: { type: "boolean", default: false },
    },
  });
  const whole = (name: string, text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a whole number ≥ 1, not ${JSON.stringify(text)}`);
    return n;
  };
  return { kills: whole("kills", values.kills), seed: whole("seed", values.seed), articles: whole("articles", values.articles), corpus: path.resolve(values.corpus), keep: values.keep };
}

/** The corpus folder, unpacked from ../shared when it is the default one and missing. */
async function corpusFolder(folder: string): Promise<string> {
  if (existsSync(folder)) return folder;
  if (folder !== DEFAULT_CORPUS) throw new Error(`${folder}: no such folder`);
  const tarball = path.resolve(PROJECT, REUTERS_TARBALL);
  if (!existsSync(tarball)) throw new Error(`${folder} is missing and so is ${tarball}: pass --corpus DIR`);
  process.stdout.write(`unpacking ${tarball} into ${path.dirname(folder)}…\n`);
  await mkdir(path.dirname(folder), { recursive: true });
  await promisify(execFile)("tar", ["-xzf", tarball, "-C", path.dirname(folder)]);
  return folder;
}

/** The last phase the build had announced when it was killed (`broadsheet: render 3,120 pages…`), or the summary. */
function phaseAt(stdout: string): string {
  let phase = "none yet";
  for (const line of stdout.split("\n")) {
    const progress = /^broadsheet: (read|render|search index) [\d,]+ \w+(?:…|\.\.\.)\s*$/u.exec(line);
    if (progress) phase = progress[1]!;
    if (/^broadsheet: read [\d,]+ files:/u.test(line)) phase = "summary";
  }
  return phase;
}

/** Between builds: `add` stories from the pool added, `remove` removed, one edited. Returns how to undo it. */
async function changeArchive(dir: string, pool: string[], present: string[], random: Rng, corpus: string): Promise<() => Promise<void>> {
  const pick = (list: string[]): string => list.splice(Math.floor(random() * list.length), 1)[0]!;
  const added = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(pool)).filter(Boolean);
  const removed = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(present)).filter(Boolean);
  const edited = present[Math.floor(random() * present.length)]!;
  const removedText = new Map(await Promise.all(removed.map(async (name) => [name, await readFile(path.join(dir, name))] as const)));
  const editedText = await readFile(path.join(dir, edited));
  for (const name of added) await copyFile(path.join(corpus, name), path.join(dir, name));
  for (const name of removed) await rm(path.join(dir, name));
  // Before the credit line: a sentence of its own, so that the article stays well-formed.
  const lines = editedText.toString("utf8").split("\n");
  lines.splice(Math.max(2, lines.length - 3), 0, "A later correction said the figures were provisional.");
  await writeFile(path.join(dir, edited), lines.join("\n"));
  present.push(...added);
  return async () => {
    for (const name of added) await rm(path.join(dir, name));
    for (const [name, text] of removedText) await writeFile(path.join(dir, name), text);
    await writeFile(path.join(dir, edited), editedText);
    pool.push(...added);
    present.splice(0, present.length, ...present.filter((n) => !added.includes(n)), ...removed);
  };
}

interface Row {
  readonly n: number;
  readonly kind: string;
  readonly at: string;
  readonly phase: string;
  readonly rebuild: string;
  readonly differences: string;
  readonly ok: boolean;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const corpus = await corpusFolder(opts.corpus);
  const names = (await readdir(corpus)).filter((n) => !n.startsWith(".")).sort();
  if (names.length < opts.articles + 50) throw new Error(`${corpus}: ${names.length} files, fewer than --articles ${opts.articles} and 50 to add`);
  const random = createRng(opts.seed);
  const root = await tempDir("soak");
  const articles = path.join(root, "articles");
  await mkdir(articles);
  const present = names.slice(0, opts.articles);
  const pool = names.slice(opts.articles);
  for (const name of present) await copyFile(path.join(corpus, name), path.join(articles, name));
  const place: BuildPlace = { articles, output: path.join(root, "site"), cache: path.join(root, "cache") };
  process.stdout.write(`fault soak: ${opts.kills} kills, seed ${opts.seed}, ${opts.articles} articles from ${corpus}, in ${root}\n`);

  // The reference: a clean build of the articles as they are, into a folder and a cache of its own.
  const cleanBuilds = new Map<string, string>();
  let referencesBuilt = 0;
  const reference = async (): Promise<string> => {
    const key = JSON.stringify([...present].sort());
    const known = cleanBuilds.get(key);
    if (known) return known;
    // Numbered by a counter: a reference removed below must never share its folder with a new one.
    const n = referencesBuilt++;
    const clean: BuildPlace = { articles, output: path.join(root, `clean-${n}`), cache: path.join(root, `clean-cache-${n}`) };
    const end = await build(clean, { timeoutMs: 30 * 60_000 });
    if (end.code !== 0) throw new Error(`the clean build failed: ${describeEnd(end)}`);
    await rm(clean.cache, { recursive: true, force: true });
    for (const [k, dir] of cleanBuilds) if (k !== key) await rm(dir, { recursive: true, force: true });
    cleanBuilds.clear();
    cleanBuilds.set(key, clean.output);
    return clean.output;
  };

  // The build's own durations, to spread the kills over: a clean build and an incremental one.
  const first = await build(place, { timeoutMs: 30 * 60_000 });
  if (first.code !== 0) throw new Error(`the first build failed: ${describeEnd(first)}`);
  const cleanMs = first.ms;
  await changeArchive(articles, pool, present, random, corpus);
  const second = await build(place, { timeoutMs: 30 * 60_000 });
  if (second.code !== 0) throw new Error(`the first incremental build failed: ${describeEnd(second)}`);
  let incrementalMs = second.ms;
  process.stdout.write(`a clean build: ${ms(cleanMs)}; an incremental one: ${ms(incrementalMs)}\n\n`);

  const rows: Row[] = [];
  for (let n = 1; n <= opts.kills; n++) {
    const clean = n % 2 === 1;
    const undo = !clean && n % 4 === 0;
    let revert: (() => Promise<void>) | null = null;
    if (clean) {
      await rm(place.output, { recursive: true, force: true });
      await rm(place.cache, { recursive: true, force: true });
    } else {
      revert = await changeArchive(articles, pool, present, random, corpus);
    }
    const span = clean ? cleanMs : incrementalMs;
    const delay = Math.round((0.02 + random() * 0.98) * span);
    const running: Running = startBuild(place, { timeoutMs: 30 * 60_000 });
    const killed = await killAfter(running, delay);
    const phase = killed ? phaseAt(running.stdout()) : "ended first";
    if (undo && revert) await revert();
    const again = await build(place, { timeoutMs: 30 * 60_000 });
    if (!clean && again.code === 0) incrementalMs = (incrementalMs + again.ms) / 2;
    let differences = "–";
    let ok = again.code === 0 && !again.timedOut;
    if (again.code === 0) {
      const comparison = await compareTrees(place.output, await reference());
      const left = await temporaryFiles(place.output, place.cache);
      ok = comparison.identical && left.length === 0;
      differences = comparison.identical ? "none" : `${comparison.differences.length}: ${comparison.differences.slice(0, 3).map((d) => `${d.file} (${d.kind})`).join(", ")}${comparison.differences.length > 3 ? ", …" : ""}`;
      if (left.length > 0) differences += `; ${left.length} *.tmp left (${left.map((f) => path.basename(f)).join(", ")})`;
    }
    const row: Row = {
      n,
      kind: clean ? "clean" : undo ? "incremental, undone" : "incremental",
      at: `${ms(delay)} (${Math.round((delay / span) * 100)}%)`,
      phase,
      rebuild: again.timedOut ? "hung" : again.code === 0 ? `exit 0, ${ms(again.ms)}` : `exit ${again.code}: ${again.stderr.split("\n").find((l) => /error|broadsheet:/iu.test(l))?.slice(0, 100) ?? ""}`,
      differences,
      ok,
    };
    rows.push(row);
    process.stdout.write(`${n}/${opts.kills} ${row.kind}, killed at ${row.at} in ${row.phase}: ${row.ok ? "ok" : "FAILED"} (${row.rebuild}; differences ${row.differences})\n`);
  }

  process.stdout.write(`\n${table([["#", "build killed", "at", "last phase announced", "rebuild", "differences from a clean build", ""], ...rows.map((r) => [String(r.n), r.kind, r.at, r.phase, r.rebuild, r.differences, r.ok ? "ok" : "FAILED"])])}\n`);
  const failed = rows.filter((r) => !r.ok).length;
  process.stdout.write(`\n${rows.length - failed} of ${rows.length} rebuilds after a kill equal a clean build (seed ${opts.seed})\n`);
  if (opts.keep) process.stdout.write(`kept: ${root}\n`);
  else await rm(root, { recursive: true, force: true });
  if (failed > 0) process.exitCode = 1;
}

await main();
