import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT } from "./buildSite.js";
import { articleText, type FixtureArticle } from "./fixtureArchive.js";
import { siteTree, treeDifferences } from "./siteTree.js";

/**
 * Fault injection for the build: runs the real command line as a process group of its own (so that
 * a kill, or a time limit, reaches Eleventy, the search workers and every Pagefind process), kills
 * it at a chosen moment, and compares what it leaves with what a clean build writes.
 */

// ---------------------------------------------------------------- running the command

/** How a run of `broadsheet` ended. */
export interface Ended {
  /** The exit code; null when it died of a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** It was still running at its time limit, and was killed then: it hung. */
  readonly timedOut: boolean;
  /** It was killed by the test (`kill()`), before it ended by itself. */
  readonly killed: boolean;
  /** Wall time from start to end, in milliseconds. */
  readonly ms: number;
}

export interface Running {
  readonly pid: number;
  /** What it has printed so far. */
  stdout(): string;
  stderr(): string;
  /** Whether the process has ended. */
  ended(): boolean;
  /** `kill -9` to the whole process group, as a killed terminal or CI runner does. */
  kill(): void;
  /** Ctrl-C: SIGINT to the whole process group; `kill -9` if it is still running `graceMs` later. Resolves when it has ended. */
  interrupt(graceMs?: number): Promise<Ended>;
  readonly done: Promise<Ended>;
}

export interface RunOptions {
  /** Added to the environment of the test process. */
  readonly env?: Record<string, string>;
  /** Past this, the whole group is killed and the run counts as hung (`timedOut`). */
  readonly timeoutMs?: number;
  /** A command the run goes through, such as `["unshare", "--user", …]`; it must exec the next word. */
  readonly wrap?: readonly string[];
}

/** Default time limit of a run: a fixture build takes one or two seconds. */
export const RUN_LIMIT_MS = 60_000;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Starts `node bin/broadsheet.js …args` in the project, in a process group of its own. */
export function startBroadsheet(args: readonly string[], options: RunOptions = {}): Running {
  const started = performance.now();
  const command = [...(options.wrap ?? []), process.execPath, "bin/broadsheet.js", ...args];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: PROJECT,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid!;
  let stdout = "";
  let stderr = "";
  let exited = false;
  let killed = false;
  let timedOut = false;
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => {
    if (exited) return;
    timedOut = true;
    killGroup(pid);
  }, options.timeoutMs ?? RUN_LIMIT_MS);
  child.on("exit", () => {
    exited = true;
    // Whatever the leader left running (a Pagefind process, a worker) goes with it.
    killGroup(pid);
  });
  const done = new Promise<Ended>((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, killed, ms: performance.now() - started });
    });
  });
  return {
    pid,
    stdout: () => stdout,
    stderr: () => stderr,
    ended: () => exited,
    kill() {
      if (exited) return;
      killed = true;
      killGroup(pid);
    },
    async interrupt(graceMs = 5_000) {
      if (!exited) {
        try {
          process.kill(-pid, "SIGINT");
        } catch {
          // already gone
        }
        const timer = setTimeout(() => killGroup(pid), graceMs);
        await done;
        clearTimeout(timer);
      }
      return done;
    },
    done,
  };
}

/** Runs `broadsheet …args` to its end (or its time limit). */
export function runBroadsheet(args: readonly string[], options: RunOptions = {}): Promise<Ended> {
  return startBroadsheet(args, options).done;
}

/** Where one build reads, writes and keeps its caches, and the environment it runs with. */
export interface BuildPlace {
  readonly articles: string;
  readonly output: string;
  readonly cache: string;
  /** Settings from the environment (`BROADSHEET_SEARCH_SHARD_SIZE`…), the same for every build compared. */
  readonly env?: Record<string, string>;
  /** Extra arguments, such as `--lenient`. */
  readonly args?: readonly string[];
}

/** Starts `broadsheet build --quiet` as the tests and a CI job run it. */
export function startBuild(place: BuildPlace, options: RunOptions = {}): Running {
  return startBroadsheet(["build", "--quiet", `--output=${place.output}`, ...(place.args ?? [])], {
    ...options,
    env: { BROADSHEET_ARTICLES: place.articles, BROADSHEET_CACHE: place.cache, ...place.env, ...options.env },
  });
}

export function build(place: BuildPlace, options: RunOptions = {}): Promise<Ended> {
  return startBuild(place, options).done;
}

/** One line for a failure message: how the run ended and the end of what it said. */
export function describeEnd(end: Ended): string {
  const how = end.timedOut ? `still running after ${Math.round(end.ms)} ms (killed)` : end.signal ? `killed by ${end.signal}` : `exit ${end.code}`;
  const tail = (text: string): string => text.split("\n").filter((l) => l.trim() && !/^\[11ty\] (Writing|Benchmark)\b/u.test(l)).slice(-12).join("\n");
  return `${how} after ${Math.round(end.ms)} ms\n--- stderr (end):\n${tail(end.stderr)}\n--- stdout (end):\n${tail(end.stdout)}`;
}

// ---------------------------------------------------------------- killing at a moment

/** Polls `ready` every few milliseconds while the run goes on; resolves with whether it held before the run ended. */
export async function whileRunning(run: Running, ready: () => boolean, pollMs = 5): Promise<boolean> {
  while (!run.ended()) {
    if (ready()) return true;
    await sleep(pollMs);
  }
  return false;
}

/** Once `ready` holds, kills the run. Resolves with whether the kill came before the run ended. */
export async function killWhen(run: Running, ready: () => boolean, pollMs = 5): Promise<boolean> {
  if (!(await whileRunning(run, ready, pollMs))) return false;
  run.kill();
  await run.done;
  return true;
}

/** Kills the run `ms` after now, unless it ended first; resolves with whether it was killed. */
export async function killAfter(run: Running, ms: number): Promise<boolean> {
  await Promise.race([sleep(ms), run.done]);
  if (run.ended()) return false;
  run.kill();
  await run.done;
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether some `index.html` exists anywhere under `folder`: the first page of its kind has been written. */
export function holdsPage(folder: string): boolean {
  try {
    return readdirSync(folder, { recursive: true }).some((name) => String(name).endsWith("index.html"));
  } catch {
    return false;
  }
}

/** Polls `test` until it holds or `timeoutMs` passes; resolves with whether it held. */
export async function eventually(test: () => boolean | Promise<boolean>, timeoutMs: number, pollMs = 100): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    if (await test()) return true;
    if (performance.now() > until) return false;
    await sleep(pollMs);
  }
}

// ---------------------------------------------------------------- randomness

/** A seeded generator (mulberry32) of numbers in [0, 1): the same seed gives the same kill points. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of this run: `BROADSHEET_FAULT_SEED` to repeat one, else a new one each run (tests print it). */
export function faultSeed(): number {
  const given = Number(process.env.BROADSHEET_FAULT_SEED);
  return Number.isInteger(given) && given > 0 ? given : 1 + Math.floor(Math.random() * 1_000_000);
}

/**
 * `count` fractions of a duration, one drawn at random in each of `count` equal slices of
 * [from, to): kill points spread over the whole build, not bunched by chance.
 */
export function spreadFractions(random: () => number, count: number, from = 0.05, to = 1): number[] {
  const width = (to - from) / count;
  return Array.from({ length: count }, (_, i) => from + width * (i + random()));
}

// ---------------------------------------------------------------- folders

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `broadsheet-${prefix}-`));
}

/** A new empty place to build into: an output folder (not created) and a cache folder of its own. */
export async function freshPlace(articles: string, env?: Record<string, string>, args?: readonly string[]): Promise<BuildPlace> {
  const root = await tempDir("place");
  return { articles, output: path.join(root, "site"), cache: path.join(root, "cache"), env, args };
}

/**
 * A folder's copy, timestamps and symbolic links as they are: a restored articles folder must look
 * unchanged to the parse cache (size and mtime), and the same paths keep the caches' keys.
 */
export async function copyFolder(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  if (!existsSync(from)) return;
  await cp(from, to, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
}

/**
 * Keeps a copy of a place's articles, output and cache, to put them back before each case: every
 * case then starts from the same built site, at the same paths (cache keys hold the output's path).
 */
export async function keepCopy(place: BuildPlace): Promise<() => Promise<void>> {
  const saved = await tempDir("saved");
  const parts = [place.articles, place.output, place.cache];
  await Promise.all(parts.map((p, i) => copyFolder(p, path.join(saved, String(i)))));
  return async () => {
    await Promise.all(parts.map((p, i) => copyFolder(path.join(saved, String(i)), p)));
  };
}

/** Every file under the folders whose name ends in `.tmp` (a write that never finished), as full paths. */
export async function temporaryFiles(...folders: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const folder of folders) {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isFile() && e.name.endsWith(".tmp")) found.push(path.join(e.parentPath, e.name));
  }
  return found.sort();
}

/** Files of a cache folder whose names match `pattern` (say `/^manifest-.*\.json$/`), with full paths. */
export async function cacheFiles(cache: string, pattern: RegExp): Promise<string[]> {
  const entries = await readdir(cache, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && pattern.test(path.relative(cache, path.join(e.parentPath, e.name)))).map((e) => path.join(e.parentPath, e.name)).sort();
}

// ---------------------------------------------------------------- the clean build to compare with

/** A hash of every file's path and bytes under `dir` (links followed as the build would see them). */
async function folderKey(dir: string): Promise<string> {
  const hash = createHash("sha1").update(dir);
  if (!existsSync(dir)) return hash.update("\0missing").digest("hex");
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.parentPath + "/" + a.name < b.parentPath + "/" + b.name ? -1 : 1))) {
    const file = path.join(e.parentPath, e.name);
    hash.update(`\0${path.relative(dir, file)}\0${e.isSymbolicLink() ? "link" : e.isFile() ? "file" : "dir"}\0`);
    if (e.isFile()) hash.update(await readFile(file));
  }
  return hash.digest("hex");
}

const cleanTrees = new Map<string, Promise<Map<string, string>>>();

/**
 * The tree a clean build writes: the same articles (as they are now), the same settings, a new
 * output folder and a new cache. Remembered per test file by the articles' content and the
 * settings, so cases that end with the same archive share one clean build.
 */
export async function cleanTree(place: Pick<BuildPlace, "articles" | "env" | "args">, options: RunOptions = {}): Promise<Map<string, string>> {
  const key = JSON.stringify([await folderKey(place.articles), place.env ?? {}, place.args ?? [], options.env ?? {}, options.wrap ?? []]);
  let tree = cleanTrees.get(key);
  if (!tree) {
    tree = (async () => {
      const fresh = await freshPlace(place.articles, place.env, place.args);
      const end = await build(fresh, options);
      if (end.code !== 0) throw new Error(`the clean build to compare with failed: ${describeEnd(end)}`);
      return siteTree(fresh.output);
    })();
    cleanTrees.set(key, tree);
    tree.catch(() => cleanTrees.delete(key));
  }
  return tree;
}

/** The paths where `output` and a clean build of the same articles and settings differ (at most 20 shown, then a count). */
export async function differencesFromClean(place: BuildPlace, options: RunOptions = {}): Promise<string[]> {
  const differences = treeDifferences(await siteTree(place.output), await cleanTree(place, options));
  return differences.length > 20 ? [...differences.slice(0, 20), `… and ${differences.length - 20} more`] : differences;
}

// ---------------------------------------------------------------- articles and settings

/** Writes files into an articles folder (creating sub-folders): `{ "2019/a.txt": text }`. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
}

/** `_data/site.json` of the project, read only: tests write their own settings files from it. */
export async function projectSettings(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(PROJECT, "_data/site.json"), "utf8")) as Record<string, unknown>;
}

/** Writes a settings file named `site.json` in a new folder and returns its path (for `BROADSHEET_SETTINGS`). */
export async function settingsFile(text: string): Promise<string> {
  const file = path.join(await tempDir("settings"), "site.json");
  await writeFile(file, text);
  return file;
}

// ---------------------------------------------------------------- the machine

/** Whether this machine lets an unprivileged process make a user (and mount) namespace. */
export function canUnshare(...flags: string[]): boolean {
  return spawnSync("unshare", [...flags, "true"], { stdio: "ignore" }).status === 0;
}

/** A TCP port free on loopback now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- more articles

/**
 * `count` articles beyond the fixture's, dated in 2019 (a year the fixture has not), in its
 * sections, the first in `POTATO FIELDS`, a section no fixture article has: a stale page of that
 * section, or of 2019, shows at once. Each holds a word of its own (`zqaddedNx`).
 */
export function addedArticles(count: number): FixtureArticle[] {
  const sections = ["POTATO FIELDS", "HARBOUR NEWS", "CITY COUNCIL", "WEATHER", "US ELECTIONS"];
  return Array.from({ length: count }, (_, i) => ({
    file: `added/story-${String(i + 1).padStart(2, "0")}.txt`,
    date: `2019-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + ((i * 3) % 28)).padStart(2, "0")}`,
    section: i === 0 ? "POTATO FIELDS" : sections[1 + (i % 4)]!,
    headline: `Added story number ${i + 1} about the harvest`,
    standfirst: `A later report on the harvest, number ${i + 1}`,
    paragraphs: [
      `Growers met on Monday to talk about the harvest, which was later than last year, officials said.`,
      `The marker zqadded${i + 1}x was recorded in the minutes, and a further meeting is planned.`,
    ],
    source: "Reuters",
  }));
}

/** The folder of the new section's pages: `/potato-fields/`. */
export const NEW_SECTION = "potato-fields";

/** Writes articles into an articles folder. */
export async function addArticles(dir: string, articles: readonly FixtureArticle[]): Promise<void> {
  await writeFiles(dir, Object.fromEntries(articles.map((a) => [a.file, articleText(a)])));
}

/** Deletes articles' files from an articles folder. */
export async function removeArticles(dir: string, articles: readonly FixtureArticle[]): Promise<void> {
  for (const a of articles) await rm(path.join(dir, a.file), { force: true });
}

// ---------------------------------------------------------------- a full disk, simulated

/** Fails Node's file writes with ENOSPC once BROADSHEET_FAULT_DISK_BYTES are written, in every thread. */
const FULL_DISK_MODULE = `
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
let left = Number(process.env.BROADSHEET_FAULT_DISK_BYTES);
const full = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
const size = (data) => (typeof data === "string" ? Buffer.byteLength(data) : data?.byteLength ?? 0);
const take = (data) => { left -= size(data); return left < 0; };
for (const name of ["writeFileSync", "appendFileSync"]) {
  const real = fs[name];
  fs[name] = (file, data, ...rest) => { if (take(data)) throw full(); return real(file, data, ...rest); };
}
const realWriteSync = fs.writeSync;
fs.writeSync = (fd, data, ...rest) => { if (take(data)) throw full(); return realWriteSync(fd, data, ...rest); };
for (const name of ["writeFile", "appendFile"]) {
  const real = fs.promises[name];
  fs.promises[name] = async (file, data, ...rest) => { if (take(data)) throw full(); return real(file, data, ...rest); };
}
syncBuiltinESMExports();
`;

/**
 * The environment of a build on a disk that holds `bytes` more: where a test may not mount a
 * tmpfs, Node's own writes (pages, caches) fail with ENOSPC past that size. Pagefind, a program
 * of its own, still writes.
 */
export async function simulatedFullDisk(bytes: number): Promise<Record<string, string>> {
  const module = path.join(await tempDir("full-disk"), "full-disk.mjs");
  await writeFile(module, FULL_DISK_MODULE);
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(module).href}`.trim(), BROADSHEET_FAULT_DISK_BYTES: String(bytes) };
}

// ---------------------------------------------------------------- Pagefind stand-ins

/** The Pagefind binary the `pagefind` package would run on this machine. */
export function pagefindBinary(): string {
  const require = createRequire(path.join(PROJECT, "package.json"));
  return require.resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);
}

/** Writes an executable shell script and returns its path. */
export async function shellScript(name: string, body: string): Promise<string> {
  const file = path.join(await tempDir("bin"), name);
  await writeFile(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** The environment that makes the `pagefind` package run `binary` instead of its own. */
export function pagefindEnv(binary: string): Record<string, string> {
  return { PAGEFIND_BINARY_PATH: binary, PAGEFIND_EXTENDED_BINARY_PATH: binary };
}

/** Pagefind held back until the test opens its gate. */
export interface GatedPagefind {
  /** For the build to hold back: `PAGEFIND_BINARY_PATH` and its extended twin. */
  readonly env: Record<string, string>;
  /** How many Pagefind processes have reached the gate so far. */
  arrived(): number;
  /** Lets every Pagefind process waiting, and any started later, go on. */
  open(): Promise<void>;
}

/**
 * The real Pagefind, held at its start until `open()` (or for 10 s at most), as on a loaded
 * machine: the build's search indexing, which reads articles' text, then runs after the pages
 * drawn before the gate opens. Its output is Pagefind's own.
 */
export async function gatedPagefind(): Promise<GatedPagefind> {
  const folder = await tempDir("gate");
  const gate = path.join(folder, "open");
  const binary = await shellScript(
    "pagefind-gated",
    [
      `: > "${folder}/arrived-$$"`,
      "i=0",
      `while [ ! -e "${gate}" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done`,
      `exec "${pagefindBinary()}" "$@"`,
    ].join("\n"),
  );
  return {
    env: pagefindEnv(binary),
    arrived: () => readdirSync(folder).filter((name) => name.startsWith("arrived-")).length,
    open: () => writeFile(gate, ""),
  };
}
