/**
 * Broadsheet beside Hugo on the same articles: `npm run bench:hugo -- [--articles DIR] [--runs N]`.
 * Writes the articles as a Hugo site (one page each, section lists, minimal templates, no search)
 * in a scratch folder, then times clean builds of both, alternating, N runs each (default 3), in
 * one run of this script: the machine is shared and noisy, so the figures worth quoting are the
 * medians and the ratio of each pair. Default articles: the 19,043 Reuters stories. Needs `hugo`
 * on the PATH (Debian: `apt-get install hugo`). Figures are printed, never asserted.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { publishArchive } from "../src/archive/archive.js";
import { readArchive } from "../src/io/readArchive.js";
import { loadSettings } from "../src/io/loadSettings.js";
import { REUTERS_TARBALL, unpackedReuters } from "./corpus.js";
import { sampleTree } from "./processTree.js";
import { median } from "./searchCost.js";
import * as f from "./format.js";

const PROJECT = path.resolve(import.meta.dirname, "..");
const say = (text = ""): void => void process.stdout.write(`${text}\n`);

const { values } = parseArgs({ options: { articles: { type: "string" }, runs: { type: "string", default: "3" }, keep: { type: "boolean", default: false } } });
const runs = Number(values.runs);

/** The Reuters stories, unpacked once where the other benchmarks keep them. */
async function reuters(): Promise<string> {
  const tarball = path.join(PROJECT, REUTERS_TARBALL);
  if (!existsSync(tarball)) throw new Error(`no --articles folder given, and ${REUTERS_TARBALL} is not there`);
  return unpackedReuters(tarball);
}

const yamlString = (s: string): string => JSON.stringify(s);

const LAYOUTS: Record<string, string> = {
  "_default/baseof.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><nav><a href="/">Home</a></nav><main>{{ block "main" . }}{{ end }}</main></body></html>`,
  "_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.standfirst }}</p><time>{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}<p><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p></article>{{ end }}`,
  "_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 Jan 2006" }}</time></li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}{{ end }}`,
  "index.html": `{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 30 .Site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}`,
};

/** The articles as a Hugo site: one Markdown page each under its section, as Broadsheet parses them. */
async function hugoSite(articlesDir: string, dir: string): Promise<number> {
  const settings = await loadSettings();
  const read = await readArchive([articlesDir], { boilerplate: settings.boilerplate });
  const articles = publishArchive(read.articles, { sectionNames: settings.sectionNames });
  await writeFile(path.join(dir, "config.toml"), `baseURL = "https://example.org/"\ntitle = "Archive"\npaginate = ${settings.pageSize}\ndisableKinds = ["taxonomy", "term"]\n`);
  for (const [file, text] of Object.entries(LAYOUTS)) {
    await mkdir(path.dirname(path.join(dir, "layouts", file)), { recursive: true });
    await writeFile(path.join(dir, "layouts", file), text);
  }
  const sections = new Set<string>();
  for (const [i, a] of articles.entries()) {
    const folder = path.join(dir, "content", a.sectionSlug);
    if (!sections.has(a.sectionSlug)) {
      sections.add(a.sectionSlug);
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, "_index.md"), `---\ntitle: ${yamlString(a.section)}\n---\n`);
    }
    const body = a.body.map((b) => (b.type === "heading" ? `## ${b.text}` : b.text)).join("\n\n");
    const front = `---\ntitle: ${yamlString(a.headline)}\ndate: ${a.date}\nstandfirst: ${yamlString(a.standfirst ?? "")}\nslug: ${yamlString(`${a.url.split("/").at(-2)}-${i}`)}\n---\n`;
    await writeFile(path.join(folder, `${i}.md`), `${front}\n${body}\n`);
  }
  return articles.length;
}

interface Timed {
  readonly seconds: number;
  readonly cpu: number;
  /** Of `cpu`, Pagefind's processes' (sampled, so a little under what they used). */
  readonly pagefindCpu: number;
}

/** Wall and CPU time (user + system, children included) of one command, from `/usr/bin/time`; Pagefind's share sampled from its process tree. */
async function timed(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Timed> {
  const child = spawn("/usr/bin/time", ["-f", "%e %U %S", command, ...args], { ...options, stdio: ["ignore", "pipe", "pipe"] });
  const sampler = sampleTree(child.pid!, 100);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout = (stdout + d.toString()).slice(-2000)));
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const samples = sampler.stop();
  if (status !== 0) throw new Error(`${command} exited with ${status}:\n${stdout}\n${stderr}`);
  const [wall, user, sys] = stderr.trim().split("\n").at(-1)!.split(" ").map(Number) as [number, number, number];
  return { seconds: wall, cpu: user + sys, pagefindCpu: samples.at(-1)?.pagefindCpu ?? 0 };
}


async function main(): Promise<void> {
  const hugoVersion = spawnSync("hugo", ["version"], { encoding: "utf8" });
  if (hugoVersion.status !== 0) throw new Error("hugo is not on the PATH (Debian: apt-get install hugo)");
  const articlesDir = path.resolve(values.articles ?? (await reuters()));
  const scratch = await mkdtemp(path.join(os.tmpdir(), "broadsheet-hugo-"));
  const site = path.join(scratch, "hugo");
  await mkdir(site);
  const count = await hugoSite(articlesDir, site);
  say(`${f.int(count)} articles from ${articlesDir}; ${hugoVersion.stdout.trim().split(" ").slice(0, 2).join(" ")}; ${os.availableParallelism()} cores`);
  const pairs: { hugo: Timed; broadsheet: Timed }[] = [];
  // Every build writes into new folders, and nothing is deleted until the end: on a file system
  // with no journal (this machine's), ext4 skips inodes freed in the last minute when it makes a
  // file, and a build following the deletion of a 20,000-page site spent 10 to 30 s more in the
  // kernel (README, "Where the time goes"). `sync` first, so that no build pays for the last one's writes.
  for (let i = 0; i < runs; i++) {
    execFileSync("sync");
    const hugo = await timed("hugo", ["--quiet", `--destination=${path.join(scratch, `hugo-public-${i}`)}`], { cwd: site });
    const output = path.join(scratch, `site-${i}`);
    const cache = path.join(scratch, `cache-${i}`);
    execFileSync("sync");
    const broadsheet = await timed(process.execPath, ["bin/broadsheet.js", "build", "--quiet", `--output=${output}`], {
      cwd: PROJECT,
      env: { ...process.env, BROADSHEET_ARTICLES: articlesDir, BROADSHEET_CACHE: cache },
    });
    pairs.push({ hugo, broadsheet });
    say(`  run ${i + 1}: Hugo ${f.seconds(hugo.seconds)} (CPU ${f.seconds(hugo.cpu)}), Broadsheet ${f.seconds(broadsheet.seconds)} (CPU ${f.seconds(broadsheet.cpu)}, Pagefind's ${f.seconds(broadsheet.pagefindCpu)}): ${(broadsheet.seconds / hugo.seconds).toFixed(2)} ×`);
  }
  const hugo = median(pairs.map((p) => p.hugo.seconds));
  const ours = median(pairs.map((p) => p.broadsheet.seconds));
  const cpu = (of: (t: Timed) => number): string => f.seconds(median(pairs.map((p) => of(p.broadsheet))));
  say(`median wall: Hugo ${f.seconds(hugo)}, Broadsheet ${f.seconds(ours)} (search index included: of its CPU, ${cpu((t) => t.cpu)}, Pagefind's processes ${cpu((t) => t.pagefindCpu)}); median ratio of the pairs ${median(pairs.map((p) => p.broadsheet.seconds / p.hugo.seconds)).toFixed(2)} × (target ≤ 3 ×)`);
  if (values.keep) say(`kept ${scratch}`);
  else await rm(scratch, { recursive: true, force: true });
}

await main();
