/**
 * What topics cost a clean build: `npm run bench:topic-cost -- [--articles N] [--runs N]`.
 * Builds the same corpus from scratch with topics on and off (`BROADSHEET_TOPICS=false`: no names
 * found, no topic pages, feeds or filter), alternating, N pairs (default 3), in one run of this
 * script: the machine is shared and noisy, so the figures to quote are the medians and each
 * pair's ratio. Every build gets new output and cache folders, all deleted at the end: a build
 * following the deletion of the last one's files is slowed by ext4 (README, "Where the time
 * goes"). Figures are printed, never asserted.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runBuild, type BuildRun } from "./build.js";
import { makeCorpus } from "./corpus.js";
import * as f from "./format.js";
import { median } from "./searchCost.js";

const PROJECT = path.resolve(import.meta.dirname, "..");
const say = (text = ""): void => void process.stdout.write(`${text}\n`);

const { values } = parseArgs({ options: { articles: { type: "string", default: "100000" }, runs: { type: "string", default: "3" }, generated: { type: "boolean", default: false } } });
const articles = Number(values.articles.replace(/[,_]/gu, ""));
const runs = Number(values.runs);
if (!Number.isInteger(articles) || articles < 1 || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write("usage: npm run bench:topic-cost -- [--articles N] [--runs N] [--generated]\n");
  process.exit(2);
}

const corpus = await makeCorpus({ projectRoot: PROJECT, articles, generated: values.generated });
const scratch = [corpus.dir];
say(`Topic cost: ${f.int(corpus.articles)} articles (${corpus.description}), ${runs} pair${runs === 1 ? "" : "s"} of clean builds, topics on and off`);

/** The phase of a run, by the name the bench gives it, as wall seconds. */
const phase = (run: BuildRun, name: string): number => {
  const p = run.phases.find((x) => x.name === name);
  return p ? p.to - p.from : NaN;
};
const PHASES = ["start-up", "read and plan", "render and write", "search index, after render"];

const built: Record<"on" | "off", BuildRun[]> = { on: [], off: [] };
try {
  for (let i = 0; i < runs; i++) {
    // Which goes first alternates, so that neither always runs in the other's wake (a disk still
    // writing back, a busy neighbour).
    for (const topics of i % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const)) {
      const output = await mkdtemp(path.join(os.tmpdir(), `broadsheet-bench-topics-${topics}-`));
      const cache = await mkdtemp(path.join(os.tmpdir(), `broadsheet-bench-topics-cache-`));
      scratch.push(output, cache);
      const run = await runBuild({ projectRoot: PROJECT, articles: corpus.dir, output, cache, clean: true, env: { BROADSHEET_TOPICS: topics === "on" ? "true" : "false" } });
      built[topics].push(run);
      const phases = PHASES.map((name) => `${name} ${f.seconds(phase(run, name))}`).join(", ");
      const pages = run.report.wrote ? `, ${f.int(run.report.wrote.pages)} pages` : "";
      say(`  pair ${i + 1}, topics ${topics.padEnd(3)}: ${f.seconds(run.seconds)} (CPU ${f.seconds(run.cpu)}, Pagefind's ${f.seconds(run.pagefindCpu)}, peak memory ${f.bytes(run.peakRss)}${pages}); ${phases}`);
    }
  }
  const pct = (on: number, off: number): string => `${on >= off ? "+" : ""}${(((on - off) / off) * 100).toFixed(1)}%`;
  const m = (side: "on" | "off", of: (r: BuildRun) => number): number => median(built[side].map(of));
  say();
  const rows = [["measure", "topics on (median)", "topics off (median)", "cost"]];
  /** A measure's medians on each side, and what topics cost of it. */
  const row = (label: string, of: (r: BuildRun) => number, show: (n: number) => string = f.seconds): string[] => [label, show(m("on", of)), show(m("off", of)), pct(m("on", of), m("off", of))];
  rows.push(row("wall time", (r) => r.seconds));
  rows.push(row("CPU time", (r) => r.cpu));
  // Pagefind's share apart: what topics add is Node's work (README, "What topics cost").
  rows.push(row("of it, Pagefind's processes", (r) => r.pagefindCpu));
  rows.push(row("of it, the rest (Node)", (r) => r.cpu - r.pagefindCpu));
  rows.push(row("peak memory (process tree)", (r) => r.peakRss, f.bytes));
  for (const name of PHASES) rows.push([name, f.seconds(m("on", (r) => phase(r, name))), f.seconds(m("off", (r) => phase(r, name))), ""]);
  say(f.table(rows));
  say(`  wall time, pair by pair: ${built.on.map((r, i) => pct(r.seconds, built.off[i]!.seconds)).join(", ")} (target: ≤ +10%)`);
  say(`  peak memory, pair by pair: ${built.on.map((r, i) => pct(r.peakRss, built.off[i]!.peakRss)).join(", ")} (target: ≤ +10%)`);
} finally {
  await Promise.all(scratch.map((d) => rm(d, { recursive: true, force: true })));
}
