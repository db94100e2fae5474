import { execFileSync, spawnSync } from "node:child_process";
import { utimesSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { COMMAND, configBeside, makeCommandBundle } from "../../bin/bundles.js";
import { buildSite, PROJECT } from "../support/buildSite.js";
import { writeArchive, fixtureArticles } from "../support/fixtureArchive.js";
import { nodeAsUser } from "../support/otherUser.js";
import { siteTree, treeDifferences } from "../support/siteTree.js";

const SEED = "articles/000_2b75a7af945c25a9.txt";

/** Runs the command; one that hangs is killed after 30 s and fails the test (its status is then null). */
function broadsheet(...args: string[]) {
  return spawnSync(process.execPath, ["bin/broadsheet.js", ...args], { cwd: PROJECT, encoding: "utf8", timeout: 30_000 });
}

describe("npx broadsheet parse", () => {
  it("prints the seed article as the documented JSON, field for field", async () => {
    const run = broadsheet("parse", SEED);
    expect(run.status).toBe(0);
    const [article, ...rest] = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rest).toEqual([]);
    expect(Object.keys(article!)).toEqual(["file", "date", "section", "sectionSlug", "headline", "standfirst", "dateline", "body", "source", "url", "words"]);
    expect(article).toMatchObject({
      file: SEED,
      date: "2017-04-12",
      section: "Syrian Conflict",
      sectionSlug: "syrian-conflict",
      headline: "Tillerson and Lavrov meet in Moscow as US blasts Russia about Syria",
      dateline: "Moscow",
      source: "Bloomberg",
      url: "/syrian-conflict/2017/04/12/tillerson-and-lavrov-meet-in-moscow-as-us-blasts-russia-about-syria/",
    });
    const body = article!.body as { type: string; text: string }[];
    expect(body.filter((b) => b.type === "heading")).toEqual([{ type: "heading", text: "Chemical attack" }]);
    expect(body[0]!.text.startsWith("US Secretary of State Rex Tillerson")).toBe(true);
    // Words of the standfirst and body as the file writes them: lines 3 to the credit, less the dateline.
    const lines = (await readFile(path.join(PROJECT, SEED), "utf8")).split("\n").slice(2, -2);
    const words = lines.join(" ").replace("Moscow — ", "").split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    expect(article!.words).toBe(words);
  });
});

describe("npx broadsheet check", () => {
  it("passes a good archive", async () => {
    const dir = await writeArchive(fixtureArticles());
    const run = broadsheet("check", dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/36 files, 36 articles, 0 rejected/u);
  });

  it("lists every problem in an archive as path:line: message and exits non-zero", async () => {
    const dir = await writeArchive(fixtureArticles().slice(0, 2), {
      "bad/date.txt": " date 2017-02-30 WEATHER\nHeadline\nBody.\n",
      "bad/header.txt": "Headline without a header\nBody.\n",
      "bad/body.txt": " date 2017-02-03 WEATHER\n\nJust a headline\n",
    });
    const run = broadsheet("check", dir);
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toContain(`${path.join(dir, "bad/date.txt")}:1: invalid date "2017-02-30": no such day`);
    expect(lines).toContain(`${path.join(dir, "bad/header.txt")}:1: missing header: expected \`date YYYY-MM-DD SECTION\`, found "Headline without a header"`);
    expect(lines).toContain(`${path.join(dir, "bad/body.txt")}:3: no body: the headline is not followed by any paragraph`);
    expect(lines.at(-1)).toMatch(/5 files, 2 articles, 3 rejected/u);
  });
});

describe("what is not an articles folder", () => {
  it("refuses a FIFO given as the folder at once, in check, parse and build alike", async () => {
    const fifo = path.join(await mkdtemp(path.join(os.tmpdir(), "broadsheet-fifo-")), "articles");
    execFileSync("mkfifo", [fifo]);
    for (const run of [broadsheet("check", fifo), broadsheet("parse", fifo)]) {
      expect(run.status).not.toBe(0);
      expect(run.status).not.toBe(null);
      expect(run.stderr).toContain(`${fifo}: not a regular file or folder (a FIFO)`);
    }
    const started = performance.now();
    const build = await buildSite(fifo);
    expect(build.code).not.toBe(0);
    expect(build.stderr).toContain(`${fifo}: not a regular file or folder (a FIFO)`);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it("says a folder that is not there is not there, without a stack trace", () => {
    const run = broadsheet("check", "no/such/articles");
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim()).toBe("broadsheet: no/such/articles: no such file or folder (ENOENT)");
  });

  it("fails a check of a folder with no article files in it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-articles-"));
    await mkdir(path.join(dir, ".git"));
    await writeFile(path.join(dir, ".git", "HEAD"), "ref: refs/heads/main\n");
    const run = broadsheet("check", dir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([`${dir}: no article files`, `${dir}: 0 files, 0 articles, 0 rejected, 0 warnings`]);
  });
});

describe("file names and files that cannot be read", () => {
  it("prints one line per problem, whatever control characters the names hold", async () => {
    const dir = await writeArchive(fixtureArticles().slice(0, 2), { "bad\nname.txt": " date 2017-02-30 WEATHER\nHeadline\nBody.\n" });
    const run = broadsheet("check", dir);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      `${dir}/bad\\nname.txt:1: invalid date "2017-02-30": no such day`,
      `${dir}: 3 files, 2 articles, 1 rejected, 0 warnings`,
    ]);
    const folder = `${dir}\tcopy`;
    execFileSync("cp", ["-r", dir, folder]);
    expect(broadsheet("check", folder).stderr.trim().split("\n").at(-1)).toBe(`${dir}\\tcopy: 3 files, 2 articles, 1 rejected, 0 warnings`);
  });

  it("rejects a file or folder its reader may not read, and checks the rest", async () => {
    const text = " date 2017-02-03 WEATHER\nHeadline\nBody.\n";
    const dir = await writeArchive(fixtureArticles().slice(0, 2), { "locked.txt": text, "shut/inside.txt": text });
    await chmod(path.join(dir, "locked.txt"), 0o000);
    await chmod(path.join(dir, "shut"), 0o000);
    const run = nodeAsUser(["bin/broadsheet.js", "check", dir]);
    expect(run.stderr.trim().split("\n")).toEqual([
      `${dir}/locked.txt: unreadable file (EACCES)`,
      `${dir}/shut: unreadable folder (EACCES)`,
      `${dir}: 4 files, 2 articles, 2 rejected, 0 warnings`,
    ]);
    expect(run.status).toBe(1);
  });

  it("builds as a clean build would once a cached file is made unreadable: an error, and with --lenient the rest published", async () => {
    const articles = fixtureArticles().slice(0, 3);
    const dir = await writeArchive(articles);
    const cache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
    const output = await mkdtemp(path.join(os.tmpdir(), "broadsheet-site-"));
    expect((await buildSite(dir, { cache, output })).code).toBe(0);
    const locked = path.join(dir, articles[0]!.file);
    await chmod(locked, 0o000);
    const env = { BROADSHEET_ARTICLES: dir, BROADSHEET_CACHE: cache };
    const build = (...args: string[]) => nodeAsUser(["bin/broadsheet.js", "build", "--quiet", `--output=${output}`, ...args], env);
    for (const run of [build(), build()]) {
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(`${locked}: unreadable file (EACCES)\n`);
      expect(run.stderr).not.toContain("build again");
    }
    const lenient = build("--lenient");
    expect(lenient.stderr).toContain(`${locked}: unreadable file (EACCES)\n`);
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toContain("read 3 files: 2 articles published, 1 rejected");
  });
});

describe("broadsheet build and the site's address", () => {
  it("warns once that the default address is this machine's, and not of a public one", async () => {
    const dir = await writeArchive(fixtureArticles().slice(0, 2));
    const local = await buildSite(dir, { env: { BROADSHEET_URL: "http://localhost:8080" } });
    expect(local.code).toBe(0);
    expect(local.stderr.split("\n").filter((l) => l.includes("warning: url is http://localhost:8080, this machine"))).toHaveLength(1);
    const published = await buildSite(dir, { env: { BROADSHEET_URL: "https://news.example.org" } });
    expect(published.code).toBe(0);
    expect(published.stderr).not.toContain("warning: url");
  });
});

describe("broadsheet build after an edit its file's stat does not show", () => {
  /** The pages of the site holding `text`, by path. */
  async function pagesWith(output: string, text: string): Promise<string[]> {
    const pages = (await readdir(output, { recursive: true })).filter((f) => f.endsWith("index.html"));
    const holding = await Promise.all(pages.map(async (f) => ((await readFile(path.join(output, f), "utf8")).includes(text) ? [f] : [])));
    return holding.flat();
  }

  it("publishes an edit that kept the file's size and mtime", async () => {
    const articles = fixtureArticles().slice(0, 3);
    const dir = await writeArchive(articles);
    const edited = path.join(dir, articles[0]!.file);
    // A time to the second, so that putting it back is exact.
    const mtime = new Date("2019-03-14T12:00:00Z");
    utimesSync(edited, mtime, mtime);
    const cache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
    const first = await buildSite(dir, { cache });
    expect(first.code).toBe(0);
    const marker = /\bzq\w+x\b/u.exec(await readFile(edited, "utf8"))![0];
    const [page] = await pagesWith(first.output, marker);
    expect(page).toBeDefined();

    const replacement = marker.replace("zq", "zw");
    await writeFile(edited, (await readFile(edited, "utf8")).replace(marker, replacement));
    utimesSync(edited, mtime, mtime);
    const second = await buildSite(dir, { cache, output: first.output });
    expect(second.code).toBe(0);
    expect(await pagesWith(first.output, replacement)).toEqual([page]);
    expect(await pagesWith(first.output, marker)).toEqual([]);
  });
});

describe("the command run from its bundle", () => {
  it("builds, with no TypeScript loader, the site its TypeScript builds", async () => {
    const dir = await writeArchive(fixtureArticles());
    const scripts = await mkdtemp(path.join(os.tmpdir(), "broadsheet-run-"));
    /** Node run with `args` (a script's text: run from a file of its own), building the archive into a new folder; that folder. */
    const buildWith = async (args: string[], script?: string): Promise<string> => {
      const output = await mkdtemp(path.join(os.tmpdir(), "broadsheet-site-"));
      const cache = await mkdtemp(path.join(os.tmpdir(), "broadsheet-cache-"));
      const argv = JSON.stringify(["build", "--quiet", `--output=${output}`]);
      // A file, not `--eval`: worker threads take Node's options, and `--input-type` fails them.
      const file = path.join(scripts, `${path.basename(output)}.mjs`);
      if (script) await writeFile(file, script.replace("ARGV", argv));
      const run = spawnSync(process.execPath, script ? [...args, file] : [...args, `--output=${output}`], {
        cwd: PROJECT,
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, BROADSHEET_ARTICLES: dir, BROADSHEET_CACHE: cache },
      });
      expect(run.stderr).not.toMatch(/error|exception/iu);
      expect(run.status).toBe(0);
      return output;
    };
    const bundle = await makeCommandBundle(COMMAND);
    expect(bundle).not.toBeNull();
    // Plain Node: a module of the bundle that still asked for TypeScript would fail to load.
    const bundled = await buildWith([], `const m = await import(${JSON.stringify(pathToFileURL(bundle!).href)});\nawait m.runCommand(ARGV, ${JSON.stringify(configBeside(bundle!))});\n`);
    const typeScript = await buildWith(["--import", "tsx"], `const m = await import(${JSON.stringify(pathToFileURL(path.join(PROJECT, "src/commandBundle.ts")).href)});\nawait m.runCommand(ARGV, ".eleventy.ts");\n`);
    const byCommand = await buildWith(["bin/broadsheet.js", "build", "--quiet"]);
    const [a, b, c] = await Promise.all([bundled, typeScript, byCommand].map(siteTree));
    expect(a!.size).toBeGreaterThan(100);
    expect(treeDifferences(a!, b!)).toEqual([]);
    expect(treeDifferences(c!, b!)).toEqual([]);
  }, 120_000);
});
