import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { createInterface } from "node:readline";
import { emptyReport, readLine, reportedSeconds, type BuildReport, type TimedLine } from "./buildOutput.js";
import { cpuBetween, peakBetween, sampleTree, type RssSample } from "./processTree.js";

const pagefindShare = (s: RssSample): number => s.pagefindCpu;

export interface BuildRun {
  readonly seconds: number;
  /** CPU seconds of the whole process tree over the build. */
  readonly cpu: number;
  /** Of `cpu`, Pagefind's processes'. */
  readonly pagefindCpu: number;
  readonly peakRss: number;
  readonly report: BuildReport;
  readonly phases: readonly Phase[];
  readonly samples: readonly RssSample[];
  readonly lines: readonly TimedLine[];
}

export interface Phase {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly peakRss: number;
  /** CPU seconds the whole process tree used in the phase (every thread, Pagefind's processes too). */
  readonly cpu: number;
  /** Of `cpu`, Pagefind's processes'. */
  readonly pagefindCpu: number;
  /** What the phase got through, for a rate: files read, pages rendered, articles indexed. */
  readonly items?: { readonly count: number; readonly unit: string };
}

export interface BuildOptions {
  readonly projectRoot: string;
  readonly articles: string;
  readonly output: string;
  /** The build's cache folder (parse cache, page manifests): the benchmark's own, never the developer's. */
  readonly cache: string;
  /** Deletes the build's caches first, so nothing of an earlier build is reused. */
  readonly clean: boolean;
  /** More of the build's environment: settings by their variables (`BROADSHEET_TOPICS`). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Runs `broadsheet build` as a user would, timing it and sampling its whole process tree. */
export async function runBuild({ projectRoot, articles, output, cache, clean, env = {} }: BuildOptions): Promise<BuildRun> {
  if (clean) await rm(cache, { recursive: true, force: true });
  const started = performance.now();
  const since = (): number => (performance.now() - started) / 1000;
  const child = spawn(process.execPath, ["bin/broadsheet.js", "build", "--quiet", `--output=${output}`], {
    cwd: projectRoot,
    env: { ...process.env, ...env, BROADSHEET_ARTICLES: articles, BROADSHEET_CACHE: cache },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const sampler = sampleTree(child.pid!, 100, started);
  const lines: TimedLine[] = [];
  let report = emptyReport();
  createInterface({ input: child.stdout }).on("line", (text) => {
    const line = { t: since(), text };
    lines.push(line);
    report = readLine(report, line);
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const seconds = since();
  const samples = sampler.stop();
  if (code !== 0) {
    const tail = [...lines.slice(-10).map((l) => l.text), stderr.slice(-3000)].join("\n");
    throw new Error(`build exited with ${code}:\n${tail}`);
  }
  const phases = attributePhases(report, samples, seconds);
  return { seconds, cpu: cpuBetween(samples, 0, seconds), pagefindCpu: cpuBetween(samples, 0, seconds, pagefindShare), peakRss: peakBetween(samples, 0, seconds), report, phases, samples, lines };
}

/**
 * Cuts the run into phases at the times the build announced them. The end of rendering is not
 * announced: it is the summary's time less the search index's own "more" seconds.
 */
export function attributePhases(report: BuildReport, samples: readonly RssSample[], end: number): Phase[] {
  const summary = report.wrote?.t ?? report.phases?.t;
  const search = reportedSeconds(report, "search");
  const render = reportedSeconds(report, "render");
  const renderEnd = summary !== undefined && search !== undefined ? summary - search : undefined;
  const renderStart = report.started.render?.t ?? (renderEnd !== undefined && render !== undefined ? renderEnd - render : undefined);
  const files = report.read?.files ?? report.started.read?.count;
  const pages = report.wrote?.pages ?? report.started.render?.count;
  const marks: { name: string; at: number | undefined; items?: Phase["items"] }[] = [
    { name: "start-up", at: 0 },
    { name: "read and plan", at: report.started.read?.t, ...(files !== undefined && { items: { count: files, unit: "files" } }) },
    { name: "render and write", at: renderStart, ...(pages !== undefined && { items: { count: pages, unit: "pages" } }) },
    // Indexing runs alongside rendering: only its tail is a phase of its own, and has no rate.
    { name: "search index, after render", at: renderEnd },
    { name: "exit", at: summary },
  ];
  // A mark not printed, or out of order (a changed message, an estimate gone wrong), is dropped
  // and its phase merged into the one before, under both names.
  const phases: { name: string; at: number; items?: Phase["items"] }[] = [];
  for (const m of marks) {
    const prior = phases[phases.length - 1];
    if (m.at !== undefined && m.at <= end && (prior === undefined || m.at >= prior.at)) phases.push({ ...m, at: m.at });
    else if (prior) Object.assign(prior, { name: `${prior.name} + ${m.name}`, items: prior.items ?? m.items });
  }
  return phases.map((m, i) => {
    const to = phases[i + 1]?.at ?? end;
    return { name: m.name, from: m.at, to, peakRss: peakBetween(samples, m.at, to), cpu: cpuBetween(samples, m.at, to), pagefindCpu: cpuBetween(samples, m.at, to, pagefindShare), ...(m.items && { items: m.items }) };
  });
}
