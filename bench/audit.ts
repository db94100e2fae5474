/**
 * Lighthouse over every kind of page of a built site, on a phone and on a desktop:
 * `npm run audit -- [--site _site] [--lighthouse DIR]`. Lighthouse is not a dependency of the
 * project (it is large, and only this needs it): install it beside (`npm i --no-save lighthouse@12`)
 * or in a folder given with `--lighthouse`. It drives Debian's Chromium (`/usr/bin/chromium`, or
 * CHROMIUM_PATH). The site is served on loopback with brotli or gzip, as a static host would.
 * Also prints the largest HTML page and the most elements on one page. Nothing is asserted.
 */
import { execFile } from "node:child_process";
import { readFile, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import * as f from "./format.js";
import { serveSite } from "./serve.js";

const run = promisify(execFile);
const { values } = parseArgs({ options: { site: { type: "string", default: "_site" }, lighthouse: { type: "string" } } });
const site = path.resolve(values.site);
const say = (text = ""): void => void process.stdout.write(`${text}\n`);

/** The Lighthouse command line, from --lighthouse or from this project's node_modules. */
function lighthouseCli(): string {
  const from = values.lighthouse ? path.resolve(values.lighthouse, "package.json") : path.resolve("package.json");
  try {
    return createRequire(from).resolve("lighthouse/cli/index.js");
  } catch {
    throw new Error("Lighthouse not found: npm i --no-save lighthouse@12 (or --lighthouse DIR, a folder where it is installed)");
  }
}

/** What kind of page a site path is, by the URL scheme (README); null for files that are no page. */
function kindOf(url: string): string | null {
  const fixed: Record<string, string> = { "/": "home", "/sections/": "sections index", "/source/": "sources index", "/archive/": "archive index", "/search/": "search", "/topics/": "topics index" };
  if (fixed[url]) return fixed[url]!;
  const parts = url.split("/").filter(Boolean);
  const paged = parts.at(-2) === "page" ? parts.slice(0, -2) : parts;
  if (paged[0] === "topic") return paged.length === 2 ? "topic page" : null;
  if (paged[0] === "topics") return paged.length === 2 ? "topics of a kind" : "topics of a kind, by letter";
  if (paged[0] === "archive") return ["year", "month", "day"][paged.length - 2] ?? null;
  if (paged[0] === "source") return paged.length === 2 ? "source page" : null;
  if (paged[0]?.startsWith("pagefind") || paged[0] === "assets") return null;
  if (paged.length === 1) return "section front";
  return parts.length === 5 ? "article" : null;
}

/** The largest page of each kind in the built site: the one a reader's phone struggles with most. */
async function pageKinds(): Promise<[string, string][]> {
  const largest = new Map<string, { url: string; size: number }>();
  for (const e of await readdir(site, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || e.name !== "index.html") continue;
    const url = `/${path.relative(site, e.parentPath).split(path.sep).join("/")}/`.replace(/^\/\/$/u, "/");
    const kind = kindOf(url);
    if (kind === null) continue;
    const { size } = await stat(path.join(e.parentPath, e.name));
    if (size > (largest.get(kind)?.size ?? -1)) largest.set(kind, { url, size });
  }
  const order = ["home", "article", "section front", "source page", "topic page", "year", "month", "day", "sections index", "sources index", "archive index", "topics index", "topics of a kind", "topics of a kind, by letter", "search"];
  return order.flatMap((kind) => (largest.has(kind) ? [[`${kind}, the largest`, largest.get(kind)!.url] as [string, string]] : []));
}

async function largestPage(): Promise<{ file: string; bytes: number; elements: number; mostElements: string; mostCount: number }> {
  let biggest = { file: "", bytes: 0 };
  let most = { file: "", count: 0 };
  for (const e of await readdir(site, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith(".html")) continue;
    const file = path.join(e.parentPath, e.name);
    const { size } = await stat(file);
    if (size > biggest.bytes) biggest = { file, bytes: size };
    if (size > most.count / 4) {
      const count = ((await readFile(file, "utf8")).match(/<[a-zA-Z]/gu) ?? []).length;
      if (count > most.count) most = { file, count };
    }
  }
  const elements = ((await readFile(biggest.file, "utf8")).match(/<[a-zA-Z]/gu) ?? []).length;
  return { file: path.relative(site, biggest.file), bytes: biggest.bytes, elements, mostElements: path.relative(site, most.file), mostCount: most.count };
}

async function main(): Promise<void> {
  const cli = lighthouseCli();
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const server = await serveSite(site);
  try {
    const big = await largestPage();
    say(`largest HTML page: /${big.file}, ${f.bytes(big.bytes)}, ${f.int(big.elements)} elements; most elements: /${big.mostElements}, ${f.int(big.mostCount)}`);
    const rows = [["page", "form", "performance", "accessibility", "best practices", "SEO"]];
    for (const [kind, url] of await pageKinds()) {
      for (const form of ["mobile", "desktop"] as const) {
        const args = [cli, `${server.url}${url}`, `--chrome-path=${chromium}`, "--chrome-flags=--no-sandbox --headless=new", "--output=json", "--output-path=stdout", "--quiet", ...(form === "desktop" ? ["--preset=desktop"] : [])];
        const { stdout } = await run(process.execPath, args, { maxBuffer: 256 * 2 ** 20 });
        const report = JSON.parse(stdout) as { categories: Record<string, { score: number | null }> };
        const score = (key: string): string => String(Math.round((report.categories[key]?.score ?? 0) * 100));
        rows.push([`${kind}: ${url}`, form, score("performance"), score("accessibility"), score("best-practices"), score("seo")]);
        say(rows.at(-1)!.join("  "));
      }
    }
    say();
    say(f.table(rows));
  } finally {
    await server.close();
  }
}

await main();
