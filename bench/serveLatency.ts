/**
 * How long a saved article takes to appear under `npm start`:
 * `npm run bench:serve -- --articles DIR [--times 3]`. Starts `broadsheet serve` on the articles
 * (its own output and cache in a scratch folder), waits for the first build, then saves a new
 * article dated the day after the newest, `--times` times, and an edit of one of them. For each:
 * the time from the save to its page being served by the watch server, and to the search page
 * (in Chromium, as a reader would load it) listing it for a word found only in it. Printed, never
 * asserted; quote medians.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { publishArchive } from "../src/archive/archive.js";
import { loadSettings } from "../src/io/loadSettings.js";
import { readArchive } from "../src/io/readArchive.js";
import * as f from "./format.js";
import { SEARCH } from "./searchPage.js";

const PROJECT = path.resolve(import.meta.dirname, "..");
const PORT = 8391;
const say = (text = ""): void => void process.stdout.write(`${text}\n`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const { values } = parseArgs({ options: { articles: { type: "string" }, times: { type: "string", default: "3" } } });
if (!values.articles) throw new Error("usage: npm run bench:serve -- --articles DIR [--times N]");
const articles = path.resolve(values.articles);

const read = await readArchive([articles]);
const newest = read.articles.reduce((a, b) => (a > b.date ? a : b.date), "0000-00-00");
const nextDay = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function articleText(date: string, word: string, extra = ""): string {
  return `date ${date} GENERAL NEWS\nLatency check ${word}\nA story saved while the watch server runs.\n\nLondon — The word ${word} is in this story and no other.${extra}\n\nReuters\n`;
}

async function main(): Promise<void> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "broadsheet-serve-"));
  const output = path.join(scratch, "site");
  const added: string[] = [];
  const server = spawn(process.execPath, ["bin/broadsheet.js", "serve", "--quiet", `--output=${output}`, `--port=${PORT}`], {
    cwd: PROJECT,
    env: { ...process.env, BROADSHEET_ARTICLES: articles, BROADSHEET_CACHE: path.join(scratch, "cache") },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  server.stdout.on("data", (d: Buffer) => (log += d.toString()));
  server.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const started = Date.now();
    while (!/Server at/u.test(log) || !/broadsheet: wrote/u.test(log)) {
      if (server.exitCode !== null) throw new Error(`serve exited:\n${log.slice(-2000)}`);
      await sleep(100);
    }
    say(`${f.int(read.articles.length)} articles; first build and server up in ${f.seconds((Date.now() - started) / 1000)}`);
    const page = await browser.newPage();
    const settings = await loadSettings();
    const base = `http://localhost:${PORT}`;
    const rows = [["change", "page served", "found by search", "rebuild (build's summary)"]];
    const times = Number(values.times);
    for (let i = 0; i <= times; i++) {
      const edit = i === times;
      const word = `zqlatency${edit ? 0 : i}x`;
      const file = path.join(articles, `zz-latency-${edit ? 0 : i}.txt`);
      const text = articleText(nextDay(newest, 1), word, edit ? " An edited paragraph." : "");
      const url = publishArchive((await readArchive([await scratchFile(scratch, text)])).articles, { sectionNames: settings.sectionNames })[0]!.url;
      const summaries = (log.match(/broadsheet: wrote/gu) ?? []).length;
      await sleep(1500); // the watcher's debounce and the last rebuild's tail are not the change's
      const saved = Date.now();
      await writeFile(file, text);
      if (!edit) added.push(file);
      let served = 0;
      let found = 0;
      while (found === 0 && Date.now() - saved < 120_000) {
        if (served === 0 && (await fetch(base + url)).status === 200) {
          const html = await (await fetch(base + url)).text();
          if (!edit || html.includes("An edited paragraph.")) served = Date.now() - saved;
        }
        if (served > 0) {
          // The watch server reloads the page when a rebuild ends: a load or a look it cuts short is retried.
          const loaded = await page.goto(`${base}${SEARCH.path}?q=${word}`).then(
            () => true,
            () => false,
          );
          if (!loaded) continue;
          await page.waitForFunction((s) => document.querySelector(s.status)?.getAttribute("aria-busy") !== "true" && (document.querySelector(s.status)?.textContent ?? "") !== "", SEARCH, { timeout: 10_000 }).catch(() => undefined);
          const links = await page
            .locator(SEARCH.links)
            .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))
            .catch(() => [] as string[]);
          if (links.some((l) => l.endsWith(url))) found = Date.now() - saved;
        }
        if (found === 0) await sleep(50);
      }
      while ((log.match(/broadsheet: wrote/gu) ?? []).length === summaries) await sleep(50);
      const phases = /broadsheet: phases: ([^\n]*)/gu;
      const last = [...log.matchAll(phases)].at(-1)?.[1] ?? "";
      rows.push([edit ? "an added article, edited" : `article ${i + 1} added`, f.ms(served), found ? f.ms(found) : "not found in 120 s", last]);
    }
    say(f.table(rows));
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // gone already
    }
    await Promise.all(added.map((file) => rm(file, { force: true })));
    await rm(scratch, { recursive: true, force: true });
  }
}

/** A file outside the archive with `text`, to learn its URL from the core as the build will. */
async function scratchFile(scratch: string, text: string): Promise<string> {
  const file = path.join(scratch, "probe.txt");
  await writeFile(file, text);
  return file;
}

await main();
