import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export const PROJECT = path.resolve(import.meta.dirname, "../..");

export interface BuiltSite {
  readonly output: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Reads a written file by its site path: `/syrian-conflict/` → `.../syrian-conflict/index.html`. */
  page(sitePath: string): Promise<string>;
}

/** Runs the real build command (`broadsheet build`) on an articles folder, into a temporary output. */
export interface BuildOptions {
  readonly env?: Record<string, string>;
  readonly args?: string[];
  /** Build into this folder (to rebuild over a previous build); a new temporary one by default. */
  readonly output?: string;
  /** The build cache folder; a new temporary one by default, so tests never share caches. */
  readonly cache?: string;
  /** The project to build with (its pages, templates and settings); this one by default. */
  readonly project?: string;
}

export async function buildSite(articles: string, options: BuildOptions = {}): Promise<BuiltSite> {
  const output = options.output ?? (await mkdtemp(path.join(os.tmpdir(), "broadsheet-site-")));
  const cache = options.cache ?? (await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-")));
  const child = spawn(process.execPath, [path.join(PROJECT, "bin/broadsheet.js"), "build", "--quiet", `--output=${output}`, ...(options.args ?? [])], {
    cwd: options.project ?? PROJECT,
    env: { ...process.env, BROADSHEET_ARTICLES: articles, BROADSHEET_CACHE: cache, ...options.env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  return {
    output,
    code,
    stdout,
    stderr,
    page: (sitePath) => readFile(path.join(output, sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath), "utf8"),
  };
}

/**
 * A copy of this project a test may change: its own `pages/` (the site's page templates),
 * everything else linked to this one's (templates, settings, code, node_modules).
 */
export async function projectCopy(): Promise<string> {
  const copy = await mkdtemp(path.join(os.tmpdir(), "broadsheet-project-"));
  for (const name of await readdir(PROJECT)) {
    if (name === "pages") await cp(path.join(PROJECT, name), path.join(copy, name), { recursive: true });
    else if (![".git", ".cache", "_site", "scratch"].includes(name)) await symlink(path.join(PROJECT, name), path.join(copy, name));
  }
  return copy;
}
