/**
 * The two sites `bench:quality` compares: the default build (the search index cut into periods)
 * and a reference whose index is one Pagefind bundle, built from the same articles.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { emptyReport, readLine, type BuildReport } from "./buildOutput.js";

export interface SiteBuild {
  readonly seconds: number;
  readonly report: BuildReport;
  /** Lines the build wrote to stderr that hold ": warning:" (an article published twice, say). */
  readonly warnings: number;
}

export interface SiteBuildOptions {
  /** The Broadsheet checkout that builds. */
  readonly project: string;
  readonly articles: string;
  readonly output: string;
  /** An empty build cache of the bench's own, never the developer's `.cache/broadsheet`. */
  readonly cache: string;
  /** BROADSHEET_SEARCH_SHARD_SIZE; the environment's (or the settings' default) when absent. */
  readonly shardSize?: number;
  /** Each progress line of the build, as it comes. */
  readonly progress: (line: string) => void;
}

/** Runs `broadsheet build --quiet` as a user would (as bench/build.ts does), passing its progress lines on. */
export async function buildSite({ project, articles, output, cache, shardSize, progress }: SiteBuildOptions): Promise<SiteBuild> {
  const started = performance.now();
  const since = (): number => (performance.now() - started) / 1000;
  const env = { ...process.env, BROADSHEET_ARTICLES: articles, BROADSHEET_CACHE: cache, ...(shardSize !== undefined && { BROADSHEET_SEARCH_SHARD_SIZE: String(shardSize) }) };
  const child = spawn(process.execPath, ["bin/broadsheet.js", "build", "--quiet", `--output=${output}`], { cwd: project, env, stdio: ["ignore", "pipe", "pipe"] });
  let report = emptyReport();
  const tail: string[] = [];
  createInterface({ input: child.stdout }).on("line", (text) => {
    report = readLine(report, { t: since(), text });
    tail.push(text);
    if (tail.length > 10) tail.shift();
    if (text.startsWith("broadsheet: ")) progress(text.slice("broadsheet: ".length));
  });
  let warnings = 0;
  let stderr = "";
  createInterface({ input: child.stderr }).on("line", (text) => {
    if (text.includes(": warning:")) warnings++;
    else stderr = (stderr + text + "\n").slice(-3000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`build of ${articles} into ${output} exited with ${code}:\n${[...tail, stderr].join("\n")}`);
  return { seconds: since(), report, warnings };
}

/** The site's Pagefind bundles: its top-level `pagefind*` folders, one a period. */
export async function bundlesOf(site: string): Promise<string[]> {
  const entries = await readdir(site, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && /^pagefind/u.test(e.name)).map((e) => e.name).sort();
}

export interface BuiltPair {
  readonly site: string;
  readonly reference: string;
  readonly builds: { readonly site: SiteBuild; readonly reference: SiteBuild };
}

/**
 * Builds `articles` (`count` files) twice into new temp folders: as configured, and with a shard
 * size above `count`, so that the whole archive is one bundle. `scratch` collects the folders
 * made, outputs first, for the caller to keep or remove; the build caches are removed here.
 */
export async function buildPair(project: string, articles: string, count: number, scratch: string[], say: (text: string) => void): Promise<BuiltPair> {
  const made = async (prefix: string): Promise<string> => mkdtemp(path.join(os.tmpdir(), `broadsheet-quality-${prefix}-`));
  const site = await made("site");
  const reference = await made("reference");
  scratch.push(site, reference);
  const build = async (label: string, output: string, shardSize?: number): Promise<SiteBuild> => {
    const cache = await made("cache");
    try {
      say(`  building the ${label} into ${output}`);
      const built = await buildSite({ project, articles, output, cache, ...(shardSize !== undefined && { shardSize }), progress: (line) => say(`    ${line}`) });
      say(`    done in ${built.seconds.toFixed(1)} s${built.warnings > 0 ? ` (${built.warnings} warnings, not shown)` : ""}`);
      return built;
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  };
  const shardSetting = process.env.BROADSHEET_SEARCH_SHARD_SIZE ? `, BROADSHEET_SEARCH_SHARD_SIZE=${process.env.BROADSHEET_SEARCH_SHARD_SIZE} from the environment` : "";
  const siteBuild = await build(`site as configured${shardSetting}`, site);
  const referenceBuild = await build(`reference (BROADSHEET_SEARCH_SHARD_SIZE=${count + 1}: one index)`, reference, count + 1);
  return { site, reference, builds: { site: siteBuild, reference: referenceBuild } };
}
