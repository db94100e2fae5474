import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir, rm, rmdir, stat } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Settings } from "../settings.js";
import { stampOf } from "../io/keptInMemory.js";

/**
 * Build caches live here, outside the output: never deployed, never committed.
 * `BROADSHEET_CACHE` moves them (tests give each build its own).
 */
export const CACHE_DIR = process.env.BROADSHEET_CACHE ?? ".cache/broadsheet";

/**
 * Everything that shapes a page apart from its data: templates, settings, code, Eleventy itself.
 * Not `pages/assets`: the stylesheet and script are copied, and change no page.
 */
const TEMPLATE_INPUTS = ["pages", "_includes", "_data", "src", "package-lock.json"];
const NOT_TEMPLATES = `pages${path.sep}assets${path.sep}`;

async function filesUnder(target: string): Promise<string[]> {
  try {
    const entries = await readdir(target, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOTDIR") return [target];
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/**
 * Files this process has hashed, with what the file system said of each then: the watch server
 * fingerprints the same templates and code (some hundred files) every rebuild, where a `stat`
 * says whether they changed.
 */
const hashed = new Map<string, { readonly stamp: string; readonly digest: Buffer }>();

/**
 * Within this long of its last change a file's stamp is not trusted: file systems keep times to
 * a clock tick, and a second write of the same size within one would leave the stamp as it was.
 */
const SETTLE_MS = 2_000;

async function fileDigest(file: string): Promise<Buffer> {
  const s = await stat(file, { bigint: true });
  const stamp = stampOf(s);
  const known = hashed.get(file);
  if (known?.stamp === stamp) return known.digest;
  const digest = createHash("sha1").update(await readFile(file)).digest();
  const changedMs = Number((s.mtimeNs > s.ctimeNs ? s.mtimeNs : s.ctimeNs) / 1_000_000n);
  if (Date.now() - changedMs > SETTLE_MS) hashed.set(file, { stamp, digest });
  else hashed.delete(file);
  return digest;
}

/** A hash of the named files and folders' contents, and of `extra`. */
export async function fingerprintFiles(inputs: readonly string[], extra = "", skip = "\0"): Promise<string> {
  const hash = createHash("sha1").update(extra);
  for (const input of inputs) {
    const files = (await filesUnder(input)).filter((file) => !file.startsWith(skip));
    for (const [i, digest] of (await Promise.all(files.map(fileDigest))).entries()) hash.update(files[i]!).update(digest);
  }
  return hash.digest("base64url");
}

export function templatesFingerprint(settings: Settings): Promise<string> {
  // How pages are drawn, not what: a build with other threads or runs writes the same bytes.
  const { workers: _workers, pagesPerRun: _pagesPerRun, ...shaping } = settings;
  return fingerprintFiles(TEMPLATE_INPUTS, JSON.stringify(shaping), NOT_TEMPLATES);
}

/** A cache file of one output folder (`manifest-<key>.json`), so builds into different folders never confuse each other. */
export function outputCacheFile(outputDir: string, name: string, extension: string): string {
  const key = createHash("sha1").update(path.resolve(outputDir)).digest("hex").slice(0, 16);
  return path.join(CACHE_DIR, `${name}-${key}.${extension}`);
}

/** The file a site path is written to: `/a/b/` → `a/b/index.html`. */
export function outputFile(outputDir: string, url: string): string {
  return path.join(outputDir, url.endsWith("/") ? `${url}index.html` : url);
}

export function isWritten(outputDir: string): (url: string) => boolean {
  return (url) => existsSync(outputFile(outputDir, url));
}

/**
 * Plain JavaScript, so that the worker needs no TypeScript loader: it only asks the file system.
 * It makes each page's file name as outputFile does: for the 158,509 pages of 100,000 articles,
 * making them took 0.3 to 0.4 s (timed alone), joining the site paths 0.02 s; on the build's
 * thread, that was part of every rebuild.
 */
const EXISTENCE_CHECK = `
const { parentPort, workerData } = require("node:worker_threads");
const { existsSync } = require("node:fs");
const path = require("node:path");
const { root, urls } = workerData;
parentPort.postMessage(urls.split("\\n").flatMap((url, i) => (existsSync(path.join(root, url.endsWith("/") ? url + "index.html" : url)) ? [] : [i])));
`;

/**
 * Which of `urls` (the pages the previous build wrote) are still in the output, asked on a worker
 * thread: at 100,000 pages the checks take half a second, which the main thread spends planning.
 * The answer covers only `urls`; the plan asks about no other page.
 */
export async function stillWritten(outputDir: string, urls: readonly string[]): Promise<(url: string) => boolean> {
  if (urls.length === 0) return () => false;
  // One string crosses to the worker faster than 100,000; site paths hold no newline.
  const missing = await new Promise<number[]>((resolve, reject) => {
    const worker = new Worker(EXISTENCE_CHECK, { eval: true, workerData: { root: path.resolve(outputDir), urls: urls.join("\n") } });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const gone = new Set(missing.map((i) => urls[i]!));
  return (url) => !gone.has(url);
}

/** Deletes the pages of removed articles, and the folders they leave empty. */
export async function removeStale(outputDir: string, urls: readonly string[]): Promise<void> {
  const root = path.resolve(outputDir);
  for (const url of urls) {
    const file = outputFile(root, url);
    await rm(file, { force: true });
    for (let dir = path.dirname(file); dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break; // not empty
      }
    }
  }
}

/** Deletes search bundles of periods the archive no longer has. */
export async function removeStaleBundles(outputDir: string, bundles: readonly string[]): Promise<void> {
  for (const bundle of bundles) await rm(path.join(outputDir, bundle), { recursive: true, force: true });
}
